package org.sgae.kernels;

import org.junit.jupiter.api.Test;
import org.sgae.tensor.DType;
import org.sgae.tensor.Tensor;
import org.sgae.tensor.TensorAsserts;
import org.sgae.tensor.Tolerances;

/** gemm.k against the CPU backend's double path: all four transpose combinations, edge sizes, batch broadcast. */
public abstract class LinalgParityContract extends ParityBase {
    /** {batch, m, n, k}: non-multiples of the 64 tile and of the 16-deep K step, degenerate sizes, K = 0. */
    private static final int[][] SIZES = {{1, 1, 1, 1}, {2, 65, 33, 17}, {3, 7, 130, 64}, {1, 128, 64, 100},
        {2, 0, 5, 3}, {1, 5, 4, 0}, {0, 3, 3, 3}};

    @Test
    void matmulAllTransposes() {
        for (long seed : ParityBase.SEEDS) {
            for (int[] s : SIZES) {
                for (int t = 0; t < 4; t++) {
                    check(seed, s, (t & 1) != 0, (t & 2) != 0, false);
                }
            }
        }
    }

    /** Few output tiles and a long K: matmul takes the split-K path (partials + column reduction). */
    @Test
    void splitK() {
        for (long seed : ParityBase.SEEDS) {
            check(seed, new int[] {1, 20, 9, 3000}, false, false, false);
            check(seed, new int[] {1, 70, 65, 1100}, true, true, false);
        }
    }

    @Test
    void broadcastBatch() {
        for (long seed : ParityBase.SEEDS) {
            check(seed, new int[] {4, 19, 23, 31}, false, true, true);
            check(seed, new int[] {3, 70, 9, 5}, true, false, true);
        }
    }

    private void check(long seed, int[] s, boolean ta, boolean tb, boolean broadcastB) {
        int batch = s[0], m = s[1], n = s[2], k = s[3];
        Tensor a = uniform(seed, -1f, 1f, batch, ta ? k : m, ta ? m : k);
        Tensor b = uniform(seed + 100, -1f, 1f, broadcastB ? 1 : batch, tb ? n : k, tb ? k : n);
        int sb = broadcastB ? 0 : k * n;
        Tensor ref = cpuEmpty(DType.F64, batch, m, n);
        cpu().linalg().matmul(a.to(DType.F64), m * k, ta, b.to(DType.F64), sb, tb, batch, m, n, k, ref);
        Tensor out = devEmpty(DType.F32, batch, m, n);
        dev().linalg().matmul(on(a), m * k, ta, on(b), sb, tb, batch, m, n, k, out);
        TensorAsserts.assertClose(out.toDoubleArray(), ref.toDoubleArray(), Tolerances.f32Reduction(k),
                "matmul " + java.util.Arrays.toString(s) + " transA=" + ta + " transB=" + tb + " seed " + seed);
    }
}
