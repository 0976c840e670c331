package org.sgae.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import org.sgae.tensor.Tensor;

/** Value comparisons that print the first mismatches and the worst difference (after llm.c's validate_result). */
public final class Asserts {
    private Asserts() {
    }

    public static void assertClose(Tensor actual, Tensor ref, Tolerances.Tol tol, String what) {
        assertEquals(ref.shape(), actual.shape(), what + ": shape");
        assertEquals(ref.dtype(), actual.dtype(), what + ": dtype");
        assertClose(actual.toDoubleArray(), ref.toDoubleArray(), tol, what);
    }

    public static void assertClose(double[] a, double[] r, Tolerances.Tol tol, String what) {
        assertEquals(r.length, a.length, what + ": length");
        StringBuilder msg = new StringBuilder();
        int bad = 0;
        int worst = -1;
        double worstDiff = -1;
        for (int i = 0; i < r.length; i++) {
            double d = Math.abs(a[i] - r[i]);
            if (!tol.ok(a[i], r[i])) {
                if (bad < 5) {
                    msg.append(String.format("%n  [%d] actual %.9g ref %.9g diff %.3g", i, a[i], r[i], d));
                }
                bad++;
            }
            if (d > worstDiff || Double.isNaN(d)) {
                worstDiff = d;
                worst = i;
            }
        }
        if (bad > 0) {
            fail(what + ": " + bad + " of " + r.length + " values outside " + tol + "; worst |diff| " + worstDiff
                    + " at " + worst + msg);
        }
    }

    public static void assertExact(Tensor actual, Tensor ref, String what) {
        assertEquals(ref.shape(), actual.shape(), what + ": shape");
        assertEquals(ref.dtype(), actual.dtype(), what + ": dtype");
        assertArrayEquals(ref.toLongArray(), actual.toLongArray(), what);
    }
}
