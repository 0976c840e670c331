package org.sgae.tensor.attrs;

/**
 * Top-K pair scoring (RePN): S = Φ_s Φ_oᵀ (+ P_s P_oᵀ), r = σ(S), diagonal excluded, the K best (i, j) kept.
 *
 * @param k the number of pairs wanted; the op keeps min(k, N(N−1))
 */
public record PairScoreAttrs(int k) {
    public PairScoreAttrs {
        if (k < 0) {
            throw new IllegalArgumentException("pair_scores: k must be >= 0, got " + k);
        }
    }

    /** Pairs kept for n objects. */
    public int kept(int n) {
        return (int) Math.min(k, (long) n * Math.max(0, n - 1));
    }
}
