package org.sgae.model.detector.boxes;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.sgae.train.config.MatcherConfig;
import org.sgae.train.config.Preset;

/** Model-spec §3.2 / §3.4 matching; IoU of eval-spec §3. */
class MatcherTest {
    private static final int BG = Matcher.BELOW_LOW;
    private static final int IGN = Matcher.BETWEEN;

    @Test
    void plusOneIouWorkedExamples() {
        float[] a = {0, 0, 9, 9};
        // eval-spec §3: 50/100 with the +1 convention.
        assertEquals(0.5f, Boxes.iou(a, new float[] {0, 0, 9, 4})[0]);
        // [5,5,14,14]: 5×5 = 25 over 100 + 100 − 25 = 175.
        assertEquals(25f / 175f, Boxes.iou(a, new float[] {5, 5, 14, 14})[0]);
        // Touching corners share no pixel row once x2 + 1 = x1: [10,0,19,9] → 0.
        assertEquals(0f, Boxes.iou(a, new float[] {10, 0, 19, 9})[0]);
        // [N·M] row-major: a vs (b0, b1).
        assertArrayEquals(new float[] {1f, 0.5f}, Boxes.iou(a, new float[] {0, 0, 9, 9, 0, 0, 9, 4}));
    }

    /** G = 3 GT × N = 6 boxes, IoUs written directly. */
    private static final float[] QUALITY = {
        0.9f, 0.6f, 0.2f, 0.69f, 0.0f, 0.0f,  // g0
        0.0f, 0.5f, 0.1f, 0.1f, 0.5f, 0.2f,   // g1: highest 0.5, reached by boxes 1 and 4
        0.0f, 0.0f, 0.0f, 0.0f, 0.0f, 0.0f};  // g2: touches nothing

    @Test
    void rpnThresholdsWithoutLowQuality() {
        Matcher m = new Matcher(new MatcherConfig(0.7, 0.3, false));
        // box0 0.9 → g0; box1 best 0.6 → ignored; box2 0.2 → bg; box3 0.69 → ignored; box4 0.5 → ignored;
        // box5 0.2 → bg.
        assertArrayEquals(new int[] {0, IGN, BG, IGN, IGN, BG}, m.match(QUALITY, 3, 6));
    }

    @Test
    void lowQualityMatchesRestoreEachBoxsOwnBestGt() {
        Matcher m = new Matcher(Preset.VG.rpnMatcher());
        // g1's highest IoU 0.5 is reached by boxes 1 and 4 (every tie counts). Box 1's own best GT is g0 (0.6 >
        // 0.5), so it is matched to g0, as maskrcnn-benchmark does; box 4's best is g1. g2 (highest IoU 0) adds
        // nothing: otherwise every box would be foreground.
        assertArrayEquals(new int[] {0, 0, BG, IGN, 1, BG}, m.match(QUALITY, 3, 6));
    }

    @Test
    void equalIousGoToTheLowestGtIndex() {
        Matcher m = new Matcher(Preset.VG.rpnMatcher());
        float[] q = {0.8f, 0.8f}; // G = 2, N = 1
        assertArrayEquals(new int[] {0}, m.match(q, 2, 1));
    }

    @Test
    void thresholdsCompareInFloat32() {
        Matcher m = new Matcher(new MatcherConfig(0.7, 0.3, false));
        float[] gt = {0, 0, 9, 9};
        // IoU 70/100 = 0.7f, which is below the double 0.7: still foreground, as in torch and numpy.
        // IoU 30/100 = 0.3f: not below the low threshold, so ignored rather than background.
        float[] boxes = {0, 0, 9, 6, 0, 0, 9, 2};
        float[] q = Boxes.iou(gt, boxes);
        assertTrue(q[0] < 0.7);
        assertArrayEquals(new int[] {0, IGN}, m.match(q, 1, 2));
    }

    @Test
    void roiMatcherHasNoIgnoredBand() {
        Matcher m = new Matcher(Preset.VG.roiMatcher());
        float[] gt = {0, 0, 9, 9};
        // IoU 0.5 (exact) → foreground; 40/100 = 0.4 → background; no low-quality rescue.
        float[] boxes = {0, 0, 9, 4, 0, 0, 9, 3};
        assertArrayEquals(new int[] {0, BG}, m.match(Boxes.iou(gt, boxes), 1, 2));
    }

    @Test
    void noGtMeansAllBackground() {
        Matcher m = new Matcher(Preset.VG.rpnMatcher());
        assertArrayEquals(new int[] {BG, BG, BG}, m.match(new float[0], 0, 3));
    }

    @Test
    void labelsFromMatches() {
        assertArrayEquals(new int[] {1, 1, 0, -1}, Matcher.labels(new int[] {0, 2, BG, IGN}));
    }

    @Test
    void badInputNamesTheArgument() {
        Matcher m = new Matcher(Preset.VG.rpnMatcher());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> m.match(new float[5], 2, 3)).getMessage()
                .contains("quality must be [numGt = 2, numBoxes = 3], got length 5"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> m.match(new float[] {0, Float.NaN}, 1, 2))
                .getMessage().contains("quality[0, 1] is NaN"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> Boxes.checkBoxes("gtBoxes", new float[] {0, 0, 9, 9, 5, 5, Float.NaN, 9})).getMessage()
                .startsWith("gtBoxes: box 1 has a non-finite coordinate"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> Boxes.checkBoxes("gtBoxes", new float[] {5, 0, 3, 9})).getMessage()
                .startsWith("gtBoxes: box 0 has a negative or zero size"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Boxes.iou(new float[3], new float[4]))
                .getMessage().startsWith("a: length 3"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> new Matcher(new MatcherConfig(0.3, 0.7, true))).getMessage()
                .startsWith("MatcherConfig.lowThreshold"));
    }
}
