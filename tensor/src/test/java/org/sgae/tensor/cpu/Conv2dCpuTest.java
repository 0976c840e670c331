package org.sgae.tensor.cpu;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.sgae.tensor.cpu.gemm.SgemmTest.abs;
import static org.sgae.tensor.cpu.gemm.SgemmTest.assertClose;
import static org.sgae.tensor.cpu.gemm.SgemmTest.rand;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.sgae.tensor.attrs.Conv2dShape;
import org.sgae.tensor.cpu.ref.Conv2dRef;

/**
 * Conv2dCpu forward, backward-input and backward-weight (+ bias) against Conv2dRef. Tolerance as in
 * {@link SgemmTest}: f32Reduction(k) on the magnitude Σ|terms|, k = the reduction length of each output
 * (cin·kh·kw forward, cout·kh·kw for dx, n·outH·outW for dw).
 */
class Conv2dCpuTest {
    private static final long[] SEEDS = {11, 12, 13};

    /** n, cin, h, w, cout, kh, kw, strideH, strideW, padH, padW, dilH, dilW. */
    private static final int[][] CASES = {
        {1, 3, 7, 7, 4, 3, 3, 1, 1, 1, 1, 1, 1},      // 3×3 pad 1 (the VGG form)
        {2, 5, 9, 8, 3, 3, 3, 1, 1, 1, 1, 1, 1},      // batch 2, odd sizes
        {3, 6, 5, 5, 7, 5, 5, 1, 1, 2, 2, 1, 1},      // 5×5, batch 3
        {1, 4, 8, 8, 5, 1, 1, 1, 1, 0, 0, 1, 1},      // 1×1
        {1, 3, 5, 5, 2, 1, 1, 1, 1, 1, 1, 1, 1},      // 1×1 with pad 1 (pad > dil·(k−1): general dx path)
        {2, 3, 11, 10, 4, 3, 3, 2, 2, 1, 1, 1, 1},    // stride 2
        {1, 3, 12, 12, 2, 3, 3, 1, 1, 2, 2, 2, 2},    // dilation 2
        {1, 2, 9, 7, 3, 3, 2, 2, 1, 0, 1, 1, 2},      // asymmetric everything
        {2, 2, 6, 6, 3, 3, 3, 3, 3, 0, 0, 1, 1},      // stride 3, no pad
        {1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 1, 1},      // 1 everything
        {1, 16, 20, 19, 33, 3, 3, 1, 1, 1, 1, 1, 1},  // crosses the 6×16 tile edges
        {1, 40, 12, 12, 20, 3, 3, 1, 1, 1, 1, 1, 1},  // K = 360: two K slices
        {4, 8, 18, 18, 16, 3, 3, 1, 1, 1, 1, 1, 1},   // images spread over threads
        {1, 3, 40, 40, 4, 3, 3, 2, 2, 1, 1, 1, 1},    // stride 2 with P > one dcol chunk
        {0, 3, 5, 5, 2, 3, 3, 1, 1, 1, 1, 1, 1},      // empty batch
        {2, 3, 5, 70, 4, 3, 3, 1, 1, 1, 1, 1, 1},     // wide rows (row-wise im2col packing by default)
    };

