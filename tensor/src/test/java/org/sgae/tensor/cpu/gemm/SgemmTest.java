package org.sgae.tensor.cpu.gemm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.sgae.tensor.Tolerances;
import org.sgae.tensor.cpu.ref.MatmulRef;

/**
 * Sgemm (packed, vectorised, threaded) against MatmulRef (double accumulator).
 *
 * <p>Tolerance: {@link Tolerances#f32Reduction(int)} with k = the reduction length, applied to the magnitude
 * {@code |alpha|·Σ|a||b| + |beta·c|} instead of |ref|: a float sum of k products has rounding error about
 * ε·√k times the sum of the absolute terms, and using that magnitude keeps the rule meaningful where the terms
 * cancel and the reference is near zero.
 */
public class SgemmTest {
    private static final long[] SEEDS = {1, 2, 3};
    /**
     * m, n, k: empty, 1, primes, edges of the MR×NR tile, several K slices, several MC blocks, > NC columns
     * (serial here; parallel with the shared prepacked B in {@link #rowSplitAcrossColumnBlocks}), rows- and
     * columns-split parallel paths.
     */
    private static final int[][] SHAPES = {
        {0, 5, 3}, {5, 0, 3}, {4, 5, 0}, {1, 1, 1}, {1, 17, 1}, {17, 1, 3}, {2, 3, 5}, {6, 16, 7},
        {6, 32, 4}, {7, 33, 13}, {13, 31, 257}, {37, 61, 300}, {150, 47, 33}, {5, 4099, 3},
        {131, 129, 521}, {64, 64, 64}, {7, 4200, 70}};

    @Test
    void matchesReferenceAllTransposes() {
        for (long seed : SEEDS) {
            for (int[] d : SHAPES) {
                for (int t = 0; t < 4; t++) {
                    check(seed, d[0], d[1], d[2], (t & 1) != 0, (t & 2) != 0, 1f, 0f, 0, 0);
                }
            }
        }
    }

    /**
     * Last strips of at most one vector's columns take GemmDriver.narrow (one vector per row, even / odd k-steps
     * apart): widths 1, L − 1, L (narrow) and L + 1 (whole tile) past full strips, odd and even k, partial row
     * strips, every store mode (beta 0, 1, other).
     */
    @Test
    void narrowLastStripMatchesReference() {
        int l = GemmKernel.L;
        int nr = GemmKernel.NR;
        for (int w : new int[] {1, l - 1, l, l + 1}) {
            if (w < 1 || w >= nr) {
                continue;
            }
            for (int[] mk : new int[][] {{GemmKernel.MR + 1, 7}, {3 * GemmKernel.MR, 196}, {13, 300}}) {
                for (float beta : new float[] {0f, 1f, -0.5f}) {
                    check(3, mk[0], 2 * nr + w, mk[1], false, false, 1f, beta, 0, 0);
                    check(4, mk[0], w, mk[1], true, false, 1.5f, beta, 2, 1);
                }
            }
        }
    }

    /** Rows split over threads, B prepacked and shared, and more columns than one NC block (one case: big C). */
    @Test
    void rowSplitAcrossColumnBlocks() {
        check(5, 4100, 4090, 1, false, true, 1f, 0f, 0, 0);
    }

    @Test
    void alphaBetaOffsetsAndLeadingDims() {
        float[][] ab = {{1f, 1f}, {-0.5f, 2f}, {2.5f, -1f}, {0f, 0.5f}, {0f, 0f}, {1.5f, 0f}};
        for (long seed : SEEDS) {
            for (float[] x : ab) {
                for (int t = 0; t < 4; t++) {
                    check(seed, 23, 41, 67, (t & 1) != 0, (t & 2) != 0, x[0], x[1], 3, 5);
                    check(seed, 1, 7, 2, (t & 1) != 0, (t & 2) != 0, x[0], x[1], 1, 0);
                }
            }
        }
    }

    @Test
    void betaZeroIgnoresNanInC() {
        int m = 9;
        int n = 20;
        int k = 11;
        Random r = new Random(7);
        float[] a = rand(r, m * k);
        float[] b = rand(r, k * n);
        float[] c = new float[m * n];
        Arrays.fill(c, Float.NaN);
        Sgemm.sgemm(false, false, m, n, k, 1f, a, 0, k, b, 0, n, 0f, c, 0, n);
        for (float v : c) {
            assertTrue(Float.isFinite(v), "NaN leaked from C with beta = 0");
        }
        float[] c0 = new float[m * n];
        Arrays.fill(c0, Float.NaN);
        Sgemm.sgemm(false, false, m, n, 0, 1f, a, 0, k, b, 0, n, 0f, c0, 0, n);
        for (float v : c0) {
            assertEquals(0f, v, "k = 0, beta = 0 must give zeros");
        }
    }

