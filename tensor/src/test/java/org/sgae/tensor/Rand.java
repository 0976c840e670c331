package org.sgae.tensor;

import java.util.SplittableRandom;

/** Seeded random test tensors. */
public final class Rand {
    private Rand() {
    }

    public static Tensor uniform(long seed, DType dtype, double lo, double hi, int... shape) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] d = new double[Shape.of(shape).numel()];
        for (int i = 0; i < d.length; i++) {
            d[i] = r.nextDouble(lo, hi);
        }
        Tensor t = Tensor.of(d, shape);
        return dtype == DType.F64 ? t : t.to(dtype);
    }

    public static Tensor f32(long seed, int... shape) {
        return uniform(seed, DType.F32, -1, 1, shape);
    }

    public static Tensor f64(long seed, int... shape) {
        return uniform(seed, DType.F64, -1, 1, shape);
    }

    /** n standard-normal floats from r. */
    public static float[] gaussian(java.util.Random r, int n) {
        float[] f = new float[n];
        for (int i = 0; i < n; i++) {
            f[i] = (float) r.nextGaussian();
        }
        return f;
    }
}
