package org.sgae.model.detector.rpn;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sgae.tensor.Tensor;
import org.sgae.tensor.Tolerances;

/** The divisor of both RPN losses is the number of sampled anchors of the whole batch (model-spec §3.2). */
class RpnLossTest {
    private static final double BETA = 1.0 / 9;
    private static final double LN3 = Math.log(3);

    /** Image 1: A = 4; anchor 0 positive, 2 and 3 negative, 1 not sampled. Target deltas 0. */
    private static RpnTargets.Targets image1() {
        return new RpnTargets.Targets(new int[] {1, -1, 0, 0}, new int[] {0}, new int[] {2, 3}, new int[] {0},
                Tensor.zeros(1, 4));
    }

    private static Tensor logits1() {
        // Anchor 1 (not sampled) has a large logit that must not count.
        return Tensor.of(new float[] {0, 5, (float) LN3, (float) -LN3}, 4);
    }

    private static Tensor deltas1() {
        return Tensor.of(new float[] {0.05f, 0, 1, 0, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9}, 4, 4);
    }

    private static void assertScalar(double expected, Tensor actual, String name) {
        double a = actual.toDoubleArray()[0];
        assertTrue(Tolerances.f32Reduction(4).ok(a, expected), name + ": " + a + " vs " + expected);
    }

    @Test
    void oneImage() {
        // BCE: positive logit 0 → ln 2; negatives: ln(1 + e^{ln 3}) = ln 4 and ln(1 + 1/3) = ln(4/3).
        // Sum ln(2·4·4/3) = ln(32/3); / S = 3.
        // Smooth L1 (β = 1/9) on anchor 0: |0.05| < β → 0.5·0.05²/β = 0.01125; |1| ≥ β → 1 − β/2; others 0.
        RpnLoss.Losses l = RpnLoss.compute(List.of(logits1()), List.of(deltas1()), List.of(image1()), BETA);
        assertScalar(Math.log(32.0 / 3) / 3, l.objectness(), "objectness");
        assertScalar((0.01125 + 1 - BETA / 2) / 3, l.box(), "box");
    }

    @Test
    void twoImagesShareOneDivisor() {
        // Image 2: A = 2, one sampled negative with logit 0 (ln 2), no positive. S = 3 + 1 = 4.
        RpnTargets.Targets t2 = new RpnTargets.Targets(new int[] {0, -1}, new int[0], new int[] {0}, new int[0],
                Tensor.zeros(0, 4));
        RpnLoss.Losses l = RpnLoss.compute(List.of(logits1(), Tensor.of(new float[] {0, 3}, 2)),
                List.of(deltas1(), Tensor.zeros(2, 4)), List.of(image1(), t2), BETA);
        assertScalar(Math.log(64.0 / 3) / 4, l.objectness(), "objectness");
        assertScalar((0.01125 + 1 - BETA / 2) / 4, l.box(), "box");
    }
}
