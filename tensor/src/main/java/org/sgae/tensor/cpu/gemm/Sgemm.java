package org.sgae.tensor.cpu.gemm;

import jdk.incubator.vector.VectorSpecies;
import org.sgae.tensor.cpu.CpuParallel;

/**
 * Single-precision GEMM on row-major {@code float[]} storage: {@code C = alpha·op(A)·op(B) + beta·C}.
 *
 * <p>Layouts (row-major, element (r, c) of a matrix with leading dimension ld at {@code off + r·ld + c}):
 * op(A) is m×k: A stored m×k ({@code transA=false}) or k×m ({@code transA=true});
 * op(B) is k×n: B stored k×n ({@code transB=false}) or n×k ({@code transB=true}); C is m×n.
 * {@code beta == 0} writes C without reading it (old contents may be NaN).
 *
 * <p>Algorithm (GotoBLAS/BLIS loop nest): for each NC-column block of C and KC-deep slice of K, the B block is
 * packed into NR-wide strips ({@link GemmKernel#NR} = 2 or 3 vectors); for each MC-row block, A is packed into MR-tall
 * strips with alpha folded in; an MR×NR register-tile micro-kernel ({@link GemmKernel}: the tile {@link GemmTiles}
 * chose for this machine by measurement, e.g. 4×16 with AVX2) runs over the strips. Work is split over
 * {@link CpuParallel} threads by rows or columns of C (whichever is longer); each thread packs into its own
 * reused thread-local buffers.
 */
public final class Sgemm {
    private Sgemm() {
    }

    /** Plain GEMM; see the class comment for layouts. */
    public static void sgemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
                             float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                             float beta, float[] c, int cOff, int ldc) {
        checkArgs(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc);
        if (alpha == 0f) {
            k = 0; // BLAS convention: A and B are not read, C = beta·C
        }
        GemmDriver.gemm(m, n, k, new Panels.DenseA(a, aOff, lda, transA, alpha),
                new Panels.DenseB(b, bOff, ldb, transB), beta, c, cOff, ldc, true);
    }

    /**
     * Strided batched GEMM: for {@code t in [0, batch)}, {@code C_t = alpha·op(A_t)·op(B_t) + beta·C_t} with
     * {@code A_t} at {@code aOff + t·strideA} (likewise B, C). Batches are run in parallel when there are
     * enough of them, otherwise one after the other with the parallel GEMM.
     */
    public static void sgemmBatched(boolean transA, boolean transB, int batch, int m, int n, int k, float alpha,
                                    float[] a, int aOff, int lda, int strideA,
                                    float[] b, int bOff, int ldb, int strideB,
                                    float beta, float[] c, int cOff, int ldc, int strideC) {
        if (batch < 0) {
            throw new IllegalArgumentException("batch < 0: " + batch);
        }
        if (batch == 0) {
            return;
        }
        checkArgs(transA, transB, m, n, k, a, aOff + (batch - 1) * (long) strideA, lda,
                b, bOff + (batch - 1) * (long) strideB, ldb, c, cOff + (batch - 1) * (long) strideC, ldc);
        int kk = alpha == 0f ? 0 : k; // BLAS convention: alpha = 0 reads neither A nor B
        long work = (long) m * n * Math.max(1, k);
        boolean perBatch = batch >= 4 * CpuParallel.threads() || work < GemmDriver.PARALLEL_WORK;
        if (perBatch) {
            CpuParallel.forRange(batch, 1, (t0, t1) -> {
                for (int t = t0; t < t1; t++) {
                    GemmDriver.gemm(m, n, kk, new Panels.DenseA(a, aOff + t * strideA, lda, transA, alpha),
                            new Panels.DenseB(b, bOff + t * strideB, ldb, transB),
                            beta, c, cOff + t * strideC, ldc, false);
                }
            });
        } else {
            for (int t = 0; t < batch; t++) {
                GemmDriver.gemm(m, n, kk, new Panels.DenseA(a, aOff + t * strideA, lda, transA, alpha),
                        new Panels.DenseB(b, bOff + t * strideB, ldb, transB),
                        beta, c, cOff + t * strideC, ldc, true);
            }
        }
    }

    private static void checkArgs(boolean transA, boolean transB, int m, int n, int k,
                                  float[] a, long aOff, int lda, float[] b, long bOff, int ldb,
                                  float[] c, long cOff, int ldc) {
        if (m < 0 || n < 0 || k < 0) {
            throw new IllegalArgumentException("negative size m=" + m + " n=" + n + " k=" + k);
        }
        if (m == 0 || n == 0) {
            return;
        }
        checkMatrix("C", c, cOff, m, n, ldc);
        if (k == 0) {
            return;
        }
        checkMatrix("A", a, aOff, transA ? k : m, transA ? m : k, lda);
        checkMatrix("B", b, bOff, transB ? n : k, transB ? k : n, ldb);
    }

    private static void checkMatrix(String name, float[] x, long off, int rows, int cols, int ld) {
        if (ld < cols) {
            throw new IllegalArgumentException("ld" + name.toLowerCase() + "=" + ld + " < " + cols + " columns");
        }
        long last = off + (long) (rows - 1) * ld + cols;
        if (off < 0 || last > x.length) {
            throw new IllegalArgumentException(name + " (" + rows + "x" + cols + ", ld " + ld + ", offset " + off
                    + ") exceeds its array of length " + x.length);
        }
    }

    /** Vector species used by the micro-kernel (the chosen tile's, see {@link GemmTiles}). */
    public static VectorSpecies<Float> species() {
        return GemmKernel.S;
    }

    /** For benchmarks: the register tile, e.g. "8x2v512", see {@link GemmTiles}. */
    public static String tile() {
        return GemmKernel.TILE.name;
    }

}
