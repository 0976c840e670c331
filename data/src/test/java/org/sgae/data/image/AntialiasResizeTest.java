package org.sgae.data.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class AntialiasResizeTest {
    /** Float sums of a handful of products: 1e-6 is a few float ulps at these magnitudes. */
    private static final double TOL = 1e-6;

    /**
     * 128 → 64 (scale 2, support 2): output i has centre 2i + 1 and reads inputs 2i−1..2i+2 with triangle weights
     * tri(∓0.75), tri(∓0.25) = 1/4, 3/4, 3/4, 1/4, normalised: 1/8, 3/8, 3/8, 1/8. At i = 0 the window is clipped to
     * 0..2: 3/4, 3/4, 1/4 over 7/4 = 3/7, 3/7, 1/7.
     */
    @Test
    void halvingUsesTheStretchedTriangle() {
        AntialiasResize.AxisWeights a = AntialiasResize.axis(128, 64);
        assertEquals(0, a.first()[0]);
        assertArrayEquals(new double[] {3 / 7.0, 3 / 7.0, 1 / 7.0}, a.weights()[0], 1e-12);
        assertEquals(9, a.first()[5]);
        assertArrayEquals(new double[] {1 / 8.0, 3 / 8.0, 3 / 8.0, 1 / 8.0}, a.weights()[5], 1e-12);
        // the last output: inputs 125..127 (128 clipped): 1/4, 3/4, 3/4 → 1/7, 3/7, 3/7
        assertEquals(125, a.first()[63]);
        assertArrayEquals(new double[] {1 / 7.0, 3 / 7.0, 3 / 7.0}, a.weights()[63], 1e-12);
    }

    /** A ramp v(x, y) = x + 10·y: interior outputs are the weighted means, (2i + 0.5) + 10·(2j + 0.5). */
    @Test
    void rampHalvesToWorkedValues() {
        int n = 128;
        float[] img = new float[n * n];
        for (int y = 0; y < n; y++) {
            for (int x = 0; x < n; x++) {
                img[y * n + x] = x + 10 * y;
            }
        }
        float[] out = AntialiasResize.resize(img, 1, n, n, n, n, 64, 64);
        // interior: (1/8)(2i−1) + (3/8)(2i) + (3/8)(2i+1) + (1/8)(2i+2) = 2i + 0.5
        assertEquals(2 * 5 + 0.5 + 10 * (2 * 7 + 0.5), out[7 * 64 + 5], TOL * 200);
        // corner: (3/7)·0 + (3/7)·1 + (1/7)·2 = 5/7 on each axis
        assertEquals(5 / 7.0 + 10 * 5 / 7.0, out[0], TOL * 10);
    }

    /** A 2×2 checker of 4-pixel cells at 8 → 4: hand-computed with the 1/8, 3/8, 3/8, 1/8 weights. */
    @Test
    void checkerPattern() {
        float[] img = new float[8 * 8];
        for (int y = 0; y < 8; y++) {
            for (int x = 0; x < 8; x++) {
                img[y * 8 + x] = ((x / 4) + (y / 4)) % 2;
            }
        }
        float[] out = AntialiasResize.resize(img, 1, 8, 8, 8, 8, 4, 4);
        // column profile of output 1 (inputs 1..4, weights 1/8,3/8,3/8,1/8) over a row of 0,0,0,0,1,1,1,1: 1/8.
        // output (y=1, x=1): both axes mix 7/8 of cell A and 1/8 of cell B: 0·(7/8·7/8 + 1/8·1/8) + 1·(2·7/64) = 14/64
        assertEquals(14 / 64.0, out[4 + 1], TOL);
        // output (y=0, x=0): window 0..2 entirely in cell (0,0) = 0
        assertEquals(0, out[0], TOL);
        // output (y=1, x=2): inputs 3..6 on x: 1/8 of cell 0 and 7/8 of cell 1; y as before:
        // value = Σ wx·wy·v: v = 1 where exactly one of (x in cell 1, y in cell 1): 7/8·7/8 + 1/8·1/8 = 50/64
        assertEquals(50 / 64.0, out[4 + 2], TOL);
    }

    @Test
    void upscaleIsPlainBilinearAndIdentityIsExact() {
        float[] img = {0, 1, 2, 3};
        assertArrayEquals(img, AntialiasResize.resize(img, 1, 2, 2, 2, 2, 2, 2), 0f);
        float[] up = AntialiasResize.resize(new float[] {0, 4}, 1, 1, 2, 2, 1, 1, 4);
        // centres 0.25, 0.75, 1.25, 1.75 → weights tri(j + 0.5 − c): 0, 1, 3, 4
        assertArrayEquals(new float[] {0, 1, 3, 4}, up, 1e-6f);
    }

    @Test
    void badGeometryIsOneClearError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AntialiasResize.resize(new float[3], 1, 2, 2, 2, 2, 1, 1));
        assertEquals(true, e.getMessage().contains("AntialiasResize"));
    }
}
