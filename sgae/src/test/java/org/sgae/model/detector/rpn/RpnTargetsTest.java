package org.sgae.model.detector.rpn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.sgae.tensor.Tensor;
import org.sgae.tensor.TensorAsserts;
import org.sgae.tensor.Tolerances;
import org.sgae.train.config.Preset;
import org.sgae.train.config.RpnConfig;
import org.sgae.train.config.SamplerConfig;

/**
 * A 120×40 image, GT g0 = [0,0,9,9] (100 px) and g1 = [100,0,119,9] (200 px), nine anchors whose "+1" IoUs are
 * worked by hand:
 * <pre>
 *  a0 [0,0,9,9]       g0 1.0          → positive (g0)
 *  a1 [0,0,9,4]       g0 50/100 = 0.5 → ignored
 *  a2 [0,0,9,1]       g0 20/100 = 0.2 → negative
 *  a3 [30,30,39,39]   0               → negative
 *  a4 [-5,0,4,9]      crosses x = 0   → not visible, ignored
 *  a5 [0,0,9,6]       g0 70/100 = 0.7 → positive (g0)
 *  a6 [100,0,109,9]   g1 100/200 = 0.5 → g1's best visible IoU: low-quality positive (g1)
 *  a7 [110,0,119,9]   g1 0.5, a tie   → low-quality positive (g1)
 *  a8 [100,0,120,9]   g1 200/210, but x2 = W: not visible, so not g1's best anchor
 * </pre>
 */
class RpnTargetsTest {
    private static final float[] ANCHORS = {
        0, 0, 9, 9, 0, 0, 9, 4, 0, 0, 9, 1, 30, 30, 39, 39, -5, 0, 4, 9,
        0, 0, 9, 6, 100, 0, 109, 9, 110, 0, 119, 9, 100, 0, 120, 9};
    private static final float[] GT = {0, 0, 9, 9, 100, 0, 119, 9};

    private static boolean[] visible(RpnConfig c) {
        return new AnchorGenerator(c.anchors()).visible(ANCHORS, 120, 40);
    }

    @Test
    void labelsCountsRegressionAndDivisorOfTheWorkedCase() {
        // 4 positives, 2 negatives, batch 8 at ≤ 50% positive: min(4, 4) positives and min(8 − 4, 2) negatives,
        // so every candidate is taken and nothing depends on the draw.
        RpnConfig c = Preset.VG.rpn().withSampler(new SamplerConfig(8, 0.5));
        RpnTargets.Targets t = new RpnTargets(c).compute(ANCHORS, visible(c), GT, new SplittableRandom(3));
        assertArrayEquals(new int[] {1, -1, 0, 0, -1, 1, 1, 1, -1}, t.labels());
        assertArrayEquals(new int[] {0, 5, 6, 7}, t.positives());
        assertArrayEquals(new int[] {2, 3}, t.negatives());
        assertArrayEquals(new int[] {0, 0, 1, 1}, t.matchedGt());
        assertEquals(6, t.lossDivisor());
        // Encode (weights 1): a5 → g0: wa = 10, ha = 7, cya = 3.5, cyg = 5 → ty = 1.5/7, th = ln(10/7).
        // a6 → g1: cxa = 105, cxg = 110, wa = 10, wg = 20 → tx = 0.5, tw = ln 2; a7: cxa = 115 → tx = −0.5.
        double ln2 = Math.log(2);
        double[] expected = {
            0, 0, 0, 0,
            0, 1.5 / 7, 0, Math.log(10.0 / 7),
            0.5, 0, ln2, 0,
            -0.5, 0, ln2, 0};
        TensorAsserts.assertClose(t.regression().toDoubleArray(), expected, Tolerances.F32_ELEMENTWISE,
                "rpn regression targets");
    }

    @Test
    void samplingCapsPositivesAtHalfTheBatch() {
        // batch 4 → ⌊4·0.5⌋ = 2 of the 4 positives, 2 negatives (all there are); divisor 4.
        RpnConfig c = Preset.VG.rpn().withSampler(new SamplerConfig(4, 0.5));
        RpnTargets targets = new RpnTargets(c);
        RpnTargets.Targets t = targets.compute(ANCHORS, visible(c), GT, new SplittableRandom(11));
        assertEquals(2, t.positives().length);
        assertArrayEquals(new int[] {2, 3}, t.negatives());
        assertEquals(4, t.lossDivisor());
        assertEquals(2, t.regression().dim(0));
        for (int p : t.positives()) {
            assertTrue(Arrays.binarySearch(new int[] {0, 5, 6, 7}, p) >= 0, "positive " + p);
        }
        assertEquals(4, Arrays.stream(t.labels()).filter(l -> l >= 0).count());
        RpnTargets.Targets again = targets.compute(ANCHORS, visible(c), GT, new SplittableRandom(11));
        assertArrayEquals(t.positives(), again.positives());
    }

    @Test
    void imageWithoutGtHasOnlyNegatives() {
        RpnConfig c = Preset.VG.rpn().withSampler(new SamplerConfig(8, 0.5));
        RpnTargets.Targets t = new RpnTargets(c).compute(ANCHORS, visible(c), new float[0], new SplittableRandom(3));
        // The 7 visible anchors are all background; min(8 − 0, 7) = 7 sampled.
        assertArrayEquals(new int[] {0, 0, 0, 0, -1, 0, 0, 0, -1}, t.labels());
        assertEquals(0, t.positives().length);
        assertEquals(7, t.lossDivisor());
    }

    @Test
    void noVisibleAnchorMeansNothingSampled() {
        RpnConfig c = Preset.VG.rpn();
        RpnTargets.Targets t = new RpnTargets(c).compute(ANCHORS, new boolean[9], GT, new SplittableRandom(3));
        assertEquals(0, t.lossDivisor());
        assertEquals(0, t.regression().dim(0));
        assertTrue(Arrays.stream(t.labels()).allMatch(l -> l == -1));
        // The loss of a batch with nothing sampled is 0, not 0/0.
        RpnLoss.Losses l = RpnLoss.compute(List.of(Tensor.zeros(9)),
                List.of(Tensor.zeros(9, 4)), List.of(t), c.smoothL1Beta());
        assertEquals(0.0, l.objectness().toDoubleArray()[0]);
        assertEquals(0.0, l.box().toDoubleArray()[0]);
    }

    @Test
    void badInputNamesTheArgument() {
        RpnConfig c = Preset.VG.rpn();
        RpnTargets targets = new RpnTargets(c);
        SplittableRandom r = new SplittableRandom(1);
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> targets.compute(ANCHORS, new boolean[3], GT, r)).getMessage().startsWith("visible"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> targets.compute(ANCHORS, visible(c), new float[] {0, 0, Float.NaN, 9}, r)).getMessage()
                .startsWith("gtBoxes: box 0 has a non-finite"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> targets.compute(ANCHORS, visible(c), new float[] {0, 0, 9}, r)).getMessage()
                .startsWith("gtBoxes: length 3"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> targets.compute(new float[6], new boolean[1], GT, r)).getMessage()
                .startsWith("anchors: length 6"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> targets.compute(new float[] {0, 0, Float.NaN, 9}, new boolean[1], GT, r)).getMessage()
                .startsWith("anchors: box 0 has a non-finite"));
    }
}