    @Test
    void forwardBackwardMatchReference() {
        for (long seed : SEEDS) {
            for (int[] c : CASES) {
                Conv2dShape s = new Conv2dShape(c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7], c[8], c[9], c[10],
                        c[11], c[12]);
                check(seed, s, true);
                check(seed, s, false);
            }
        }
    }

    /**
     * The im2col packers have two forms (rows built with bounds logic, or loads from a zero-padded copy for narrow
     * outputs); the default threshold sends most cases above to the padded form, so run every case through each.
     */
    @Test
    void bothIm2colFormsMatchReference() {
        int saved = Im2col.Padded.narrow;
        try {
            for (int narrow : new int[] {0, Integer.MAX_VALUE}) {
                Im2col.Padded.narrow = narrow;
                for (int[] c : CASES) {
                    Conv2dShape s = new Conv2dShape(c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7], c[8], c[9],
                            c[10], c[11], c[12]);
                    check(SEEDS[0], s, true);
                }
            }
        } finally {
            Im2col.Padded.narrow = saved;
        }
    }

    /**
     * Small outputs of several images run as one GEMM per group of images (Conv2dCpu.batchImages). Per case: one
     * image per GEMM, groups of two (a partial last group when n is odd), and all images in one group; the
     * 4×4 / 8×8 cases are the CRN's small layers at batch 8 with fewer channels (K crosses a slice edge).
     */
    @Test
    void batchedImagesMatchReference() {
        int saved = Conv2dCpu.batchColumns;
        int[][] cases = {
            {8, 24, 4, 4, 40, 3, 3, 1, 1, 1, 1, 1, 1},   // 4×4 at batch 8 (the CRN's first module, scaled down)
            {8, 36, 8, 8, 20, 3, 3, 1, 1, 1, 1, 1, 1},   // 8×8 at batch 8, K = 324: two K slices
            {5, 3, 7, 6, 9, 3, 3, 1, 1, 1, 1, 1, 1},     // odd batch: a partial last group
            {3, 4, 9, 9, 5, 3, 3, 2, 2, 1, 1, 1, 1},     // stride 2 (general backward-input path, batched forward)
        };
        try {
            for (int[] c : cases) {
                Conv2dShape s = new Conv2dShape(c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7], c[8], c[9], c[10],
                        c[11], c[12]);
                int p = s.outH() * s.outW();
                for (int cols : new int[] {0, 2 * p, Integer.MAX_VALUE}) {
                    Conv2dCpu.batchColumns = cols;
                    int expect = cols == 0 ? 1 : Math.min(s.n(), cols / p);
                    if (Conv2dCpu.batchImages(s) != expect) {
                        throw new AssertionError("batchImages " + s + " columns " + cols + ": "
                                + Conv2dCpu.batchImages(s) + ", expected " + expect);
                    }
                    check(SEEDS[1], s, true);
                    check(SEEDS[2], s, false);
                }
            }
        } finally {
            Conv2dCpu.batchColumns = saved;
        }
    }

    @Test
    void rejectsBadShapes() {
        assertThrows(IllegalArgumentException.class, () -> Conv2dShape.of(1, 1, 2, 2, 1, 5, 1, 0, 1));
        Conv2dShape s = Conv2dShape.of(1, 2, 4, 4, 3, 3, 1, 1, 1);
        assertThrows(IllegalArgumentException.class,
                () -> Conv2dCpu.forward(s, new float[5], new float[54], null, new float[48]));
    }

    private static void check(long seed, Conv2dShape s, boolean withBias) {
        Random r = new Random(seed + s.hashCode());
        int nx = (int) s.inputSize();
        int nw = (int) s.weightSize();
        int ny = (int) s.outputSize();
        float[] x = rand(r, nx);
        float[] w = rand(r, nw);
        float[] bias = withBias ? rand(r, s.cout()) : null;
        float[] dy = rand(r, ny);
        String what = "seed " + seed + " " + s + (withBias ? " bias" : "");

        float[] y = garbage(ny);
        float[] yRef = new float[ny];
        float[] yMag = new float[ny];
        Conv2dCpu.forward(s, x, w, bias, y);
        Conv2dRef.forward(s, x, w, bias, yRef);
        Conv2dRef.forward(s, abs(x), abs(w), bias == null ? null : abs(bias), yMag);
        assertClose(Arrays.copyOf(y, ny), yRef, yMag, s.cin() * s.kh() * s.kw(), "forward " + what);

        float[] dx = garbage(nx);
        float[] dxRef = new float[nx];
        float[] dxMag = new float[nx];
        Conv2dCpu.backwardInput(s, dy, w, dx);
        Conv2dRef.backwardInput(s, dy, w, dxRef);
        Conv2dRef.backwardInput(s, abs(dy), abs(w), dxMag);
        assertClose(dx, dxRef, dxMag, s.cout() * s.kh() * s.kw(), "backwardInput " + what);

        float[] dw = garbage(nw);
        float[] dwRef = new float[nw];
        float[] dwMag = new float[nw];
        float[] db = withBias ? garbage(s.cout()) : null;
        float[] dbRef = withBias ? new float[s.cout()] : null;
        float[] dbMag = withBias ? new float[s.cout()] : null;
        Conv2dCpu.backwardWeight(s, x, dy, dw, db);
        Conv2dRef.backwardWeight(s, x, dy, dwRef, dbRef);
        Conv2dRef.backwardWeight(s, abs(x), abs(dy), dwMag, dbMag);
        int k = Math.max(1, s.n() * s.outH() * s.outW());
        assertClose(dw, dwRef, dwMag, k, "backwardWeight " + what);
        if (withBias) {
            assertClose(db, dbRef, dbMag, k, "backwardBias " + what);
        }
    }

    /** Outputs start as NaN: every element must be overwritten. */
    private static float[] garbage(int n) {
        float[] a = new float[n];
        Arrays.fill(a, Float.NaN);
        return a;
    }
}
