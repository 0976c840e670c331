package org.sgae.kernels;

/**
 * The tolerances of the parity suites (architecture.md section 9), in one place. A value passes when
 * |a − r| ≤ atol + rtol·|r|.
 */
public final class Tolerances {
    public static final float EPS_F32 = Math.ulp(1.0f);

    /** F32 elementwise vs a double reference: 1e-6 + 4·ε·|r|. */
    public static final Tol F32_ELEMENTWISE = new Tol(1e-6, 4 * EPS_F32);
    /** Transcendentals (exp, log, tanh, pow) on device math libraries: a few ulp more than one rounding. */
    public static final Tol F32_TRANSCENDENTAL = new Tol(1e-6, 16 * EPS_F32);
    /** Float atomics and other order-dependent accumulations: rtol 1e-4, atol 1e-6. */
    public static final Tol F32_ATOMIC = new Tol(1e-6, 1e-4);
    public static final Tol EXACT = new Tol(0, 0);

    private Tolerances() {
    }

    /** Reduction of length k: the relative part grows with √k (random-walk rounding). */
    public static Tol f32Reduction(int k) {
        return new Tol(1e-6 * Math.sqrt(Math.max(1, k)), 4 * EPS_F32 * Math.sqrt(Math.max(1, k)));
    }

    public record Tol(double atol, double rtol) {
        public boolean ok(double a, double r) {
            if (Double.isNaN(r)) {
                return Double.isNaN(a);
            }
            if (Double.isInfinite(r)) {
                return a == r;
            }
            return Math.abs(a - r) <= atol + rtol * Math.abs(r);
        }
    }
}
