package org.sgae.tensor;

/**
 * The one place tolerance numbers live (architecture.md §9). Each is |actual − ref| ≤ atol + rtol·|ref|.
 */
public final class Tolerances {
    /** One rounding per op plus a few ulp for vector transcendentals (SVML exp/log/tanh are ≤ 4 ulp). */
    public static final Tol F32_ELEMENTWISE = new Tol(1e-6, 4 * Math.ulp(1f));
    /** F64 paths compared with a double reference: rounding only. */
    public static final Tol F64_EXACTISH = new Tol(1e-12, 1e-12);
    /** Float atomics or reordered accumulation in backward passes. */
    public static final Tol F32_ATOMIC_BWD = new Tol(1e-6, 1e-4);

    private Tolerances() {
    }

    /** A float32 sum of k terms: the relative part grows like sqrt(k) (random-walk rounding). */
    public static Tol f32Reduction(int k) {
        return new Tol(1e-6, 4 * Math.ulp(1f) * Math.sqrt(Math.max(1, k)));
    }

    /** Absolute floor plus a part relative to the reference value. */
    public record Tol(double atol, double rtol) {
        public boolean ok(double actual, double ref) {
            if (Double.isNaN(ref)) {
                return Double.isNaN(actual);
            }
            if (Double.isInfinite(ref)) {
                return actual == ref;
            }
            return Math.abs(actual - ref) <= atol + rtol * Math.abs(ref);
        }
    }
}
