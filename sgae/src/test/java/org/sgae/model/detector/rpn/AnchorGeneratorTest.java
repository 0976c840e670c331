package org.sgae.model.detector.rpn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sgae.tensor.Tensor;
import org.sgae.train.config.AnchorConfig;
import org.sgae.train.config.Preset;

/** Model-spec §3.1. Expected corners are worked by hand from the recipe (they are py-faster-rcnn's classic table). */
class AnchorGeneratorTest {
    /** Stride 16, size 16 only: the three ratio boxes of §3.1 at scale 1. */
    private static AnchorGenerator unitScale() {
        return new AnchorGenerator(Preset.CPU.anchors().withSizes(List.of(16)));
    }

    @Test
    void ratioBoxesAre23x12_16x16_11x22() {
        // centre 7.5; ratio 0.5: ws = rint(√512 = 22.63) = 23, hs = rint(11.5) = 12 (half to even);
        // ratio 1: 16×16; ratio 2: ws = rint(√128 = 11.31) = 11, hs = 22.
        // corners c ∓ ½(w − 1): 23 → 7.5 ∓ 11, 12 → 7.5 ∓ 5.5, 11 → 7.5 ∓ 5, 22 → 7.5 ∓ 10.5.
        float[] expected = {
            -3.5f, 2f, 18.5f, 13f,
            0f, 0f, 15f, 15f,
            2.5f, -3f, 12.5f, 18f};
        float[] base = unitScale().baseAnchors();
        assertArrayEquals(expected, base);
        float[][] wh = {{23, 12}, {16, 16}, {11, 22}};
        for (int a = 0; a < 3; a++) {
            assertEquals(wh[a][0], base[4 * a + 2] - base[4 * a] + 1, "+1 width of anchor " + a);
            assertEquals(wh[a][1], base[4 * a + 3] - base[4 * a + 1] + 1, "+1 height of anchor " + a);
        }
    }

    @Test
    void vgPresetGivesDetectronTableRatioMajorSizeMinor() {
        // Scale by size/16: e.g. ratio 0.5, size 128 → 184×96 → [7.5 − 91.5, 7.5 − 47.5, 7.5 + 91.5, 7.5 + 47.5].
        float[] expected = {
            -15, -4, 30, 19, -38, -16, 53, 31, -84, -40, 99, 55, -176, -88, 191, 103, -360, -184, 375, 199,
            -8, -8, 23, 23, -24, -24, 39, 39, -56, -56, 71, 71, -120, -120, 135, 135, -248, -248, 263, 263,
            -3, -14, 18, 29, -14, -36, 29, 51, -36, -80, 51, 95, -80, -168, 95, 183, -168, -344, 183, 359};
        AnchorGenerator g = new AnchorGenerator(Preset.VG.anchors());
        assertEquals(15, g.anchorsPerLocation());
        assertArrayEquals(expected, g.baseAnchors());
    }

    @Test
    void gridIsFlattenedYThenXThenAnchor() {
        AnchorGenerator g = unitScale();
        float[] grid = g.grid(2, 3); // h = 2, w = 3, A = 3
        assertEquals(2 * 3 * 3 * 4, grid.length);
        // (y, x, a) = (1, 2, 1): index (1·3 + 2)·3 + 1 = 16; the 16×16 box shifted by (32, 16).
        assertArrayEquals(new float[] {32, 16, 47, 31}, java.util.Arrays.copyOfRange(grid, 64, 68));
        // (0, 1, 0): index 3; the 23×12 box shifted by (16, 0).
        assertArrayEquals(new float[] {12.5f, 2, 34.5f, 13}, java.util.Arrays.copyOfRange(grid, 12, 16));
        // (1, 0, 2): index 11; the 11×22 box shifted by (0, 16).
        assertArrayEquals(new float[] {2.5f, 13, 12.5f, 34}, java.util.Arrays.copyOfRange(grid, 44, 48));
        Tensor t = g.gridTensor(2, 3);
        assertEquals(18, t.dim(0));
        assertEquals(4, t.dim(1));
    }

    @Test
    void visibleMeansInsideTheUnpaddedImage() {
        AnchorGenerator g = unitScale(); // straddle threshold 0
        float[] anchors = {
            0, 0, 15, 15,     // inside
            0, 0, 39, 19,     // touches the last pixel column and row of a 40×20 image: inside
            0, 0, 40, 19,     // x2 = W: outside
            -0.5f, 0, 10, 10, // x1 < 0: outside
            0, 0, 10, 20,     // y2 = H: outside
            -3.5f, 2, 18.5f, 13}; // the 23×12 base anchor: crosses the left border
        boolean[] v = g.visible(anchors, 40, 20);
        assertArrayEquals(new boolean[] {true, true, false, false, false, false}, v);
    }

    @Test
    void straddleThresholdAllowsAMarginAndNegativeAllowsAll() {
        AnchorConfig base = Preset.CPU.anchors();
        AnchorConfig margin2 = new AnchorConfig(base.stride(), base.sizes(), base.aspectRatios(), 2);
        float[] anchors = {
            -2, 0, 41, 19,    // crosses by exactly 2 on the left, x2 = W + 1 < W + 2
            -2.5f, 0, 10, 10, // crosses by 2.5
            0, 0, 42, 19};    // x2 = W + 2: not < W + 2
        assertArrayEquals(new boolean[] {true, false, false},
                new AnchorGenerator(margin2).visible(anchors, 40, 20));
        AnchorConfig all = new AnchorConfig(base.stride(), base.sizes(), base.aspectRatios(), -1);
        assertArrayEquals(new boolean[] {true, true, true}, new AnchorGenerator(all).visible(anchors, 40, 20));
    }

    @Test
    void badInputNamesTheArgument() {
        AnchorGenerator g = unitScale();
        assertTrue(assertThrows(IllegalArgumentException.class, () -> g.grid(-1, 2)).getMessage()
                .contains("featH = -1"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> g.visible(new float[5], 4, 4)).getMessage()
                .startsWith("anchors"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> g.visible(new float[4], 0, 4)).getMessage()
                .contains("imageW = 0"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> new AnchorGenerator(Preset.CPU.anchors().withSizes(List.of(16, -8)))).getMessage()
                .startsWith("AnchorConfig.sizes"));
    }
}
