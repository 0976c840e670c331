package org.sgae.tensor.memory;

import org.sgae.tensor.DType;
import org.sgae.tensor.Device;

/** CPU storage: one Java primitive array from {@link CpuPool}. */
public final class CpuStorage extends Storage {
    private Object array;
    private final boolean pooled;

    private CpuStorage(DType dtype, int length, Object array, boolean pooled) {
        super(dtype, length);
        this.array = array;
        this.pooled = pooled;
    }

    /** Uninitialised storage of n elements from the pool. */
    public static CpuStorage allocate(DType dtype, int n) {
        return new CpuStorage(dtype, n, CpuPool.take(dtype, n), true);
    }

    /** Wraps an existing array without copying; it is never returned to the pool. */
    public static CpuStorage wrap(DType dtype, Object array) {
        return new CpuStorage(dtype, java.lang.reflect.Array.getLength(array), array, false);
    }

    @Override
    public Device device() {
        return Device.cpu();
    }

    public Object array() {
        checkLive();
        return array;
    }

    public float[] f32() {
        checkLive();
        return (float[]) array;
    }

    public double[] f64() {
        checkLive();
        return (double[]) array;
    }

    public int[] i32() {
        checkLive();
        return (int[]) array;
    }

    public long[] i64() {
        checkLive();
        return (long[]) array;
    }

    /** U8 and BOOL. */
    public byte[] u8() {
        checkLive();
        return (byte[]) array;
    }

    /** Slow generic read, for references and odd dtypes. */
    public double getDouble(int i) {
        switch (dtype()) {
            case F32:
                return ((float[]) array)[i];
            case F64:
                return ((double[]) array)[i];
            case I32:
                return ((int[]) array)[i];
            case I64:
                return ((long[]) array)[i];
            case U8:
                return ((byte[]) array)[i] & 0xff;
            default:
                return ((byte[]) array)[i] != 0 ? 1 : 0;
        }
    }

    /** Slow generic write; integer types truncate toward zero, BOOL stores value != 0. */
    public void setDouble(int i, double v) {
        switch (dtype()) {
            case F32:
                ((float[]) array)[i] = (float) v;
                break;
            case F64:
                ((double[]) array)[i] = v;
                break;
            case I32:
                ((int[]) array)[i] = (int) v;
                break;
            case I64:
                ((long[]) array)[i] = (long) v;
                break;
            case U8:
                ((byte[]) array)[i] = (byte) (int) v;
                break;
            default:
                ((byte[]) array)[i] = (byte) (v != 0 ? 1 : 0);
        }
    }

    public long getLong(int i) {
        switch (dtype()) {
            case I64:
                return ((long[]) array)[i];
            case I32:
                return ((int[]) array)[i];
            default:
                return (long) getDouble(i);
        }
    }

    @Override
    protected void free() {
        Object a = array;
        array = null;
        if (pooled && a != null) {
            CpuPool.give(dtype(), a);
        }
    }
}
