package org.sgae.tensor.cpu;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.function.ToDoubleFunction;

/**
 * Named tolerances and checks for the detection tests (the shared {@code Tolerances} of architecture §9 does not
 * exist yet on this branch; these follow its rules). A value passes when |a − r| ≤ atol + rtol·|r|.
 */
final class DetTol {
    record Tol(String name, double atol, double rtol) {
    }

    /** Fast F32 path vs double reference on unit-scale data: float sums of ≤ ~10³ terms, error ≲ 1e-5. */
    static final Tol F32_VS_REF = new Tol("F32_VS_REF", 2e-5, 1e-5);
    /** F32 results vs torch's F32 results for the same inputs (both round each step differently). */
    static final Tol F32_VS_TORCH = new Tol("F32_VS_TORCH", 5e-6, 1e-5);
    /** Backward passes that accumulate many products into one cell (ROI overlaps, box gradients over D·H·W). */
    static final Tol F32_ACCUM_BWD = new Tol("F32_ACCUM_BWD", 1e-4, 1e-4);
    /** Exact arithmetic (integer-valued data, selections, indices). */
    static final Tol EXACT = new Tol("EXACT", 0, 0);

    /** F64_GRADCHECK: central differences with this step. */
    static final double GRAD_EPS = 1e-6;
    /** F64_GRADCHECK: |a − n|/(|a| + |n|) ≤ 1e-5, or |a − n| ≤ 1e-8. */
    static final double GRAD_RTOL = 1e-5;
    static final double GRAD_ATOL = 1e-8;

    private DetTol() {
    }

    static void assertClose(float[] actual, double[] ref, Tol t, String what) {
        double[] a = new double[actual.length];
        for (int i = 0; i < a.length; i++) {
            a[i] = actual[i];
        }
        assertClose(a, ref, t, what);
    }

    static void assertClose(float[] actual, float[] ref, Tol t, String what) {
        double[] r = new double[ref.length];
        for (int i = 0; i < r.length; i++) {
            r[i] = ref[i];
        }
        assertClose(actual, r, t, what);
    }

    /** Fails listing the first mismatches and the worst absolute difference. */
    static void assertClose(double[] actual, double[] ref, Tol t, String what) {
        if (actual.length != ref.length) {
            fail(what + ": length " + actual.length + " vs reference " + ref.length);
        }
        StringBuilder sb = new StringBuilder();
        int bad = 0;
        double worst = 0;
        int worstAt = -1;
        for (int i = 0; i < ref.length; i++) {
            double d = Math.abs(actual[i] - ref[i]);
            if (!(d <= t.atol() + t.rtol() * Math.abs(ref[i]))) {
                if (bad < 5) {
                    sb.append(String.format("%n  [%d] actual %.9g ref %.9g diff %.3g", i, actual[i], ref[i], d));
                }
                bad++;
            }
            if (d > worst || Double.isNaN(d)) {
                worst = d;
                worstAt = i;
            }
        }
        if (bad > 0) {
            fail(what + ": " + bad + " of " + ref.length + " values outside " + t + ", max abs diff " + worst
                    + " at " + worstAt + sb);
        }
    }

    /**
     * Central-difference check of an analytic gradient of a scalar loss in F64: perturbs each x[i] by ±GRAD_EPS
     * (x is restored) and compares.
     */
    static void gradCheck(String what, double[] x, ToDoubleFunction<double[]> loss, double[] analytic) {
        StringBuilder sb = new StringBuilder();
        int bad = 0;
        for (int i = 0; i < x.length; i++) {
            double keep = x[i];
            x[i] = keep + GRAD_EPS;
            double up = loss.applyAsDouble(x);
            x[i] = keep - GRAD_EPS;
            double down = loss.applyAsDouble(x);
            x[i] = keep;
            double num = (up - down) / (2 * GRAD_EPS);
            double a = analytic[i];
            double diff = Math.abs(a - num);
            if (!(diff <= GRAD_ATOL || diff / (Math.abs(a) + Math.abs(num)) <= GRAD_RTOL)) {
                if (bad < 5) {
                    sb.append(String.format("%n  [%d] analytic %.9g numeric %.9g", i, a, num));
                }
                bad++;
            }
        }
        if (bad > 0) {
            fail(what + ": " + bad + " of " + x.length + " gradient entries fail F64_GRADCHECK" + sb);
        }
    }

    static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    static double[] toDouble(float[] f) {
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            d[i] = f[i];
        }
        return d;
    }

    static float[] randn(java.util.Random r, int n) {
        float[] f = new float[n];
        for (int i = 0; i < n; i++) {
            f[i] = (float) r.nextGaussian();
        }
        return f;
    }
}
