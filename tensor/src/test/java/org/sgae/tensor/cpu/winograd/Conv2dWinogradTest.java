package org.sgae.tensor.cpu.winograd;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.sgae.tensor.cpu.gemm.SgemmTest.abs;
import static org.sgae.tensor.cpu.gemm.SgemmTest.rand;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.sgae.tensor.TensorAsserts;
import org.sgae.tensor.Tolerances;
import org.sgae.tensor.attrs.Conv2dShape;
import org.sgae.tensor.cpu.ref.Conv2dRef;

/**
 * Winograd F(4×4, 3×3) and F(2×2, 3×3) forward, backward-input and backward-weight against the direct reference, on shapes that
 * cross every edge of the tiling: outputs not a multiple of 4, tile rows shorter and longer than a vector, paddings
 * 0 to 2 (different per axis), several images, chunks that split images.
 */
class Conv2dWinogradTest {
    private static final long[] SEEDS = {21, 22, 23};

    /** n, cin, h, w, cout, padH, padW. */
    private static final int[][] CASES = {
        {1, 8, 8, 8, 8, 1, 1},
        {2, 9, 13, 11, 10, 1, 1},
        {1, 16, 37, 70, 12, 1, 1},
        {3, 5, 6, 5, 7, 0, 0},
        {1, 4, 9, 10, 3, 2, 2},
        {2, 6, 11, 9, 5, 0, 2},
        {1, 3, 1, 1, 2, 1, 1},
        {2, 20, 40, 40, 24, 1, 1},
        {1, 128, 20, 20, 64, 1, 1},       // long reductions (k = 1152 forward, 576 dx, 400 dw)
    };

    @Test
    void matchesDirectConvolution() {
        for (long seed : SEEDS) {
            for (int[] c : CASES) {
                check(seed, new Conv2dShape(c[0], c[1], c[2], c[3], c[4], 3, 3, 1, 1, c[5], c[6], 1, 1));
            }
        }
    }

    @Test
    void chunksSplittingImagesGiveTheSameResult() {
        long saved = Winograd.chunkFloats;
        try {
            Winograd.chunkFloats = 1; // one tile per weight-gradient chunk
            for (long seed : SEEDS) {
                check(seed, new Conv2dShape(2, 6, 18, 21, 7, 3, 3, 1, 1, 1, 1, 1, 1));
            }
        } finally {
            Winograd.chunkFloats = saved;
        }
    }

    /**
     * A NaN input reaches every output the direct form makes NaN, plus at most the rest of those outputs' tiles
     * (the documented Winograd behaviour), never a tile whose input window does not contain it.
     */
    @Test
    void nanStaysInsideItsTiles() {
        Conv2dShape s = Conv2dShape.of(1, 8, 12, 12, 8, 3, 1, 1, 1);
        Random r = new Random(5);
        float[] x = rand(r, (int) s.inputSize());
        float[] w = rand(r, (int) s.weightSize());
        int ny = 5;
        int nx = 6;
        x[(2 * 12 + ny) * 12 + nx] = Float.NaN;
        float[] ref = new float[(int) s.outputSize()];
        Conv2dRef.forward(s, x, w, null, ref);
        for (WinogradTransforms v : new WinogradTransforms[] {WinogradTransforms.F43, WinogradTransforms.F23}) {
            float[] y = nan(s.outputSize());
            Winograd.forward(v, s, x, w, null, y);
            for (int i = 0; i < y.length; i++) {
                int oy = i / 12 % 12;
                int ox = i % 12;
                int y0 = oy / v.tile * v.tile - 1;
                int x0 = ox / v.tile * v.tile - 1;
                boolean windowHasNan = ny >= y0 && ny < y0 + v.alpha && nx >= x0 && nx < x0 + v.alpha;
                if (Float.isNaN(ref[i]) && !Float.isNaN(y[i])) {
                    fail(v + ": output " + i + " should be NaN");
                }
                if (Float.isNaN(y[i]) && !windowHasNan) {
                    fail(v + ": NaN leaked to output " + i + " outside the tiles whose window holds the NaN input");
                }
            }
        }
    }

