package org.sgae.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The test kit's comparisons (shared by every module through the tensor test-jar): tensors, arrays and scalars
 * against references under a named {@link Tolerances.Tol}, printing the first mismatches and the worst error
 * (after llm.c's validate_result).
 */
public final class TensorAsserts {
    /** Mismatches listed in a failure message; the count covers all of them. */
    private static final int LISTED = 5;

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

    /** Same shape, dtype and values bit for bit (compared as longs, so it suits integer and boolean tensors). */
    public static void assertExact(Tensor actual, Tensor ref, String name) {
        assertEquals(ref.shape(), actual.shape(), name + ": shape");
        assertEquals(ref.dtype(), actual.dtype(), name + ": dtype");
        assertArrayEquals(ref.toLongArray(), actual.toLongArray(), name);
    }

    public static void assertClose(double actual, double ref, Tolerances.Tol tol, String name) {
        if (!tol.ok(actual, ref)) {
            fail(String.format("%s: actual %.17g ref %.17g diff %.3g outside %s", name, actual, ref,
                    Math.abs(actual - ref), tol));
        }
    }

    public static void assertClose(float[] actual, double[] ref, Tolerances.Tol tol, String name) {
        assertClose(toDouble(actual), ref, tol, name);
    }

    public static void assertClose(float[] actual, float[] ref, Tolerances.Tol tol, String name) {
        assertClose(toDouble(actual), toDouble(ref), tol, name);
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
                if (bad < LISTED) {
                    sb.append(String.format("%n  [%d] actual %.9g ref %.9g diff %.3g", i, actual[i], ref[i], d));
                }
                bad++;
            }
        }
        if (bad > 0) {
            fail(name + ": " + bad + " of " + ref.length + " values outside " + tol + ", max abs diff " + maxAbs
                    + " at " + maxAt + sb);
        }
    }

    /**
     * |actual − ref| ≤ atol + rtol·magnitude per element, where magnitude is Σ|terms| of that output (the same
     * computation on |inputs|): the bound for sums whose terms cancel, such as transformed convolutions.
     */
    public static void assertCloseToMagnitude(float[] actual, float[] ref, float[] magnitude, Tolerances.Tol tol,
            String name) {
        if (actual.length != ref.length || magnitude.length != ref.length) {
            fail(name + ": lengths " + actual.length + ", " + ref.length + ", " + magnitude.length + " differ");
        }
        for (int i = 0; i < ref.length; i++) {
            double err = Math.abs((double) actual[i] - ref[i]);
            double bound = tol.bound(magnitude[i]);
            if (!(err <= bound)) {
                fail(name + ": index " + i + " got " + actual[i] + " want " + ref[i] + " (|err| " + err + " > " + bound
                        + ", " + tol + " of Σ|terms| " + magnitude[i] + ")");
            }
        }
    }

    /** |actual − ref| ≤ atol + rtol·max|ref| per element: for whole-model comparisons (see MODEL_GRAD). */
    public static void assertCloseToScale(double[] actual, double[] ref, Tolerances.Tol tol, String name) {
        double scale = 0;
        for (double v : ref) {
            scale = Math.max(scale, Math.abs(v));
        }
        for (int i = 0; i < ref.length; i++) {
            double err = Math.abs(actual[i] - ref[i]);
            if (!(err <= tol.bound(scale))) {
                fail(name + ": element " + i + " actual " + actual[i] + " ref " + ref[i] + " (|err| " + err + " > "
                        + tol.bound(scale) + ", " + tol + " of max|ref| " + scale + ")");
            }
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