    @Test
    void batchedMatchesPerBatchReference() {
        int[][] cases = {{3, 7, 9, 5}, {16, 5, 6, 7}, {2, 70, 90, 80}, {1, 1, 1, 1}, {0, 3, 3, 3}};
        for (long seed : SEEDS) {
            for (int[] cs : cases) {
                for (int t = 0; t < 4; t++) {
                    checkBatched(seed, cs[0], cs[1], cs[2], cs[3], (t & 1) != 0, (t & 2) != 0);
                }
            }
        }
    }

    @Test
    void rejectsBadArguments() {
        float[] a = new float[6];
        assertThrows(IllegalArgumentException.class,
                () -> Sgemm.sgemm(false, false, 2, 3, 2, 1f, a, 0, 2, a, 0, 3, 0f, a, 0, 2));
        assertThrows(IllegalArgumentException.class,
                () -> Sgemm.sgemm(false, false, 3, 3, 3, 1f, a, 0, 3, a, 0, 3, 0f, a, 0, 3));
        assertThrows(IllegalArgumentException.class,
                () -> Sgemm.sgemm(false, false, -1, 3, 3, 1f, a, 0, 3, a, 0, 3, 0f, a, 0, 3));
    }

    private static void check(long seed, int m, int n, int k, boolean ta, boolean tb, float alpha, float beta,
                              int pad, int off) {
        Random r = new Random(seed * 1000 + m * 31 + n * 7 + k);
        int lda = (ta ? m : k) + pad;
        int ldb = (tb ? k : n) + pad;
        int ldc = n + pad;
        float[] a = rand(r, off + (ta ? k : m) * lda);
        float[] b = rand(r, off + (tb ? n : k) * ldb);
        float[] c = rand(r, off + m * ldc);
        float[] ref = c.clone();
        float[] mag = abs(c);
        Sgemm.sgemm(ta, tb, m, n, k, alpha, a, off, lda, b, off, ldb, beta, c, off, ldc);
        MatmulRef.gemm(ta, tb, m, n, k, alpha, a, off, lda, b, off, ldb, beta, ref, off, ldc);
        MatmulRef.gemm(ta, tb, m, n, k, Math.abs(alpha), abs(a), off, lda, abs(b), off, ldb, Math.abs(beta),
                mag, off, ldc);
        String what = "seed " + seed + " m=" + m + " n=" + n + " k=" + k + " tA=" + ta + " tB=" + tb
                + " alpha=" + alpha + " beta=" + beta;
        assertClose(c, ref, mag, k, what);
    }

    private static void checkBatched(long seed, int batch, int m, int n, int k, boolean ta, boolean tb) {
        Random r = new Random(seed * 77 + batch);
        int sa = m * k + 3;
        int sb = k * n + 1;
        int sc = m * n + 2;
        float[] a = rand(r, Math.max(1, batch * sa));
        float[] b = rand(r, Math.max(1, batch * sb));
        float[] c = rand(r, Math.max(1, batch * sc));
        float[] ref = c.clone();
        float[] mag = abs(c);
        Sgemm.sgemmBatched(ta, tb, batch, m, n, k, 0.75f, a, 0, ta ? m : k, sa, b, 0, tb ? k : n, sb,
                0.5f, c, 0, n, sc);
        for (int t = 0; t < batch; t++) {
            MatmulRef.gemm(ta, tb, m, n, k, 0.75f, a, t * sa, ta ? m : k, b, t * sb, tb ? k : n, 0.5f, ref, t * sc, n);
            MatmulRef.gemm(ta, tb, m, n, k, 0.75f, abs(a), t * sa, ta ? m : k, abs(b), t * sb, tb ? k : n, 0.5f,
                    mag, t * sc, n);
        }
        assertClose(c, ref, mag, k, "batched seed " + seed + " batch=" + batch + " " + m + "x" + n + "x" + k
                + " tA=" + ta + " tB=" + tb);
    }

    /** |actual − ref| ≤ atol + rtol·mag elementwise (mag ≥ |ref|, see the class comment). */
    public static void assertClose(float[] actual, float[] ref, float[] mag, int k, String what) {
        Tolerances.Tol tol = Tolerances.f32Reduction(k);
        for (int i = 0; i < ref.length; i++) {
            double err = Math.abs((double) actual[i] - ref[i]);
            if (!(err <= tol.atol() + tol.rtol() * mag[i])) {
                fail(what + ": index " + i + " got " + actual[i] + " want " + ref[i] + " (|err| " + err
                        + " > " + (tol.atol() + tol.rtol() * mag[i]) + ")");
            }
        }
    }

    public static float[] rand(Random r, int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) r.nextGaussian();
        }
        return x;
    }

    public static float[] abs(float[] x) {
        float[] y = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = Math.abs(x[i]);
        }
        return y;
    }
}
