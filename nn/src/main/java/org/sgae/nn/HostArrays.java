package org.sgae.nn;

import java.nio.ByteBuffer;
import org.sgae.tensor.DType;

/** Copies between CPU storage arrays and little-endian byte buffers, by dtype (for safetensors I/O). */
final class HostArrays {
    private HostArrays() {
    }

    /** Appends n elements of array from index {@code from} to buf (whose byte order is already set). */
    static void put(DType dtype, Object array, int from, int n, ByteBuffer buf) {
        switch (dtype) {
            case F32:
                buf.asFloatBuffer().put((float[]) array, from, n);
                break;
            case F64:
                buf.asDoubleBuffer().put((double[]) array, from, n);
                break;
            case I32:
                buf.asIntBuffer().put((int[]) array, from, n);
                break;
            case I64:
                buf.asLongBuffer().put((long[]) array, from, n);
                break;
            default:
                buf.put((byte[]) array, from, n);
        }
        buf.position(n * dtype.byteSize());
    }

    /** Reads n elements from buf (byte order set) into array starting at index {@code from}. */
    static void get(DType dtype, ByteBuffer buf, Object array, int from, int n) {
        switch (dtype) {
            case F32:
                buf.asFloatBuffer().get((float[]) array, from, n);
                break;
            case F64:
                buf.asDoubleBuffer().get((double[]) array, from, n);
                break;
            case I32:
                buf.asIntBuffer().get((int[]) array, from, n);
                break;
            case I64:
                buf.asLongBuffer().get((long[]) array, from, n);
                break;
            default:
                buf.get((byte[]) array, from, n);
        }
    }
}
