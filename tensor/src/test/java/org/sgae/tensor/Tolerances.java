package org.sgae.tensor;

/**
 * The one place tolerance numbers live (architecture.md §9), shared by every module's tests through the tensor
 * test-jar. A value passes when |actual − ref| ≤ atol + rtol·|ref|; a NaN reference wants NaN, an infinite one the
 * same infinity. Each constant says where its size comes from; a test that needs another one adds it here, named,
 * with its derivation — never an inline number.
 */
public final class Tolerances {
    /** Float32 unit roundoff ε = 2⁻²³ ≈ 1.19e-7: the unit every F32 tolerance below is counted in. */
    public static final double EPS_F32 = Math.ulp(1.0f);
    /** Float64 unit roundoff ε = 2⁻⁵² ≈ 2.2e-16. */
    public static final double EPS_F64 = Math.ulp(1.0);

    /** Integer-valued data, selections, indices, copies: any difference is a bug. */
    public static final Tol EXACT = new Tol("EXACT", 0, 0);
    /**
     * F64 results against a double reference or a closed form: one rounding per op over short chains (≲ 10⁴
     * operations of unit-scale values, ≤ 10⁴·ε ≈ 2e-12), so 1e-12 absolute and relative.
     */
    public static final Tol F64_EXACTISH = new Tol("F64_EXACTISH", 1e-12, 1e-12);
    /** F32 elementwise op vs a double reference: one rounding of the result (ε) plus 3 ε for argument rounding. */
    public static final Tol F32_ELEMENTWISE = new Tol("F32_ELEMENTWISE", 1e-6, 4 * EPS_F32);
    /** Transcendentals (exp, log, tanh, pow) from vector or device math libraries: documented ≤ 4 ulp, ×4 headroom. */
    public static final Tol F32_TRANSCENDENTAL = new Tol("F32_TRANSCENDENTAL", 1e-6, 16 * EPS_F32);
    /**
     * Float atomics and order-dependent accumulation in backward passes (scatter/index-add, ROI overlaps): up to
     * ~10³ terms summed in any order, √10³·ε·|terms|/|sum| with cancellation — 1e-4 relative, 1e-6 absolute.
     */
    public static final Tol F32_ATOMIC = new Tol("F32_ATOMIC", 1e-6, 1e-4);
    /** Fast F32 detection paths vs double references on unit-scale data: float sums of ≤ ~10³ terms, ≲ 1e-5. */
    public static final Tol F32_VS_REF = new Tol("F32_VS_REF", 2e-5, 1e-5);
    /** F32 results vs torch's F32 results for the same inputs: both round each step, differently (≈ 40 ε). */
    public static final Tol F32_VS_TORCH = new Tol("F32_VS_TORCH", 5e-6, 1e-5);
    /**
     * Detection backward passes that accumulate many products into one cell (ROI overlaps, box gradients summed over
     * D·H·W ≈ 10⁴ terms): √10⁴·ε ≈ 1.2e-5 per unit term, and cancellation → 1e-4 absolute and relative.
     */
    public static final Tol F32_ACCUM_BWD = new Tol("F32_ACCUM_BWD", 1e-4, 1e-4);
    /**
     * Device detection and layout kernels vs the CPU (ROI Align, pair scores, layout warp): bilinear weights computed
     * in F32 from F32 coordinates (coordinate rounding ε·|x| ≤ 1e-5 at 100 px moves a weight by ~1e-5), float sums
     * of up to ~10³ unit-size terms, atomics reordering the backward sums → 2e-5 absolute, 1e-4 relative.
     */
    public static final Tol F32_DETECTION = new Tol("F32_DETECTION", 2e-5, 1e-4);
    /**
     * Box encode → decode round trips and decodes in F32: exp of a clamped log-ratio (≤ ln(1000/16) ≈ 4.1) loses
     * ~4 ε relative, boxes of up to 10³ px → 1e-4 px absolute; the decode's ±1 width terms add ε·10³ ≈ 1e-4.
     */
    public static final Tol F32_BOX_CODER = new Tol("F32_BOX_CODER", 1e-4, 1e-5);
    /**
     * Box decode with deltas at the clamp (exp(4.1) ≈ 62× scaling of a 10³ px box): the F32 product keeps ~7
     * digits of ~6·10⁴ px, so 1e-3 px absolute.
     */
    public static final Tol F32_BOX_DECODE_CLAMPED = new Tol("F32_BOX_DECODE_CLAMPED", 1e-3, 1e-5);

    /**
     * Winograd convolutions, applied to Σ|terms| of each output (not to |ref|): 200 ε = 2.4e-5. The transforms scale
     * values by up to 10 (Bᵀ row sums), 19 (Aᵀ) and 1/24 (G) around the float sums, so F(4×4, 3×3) loses about one
     * digit more than the direct form. Measured worst over all cases and seeds: 6.1e-6 (51 ε); 4× headroom, and
     * still fails on any wrong tap or tile (errors O(1)).
     */
    public static final Tol WINOGRAD_F32 = new Tol("WINOGRAD_F32", 1e-6, 200 * EPS_F32);

    /**
     * Whole-model CPU-vs-device values and gradients (architecture.md §9), applied to the largest |value| of each
     * tensor (not per element): every layer sums in another order, and the differences compound through ~10
     * layers and their backward passes (≈ 10 × √10³ × 4 ε ≈ 1.5e-4 per layer chain, observed up to ~1e-3 near
     * max-pool and leaky-ReLU switches) — 2e-2 of the scale, as the doc fixes it, with a 1e-6 floor.
     */
    public static final Tol MODEL_GRAD = new Tol("MODEL_GRAD", 1e-6, 2e-2);

    /**
     * 8-bit samples of a JPEG written at quality 1.0 (all-ones quantisation table) and decoded again: each DCT
     * coefficient is rounded to an integer and the inverse transform rounds once more, so a flat 8×8 block comes back
     * within ±2 levels. Lossless formats (PNG) get 0.
     */
    public static final int JPEG_BEST_QUALITY_LEVELS = 2;

    private Tolerances() {
    }

    /**
     * A float32 sum of k unit-scale terms (dot products, reductions, convolutions): rounding errors add like a
     * random walk, so both parts grow like √k — 4 ε √k relative, 1e-6 √k absolute (for sums that cancel to ~0).
     */
    public static Tol f32Reduction(int k) {
        double walk = Math.sqrt(Math.max(1, k));
        return new Tol("f32Reduction(" + k + ")", 1e-6 * walk, 4 * EPS_F32 * walk);
    }

    /**
     * A chain of n dependent float32 roundings (a product or recurrence of n steps): worst case n ε relative, since
     * each step's error is carried into every later one.
     */
    public static Tol f32Chain(int n) {
        return new Tol("f32Chain(" + n + ")", 1e-6, n * EPS_F32);
    }

    /** Absolute floor plus a part relative to the reference value; the name appears in failure messages. */
    public record Tol(String name, double atol, double rtol) {
        public boolean ok(double actual, double ref) {
            if (Double.isNaN(ref)) {
                return Double.isNaN(actual);
            }
            if (Double.isInfinite(ref)) {
                return actual == ref;
            }
            return Math.abs(actual - ref) <= atol + rtol * Math.abs(ref);
        }

        /** The bound |actual − ref| must stay within for this reference value. */
        public double bound(double ref) {
            return atol + rtol * Math.abs(ref);
        }

        @Override
        public String toString() {
            return name + " (atol " + atol + ", rtol " + rtol + ")";
        }
    }
}
