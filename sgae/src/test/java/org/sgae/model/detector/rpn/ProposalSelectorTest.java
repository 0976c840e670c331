package org.sgae.model.detector.rpn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.sgae.tensor.Tensor;
import org.sgae.tensor.TensorAsserts;
import org.sgae.tensor.Tolerances;
import org.sgae.train.config.Preset;
import org.sgae.train.config.ProposalConfig;

/**
 * A 50×40 image and six anchors, worked by hand (weights 1, "+1" boxes):
 * <pre>
 *  a0 [0,0,9,9]       logit  2, deltas 0             → [0,0,9,9]
 *  a1 [0,0,9,9]       logit  2 (tie), deltas (0.1,0,0,0) → [1,0,10,9]; IoU with a0 = 90/110 = 0.82 > 0.7:
 *                                                       NMS visits a0 first (lower index on the tie), a1 goes
 *  a2 [20,20,29,29]   logit  1, deltas (0.1,0,ln2,0) → cx 25 + 0.1·10 = 26, w 20 → [16,20,35,29]
 *  a3 [40,30,59,49]   logit  0, deltas (0,0,10,0)    → dw clamped at ln(1000/16): w = 62.5·20 = 1250,
 *                                                       [50 − 625, 30, 50 + 625 − 1, 49] → clipped [0,30,49,39]
 *  a4 [0,0,9,9]       logit −1                       → 6th by score, cut by preNmsTopN = 5
 *  a5 [0,0,9,6]       logit 0.5, deltas 0            → IoU with a0 = 70/100 = 0.7, not > 0.7: kept
 * </pre>
 * Score order σ: a0 0.8808, a1 0.8808, a2 0.7311, a5 0.6225, a3 0.5, a4 0.2689.
 */
class ProposalSelectorTest {
    private static final double S2 = 1 / (1 + Math.exp(-2));
    private static final double S1 = 1 / (1 + Math.exp(-1));
    private static final double S05 = 1 / (1 + Math.exp(-0.5));

    private static final Tensor ANCHORS = Tensor.of(new float[] {
        0, 0, 9, 9, 0, 0, 9, 9, 20, 20, 29, 29, 40, 30, 59, 49, 0, 0, 9, 9, 0, 0, 9, 6}, 6, 4);
    private static final Tensor DELTAS = Tensor.of(new float[] {
        0, 0, 0, 0, 0.1f, 0, 0, 0, 0.1f, 0, (float) Math.log(2), 0, 0, 0, 10, 0, 0, 0, 0, 0, 0, 0, 0, 0}, 6, 4);

    private static Tensor logits() {
        return Tensor.of(new float[] {2, 2, 1, 0, -1, 0.5f}, 6);
    }

    /** The cpu preset's proposal config with pre/post 5/3 in training and 5/5 at test time. */
    private static ProposalConfig config() {
        return Preset.CPU.proposals().withTopN(5, 3, 5, 5);
    }

    private static ProposalSelector selector(ProposalConfig c) {
        return new ProposalSelector(c, Preset.CPU.rpnBoxWeights());
    }

    @Test
    void testModeDecodesClipsAndSuppressesWithTiesByLowerIndex() {
        ProposalSelector.Proposals p = selector(config()).select(logits(), DELTAS, ANCHORS, 50, 40, null, false);
        TensorAsserts.assertClose(p.boxes().toDoubleArray(), new double[] {
            0, 0, 9, 9,
            16, 20, 35, 29,
            0, 0, 9, 6,
            0, 30, 49, 39}, Tolerances.F32_ELEMENTWISE, "proposal boxes");
        TensorAsserts.assertClose(p.scores().toDoubleArray(), new double[] {S2, S1, S05, 0.5},
                Tolerances.F32_ELEMENTWISE, "proposal scores");
    }

    @Test
    void trainingKeepsPostNmsTopNAndAppendsGt() {
        Tensor gt = Tensor.of(new float[] {5, 5, 14, 14}, 1, 4);
        ProposalSelector.Proposals p = selector(config()).select(logits(), DELTAS, ANCHORS, 50, 40, gt, true);
        // The first 3 NMS survivors, then the GT with score 1.
        TensorAsserts.assertClose(p.boxes().toDoubleArray(), new double[] {
            0, 0, 9, 9,
            16, 20, 35, 29,
            0, 0, 9, 6,
            5, 5, 14, 14}, Tolerances.F32_ELEMENTWISE, "proposal boxes");
        TensorAsserts.assertClose(p.scores().toDoubleArray(), new double[] {S2, S1, S05, 1},
                Tolerances.F32_ELEMENTWISE, "proposal scores");
        assertEquals(4, p.size());
    }

    @Test
    void minSizeDropsBoxesBeforeNms() {
        // a5 is 10×7 ("+1"): below 8 in height, dropped; every other box is ≥ 10 on both sides.
        ProposalSelector.Proposals p = selector(config().withMinSize(8)).select(logits(), DELTAS, ANCHORS, 50, 40,
                null, false);
        TensorAsserts.assertClose(p.boxes().toDoubleArray(), new double[] {
            0, 0, 9, 9,
            16, 20, 35, 29,
            0, 30, 49, 39}, Tolerances.F32_ELEMENTWISE, "proposal boxes");
    }

    @Test
    void noAnchorsGiveNoProposalsAndTrainingStillAppendsGt() {
        ProposalSelector s = selector(config());
        ProposalSelector.Proposals test = s.select(Tensor.zeros(0), Tensor.zeros(0, 4), Tensor.zeros(0, 4), 50, 40,
                null, false);
        assertEquals(0, test.size());
        Tensor gt = Tensor.of(new float[] {5, 5, 14, 14}, 1, 4);
        ProposalSelector.Proposals train = s.select(Tensor.zeros(0), Tensor.zeros(0, 4), Tensor.zeros(0, 4), 50, 40,
                gt, true);
        TensorAsserts.assertClose(train.boxes().toDoubleArray(), new double[] {5, 5, 14, 14},
                Tolerances.F32_ELEMENTWISE, "GT only");
    }

    @Test
    void proposalsAreDetached() {
        Tensor obj = logits().requiresGrad(true);
        Tensor del = DELTAS.detach().requiresGrad(true);
        ProposalSelector.Proposals p = selector(config()).select(obj, del, ANCHORS, 50, 40, null, false);
        assertFalse(p.boxes().requiresGrad());
        assertFalse(p.scores().requiresGrad());
    }

    @Test
    void badInputNamesTheArgument() {
        ProposalSelector s = selector(config());
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> s.select(Tensor.zeros(5), DELTAS, ANCHORS, 50, 40, null, false)).getMessage()
                .startsWith("objectness: must be [A = 6]"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> s.select(logits(), Tensor.zeros(6, 5), ANCHORS, 50, 40, null, false)).getMessage()
                .startsWith("deltas"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> s.select(logits(), DELTAS, ANCHORS, 50, -1, null, false)).getMessage()
                .contains("imageH = -1"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> s.select(logits(), DELTAS, ANCHORS, 50, 40, null, true)).getMessage().startsWith("gtBoxes"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> s.select(logits(), DELTAS, ANCHORS, 50, 40, Tensor.of(new float[] {0, 0, Float.NaN, 4}, 1, 4),
                        true)).getMessage().startsWith("gtBoxes: box 0 has a non-finite"));
    }
}