    @Test
    void appliesOnlyToLargeEnoughStrideOne3x3() {
        assertTrue(Winograd.applies(Conv2dShape.of(1, 64, 224, 224, 64, 3, 1, 1, 1)));
        assertFalse(Winograd.applies(Conv2dShape.of(1, 64, 224, 224, 64, 3, 2, 1, 1)), "stride 2");
        assertFalse(Winograd.applies(Conv2dShape.of(1, 64, 56, 56, 64, 3, 1, 2, 2)), "dilation 2");
        assertFalse(Winograd.applies(Conv2dShape.of(1, 64, 56, 56, 64, 1, 1, 0, 1)), "1×1");
        assertFalse(Winograd.applies(Conv2dShape.of(1, 3, 224, 224, 64, 3, 1, 1, 1)), "3 input channels");
        assertFalse(Winograd.applies(Conv2dShape.of(8, 2048, 16, 16, 1024, 3, 1, 1, 1)), "weight too large");
        assertTrue(Winograd.applies(Conv2dShape.of(1, 512, 28, 28, 512, 3, 1, 1, 1)), "49 tiles");
        assertSame(WinogradTransforms.F43, Winograd.variant(Conv2dShape.of(1, 64, 224, 224, 64, 3, 1, 1, 1)));
        assertSame(WinogradTransforms.F23, Winograd.variant(Conv2dShape.of(8, 1152, 8, 8, 1024, 3, 1, 1, 1)),
                "F(4×4) weight over 80 MiB, 128 tiles of 2×2");
        assertNull(Winograd.variant(Conv2dShape.of(8, 1152, 4, 4, 1024, 3, 1, 1, 1)),
                "8 images at 4×4: 32 tiles of 2×2, the batched direct form is faster");
        assertSame(WinogradTransforms.F23, Winograd.variant(Conv2dShape.of(8, 512, 8, 8, 512, 3, 1, 1, 1)),
                "32 tiles of 4×4 are too few, 128 of 2×2 enough");
        assertSame(WinogradTransforms.F43, Winograd.variant(Conv2dShape.of(8, 256, 16, 16, 256, 3, 1, 1, 1)),
                "128 tiles of 4×4");
        assertFalse(Winograd.applies(Conv2dShape.of(1, 512, 14, 14, 512, 3, 1, 1, 1)), "16 tiles of 4×4, 49 of 2×2");
    }

    private static void check(long seed, Conv2dShape s) {
        check(WinogradTransforms.F43, seed, s);
        check(WinogradTransforms.F23, seed, s);
    }

    private static void check(WinogradTransforms v, long seed, Conv2dShape s) {
        Random r = new Random(seed * 31 + s.hashCode());
        float[] x = rand(r, (int) s.inputSize());
        float[] w = rand(r, (int) s.weightSize());
        float[] bias = rand(r, s.cout());
        float[] dy = rand(r, (int) s.outputSize());
        String what = v + " seed " + seed + " " + s;

        float[] y = nan(s.outputSize());
        Winograd.forward(v, s, x, w, bias, y);
        float[] yRef = new float[y.length];
        float[] yMag = new float[y.length];
        Conv2dRef.forward(s, x, w, bias, yRef);
        Conv2dRef.forward(s, abs(x), abs(w), abs(bias), yMag);
        assertClose(y, yRef, yMag, "forward " + what);

        float[] dx = nan(s.inputSize());
        Winograd.backwardInput(v, s, dy, w, dx);
        float[] dxRef = new float[dx.length];
        float[] dxMag = new float[dx.length];
        Conv2dRef.backwardInput(s, dy, w, dxRef);
        Conv2dRef.backwardInput(s, abs(dy), abs(w), dxMag);
        assertClose(dx, dxRef, dxMag, "backwardInput " + what);

        float[] dw = nan(s.weightSize());
        Winograd.backwardWeight(v, s, x, dy, dw);
        float[] dwRef = new float[dw.length];
        float[] dwMag = new float[dw.length];
        Conv2dRef.backwardWeight(s, x, dy, dwRef, null);
        Conv2dRef.backwardWeight(s, abs(x), abs(dy), dwMag, null);
        assertClose(dw, dwRef, dwMag, "backwardWeight " + what);
    }

    /** |err| ≤ WINOGRAD_F32 of Σ|terms| (Tolerances says why). */
    private static void assertClose(float[] actual, float[] ref, float[] mag, String what) {
        TensorAsserts.assertCloseToMagnitude(actual, ref, mag, Tolerances.WINOGRAD_F32, what);
    }

    private static float[] nan(long n) {
        float[] a = new float[(int) n];
        Arrays.fill(a, Float.NaN);
        return a;
    }
}
