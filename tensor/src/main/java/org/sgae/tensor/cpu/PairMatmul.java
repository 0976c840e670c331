package org.sgae.tensor.cpu;

import org.sgae.tensor.cpu.gemm.Sgemm;

/**
 * S = A·Bᵀ for the pair scores, with A = [a1 | a2] and B = [b1 | b2] concatenated along the feature axis
 * (a2/b2 optional): S[i,j] = Σ_q a1[i,q] b1[j,q] + Σ_q a2[i,q] b2[j,q], S row-major [N, N] from index 0.
 * Two calls of the engine's packed GEMM (the second accumulates with beta = 1), so pair scoring runs at the
 * GEMM's speed and there is no second matrix kernel to maintain.
 */
final class PairMatmul {
    private PairMatmul() {
    }

    static void abt(float[] a1, int a1o, float[] b1, int b1o, int d1, float[] a2, int a2o, float[] b2, int b2o,
                    int d2, int n, float[] s) {
        Sgemm.sgemm(false, true, n, n, d1, 1f, a1, a1o, d1, b1, b1o, d1, 0f, s, 0, n);
        if (a2 != null && d2 > 0) {
            Sgemm.sgemm(false, true, n, n, d2, 1f, a2, a2o, d2, b2, b2o, d2, 1f, s, 0, n);
        }
    }
}
