package org.sgae.tensor;

import static org.junit.jupiter.api.Assertions.fail;

/** Comparison of tensors (or arrays) against references, printing the first mismatches and the worst error. */
public final class TensorAsserts {
    private TensorAsserts() {
    }

    public static void assertClose(Tensor actual, Tensor ref, Tolerances.Tol tol, String name) {
        if (!actual.shape().equals(ref.shape())) {
            fail(name + ": shape " + actual.shape() + " differs from reference " + ref.shape());
        }
        if (actual.dtype() != ref.dtype()) {
            fail(name + ": dtype " + actual.dtype() + " differs from reference " + ref.dtype());
        }
        assertClose(actual.toDoubleArray(), ref.toDoubleArray(), tol, name);
    }

    public static void assertClose(double[] actual, double[] ref, Tolerances.Tol tol, String name) {
        if (actual.length != ref.length) {
            fail(name + ": length " + actual.length + " differs from reference " + ref.length);
        }
        StringBuilder sb = new StringBuilder();
        int bad = 0;
        double maxAbs = 0;
        int maxAt = -1;
        for (int i = 0; i < actual.length; i++) {
            double d = Math.abs(actual[i] - ref[i]);
            if (d > maxAbs || (Double.isNaN(d) && maxAt < 0)) {
                maxAbs = d;
                maxAt = i;
            }
            if (!tol.ok(actual[i], ref[i])) {
                if (bad < 5) {
                    sb.append(String.format("%n  [%d] actual %s ref %s", i, actual[i], ref[i]));
                }
                if (++bad >= 10) {
                    break;
                }
            }
        }
        if (bad > 0) {
            fail(name + ": " + bad + (bad >= 10 ? "+" : "") + " mismatches (" + tol + "), max abs diff " + maxAbs
                    + " at " + maxAt + sb);
        }
    }

    public static double[] toDouble(float[] f) {
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            d[i] = f[i];
        }
        return d;
    }
}
