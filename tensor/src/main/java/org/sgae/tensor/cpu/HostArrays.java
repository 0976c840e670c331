package org.sgae.tensor.cpu;

import org.sgae.tensor.DType;
import org.sgae.tensor.Tensor;
import org.sgae.tensor.memory.CpuStorage;

/**
 * Array access shared by the CPU families that run an F32 fast path or fall back to a double reference
 * ({@link CpuDetection}, {@link CpuLayout}): the tensors' arrays, double copies, and storing a double result.
 */
final class HostArrays {
    private HostArrays() {
    }

    static boolean f32(Tensor t) {
        return t.dtype() == DType.F32;
    }

    static float[] f(Tensor t) {
        return t.cpu().f32();
    }

    static double[] d(Tensor t) {
        return t == null ? null : t.toDoubleArray();
    }

    /** Copies a double result into out (F32 or F64) at its offset. */
    static void store(double[] v, Tensor out) {
        if (out == null) {
            return;
        }
        CpuStorage s = out.cpu();
        if (out.dtype() == DType.F64) {
            System.arraycopy(v, 0, s.f64(), out.offset(), out.numel());
        } else {
            float[] o = s.f32();
            for (int i = 0; i < out.numel(); i++) {
                o[out.offset() + i] = (float) v[i];
            }
        }
    }

    static int[] ints(Tensor t) {
        long[] l = t.toLongArray();
        int[] r = new int[l.length];
        for (int i = 0; i < l.length; i++) {
            r[i] = (int) l[i];
        }
        return r;
    }
}
