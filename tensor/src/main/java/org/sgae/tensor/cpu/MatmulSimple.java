package org.sgae.tensor.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Row-parallel F32 GEMM, C = op(A)·op(B) (overwrite), row-major with leading dims. Rows of C are split over the
 * threads; each row is built by vector AXPYs over B's rows (or vector dots when B is transposed). Plain and correct
 * for any size; the packed register-blocked kernel ({@code Sgemm}) is the fast path for large products.
 */
final class MatmulSimple {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

    private MatmulSimple() {
    }

    static void gemm(boolean transA, boolean transB, int m, int n, int k, float[] a, int ao, int lda,
                     float[] b, int bo, int ldb, float[] c, int co, int ldc) {
        CpuParallel.forRange(m, Math.max(1, 32768 / Math.max(1, n * Math.max(1, k))), (from, to) -> {
            for (int i = from; i < to; i++) {
                int crow = co + i * ldc;
                if (transB) {
                    for (int j = 0; j < n; j++) {
                        c[crow + j] = dotRow(transA, a, ao, lda, i, b, bo + j * ldb, k);
                    }
                } else {
                    java.util.Arrays.fill(c, crow, crow + n, 0f);
                    for (int p = 0; p < k; p++) {
                        float av = transA ? a[ao + p * lda + i] : a[ao + i * lda + p];
                        if (av != 0f) {
                            axpy(av, b, bo + p * ldb, c, crow, n);
                        }
                    }
                }
            }
        });
    }

    private static float dotRow(boolean transA, float[] a, int ao, int lda, int i, float[] b, int bo, int k) {
        if (!transA) {
            int base = ao + i * lda;
            int p = 0;
            FloatVector acc = FloatVector.zero(S);
            for (int bound = S.loopBound(k); p < bound; p += S.length()) {
                acc = FloatVector.fromArray(S, a, base + p).fma(FloatVector.fromArray(S, b, bo + p), acc);
            }
            float s = acc.reduceLanes(VectorOperators.ADD);
            for (; p < k; p++) {
                s += a[base + p] * b[bo + p];
            }
            return s;
        }
        float s = 0f;
        for (int p = 0; p < k; p++) {
            s += a[ao + p * lda + i] * b[bo + p];
        }
        return s;
    }

    private static void axpy(float alpha, float[] x, int xo, float[] y, int yo, int n) {
        int j = 0;
        FloatVector av = FloatVector.broadcast(S, alpha);
        for (int bound = S.loopBound(n); j < bound; j += S.length()) {
            FloatVector.fromArray(S, x, xo + j).fma(av, FloatVector.fromArray(S, y, yo + j)).intoArray(y, yo + j);
        }
        for (; j < n; j++) {
            y[yo + j] += alpha * x[xo + j];
        }
    }
}
