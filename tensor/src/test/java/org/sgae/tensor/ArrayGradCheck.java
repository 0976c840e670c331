package org.sgae.tensor;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.function.ToDoubleFunction;

/**
 * Central-difference check of an analytic gradient of a scalar function of a double array — for references and
 * kernels tested below the autograd layer (autograd's own {@code GradCheck} covers recorded ops). Same criterion as
 * {@code GradCheck}: a component passes when |a − n| ≤ {@link #ATOL} or |a − n| / (|a| + |n|) ≤ {@link #RTOL}.
 */
public final class ArrayGradCheck {
    /** Step: the central difference's truncation error O(h²) ≈ 1e-12 stays below its rounding error ε/h ≈ 2e-10. */
    public static final double STEP = 1e-6;
    /** Relative agreement: rounding error ε/h ≈ 2e-10 relative to O(1) values, with 5·10⁴× headroom. */
    public static final double RTOL = 1e-5;
    /** Absolute floor for components that are (near) zero, where the relative test is meaningless. */
    public static final double ATOL = 1e-8;

    private ArrayGradCheck() {
    }

    /** Perturbs each x[i] by ±STEP (x is restored) and compares with analytic[i]. */
    public static void check(String name, double[] x, ToDoubleFunction<double[]> f, double[] analytic) {
        StringBuilder sb = new StringBuilder();
        int bad = 0;
        for (int i = 0; i < x.length; i++) {
            double keep = x[i];
            x[i] = keep + STEP;
            double up = f.applyAsDouble(x);
            x[i] = keep - STEP;
            double down = f.applyAsDouble(x);
            x[i] = keep;
            double num = (up - down) / (2 * STEP);
            double diff = Math.abs(analytic[i] - num);
            if (!(diff <= ATOL || diff / (Math.abs(analytic[i]) + Math.abs(num)) <= RTOL)) {
                if (bad < 5) {
                    sb.append(String.format("%n  [%d] analytic %.9g numeric %.9g", i, analytic[i], num));
                }
                bad++;
            }
        }
        if (bad > 0) {
            fail(name + ": " + bad + " of " + x.length + " gradient entries disagree with central differences" + sb);
        }
    }

    /** Σ a[i]·b[i]: turns an output and a fixed random cotangent into the scalar that {@link #check} needs. */
    public static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
