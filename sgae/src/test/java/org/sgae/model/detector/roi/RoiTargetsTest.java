package org.sgae.model.detector.roi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.sgae.tensor.Tensor;
import org.sgae.tensor.TensorAsserts;
import org.sgae.tensor.Tolerances;
import org.sgae.train.config.Preset;
import org.sgae.train.config.RoiHeadsConfig;
import org.sgae.train.config.SamplerConfig;

/**
 * ROI targets on a hand case. GT g = [0,0,9,9] (10×10, "+1" widths), class 2. Proposals:
 * <ul>
 *   <li>p0 = [20,20,29,29]: IoU 0, background;</li>
 *   <li>p1 = [0,0,9,19]: IoU 100/200 = 0.5 ≥ 0.5, foreground;</li>
 *   <li>p2 = [0,0,9,9] (the appended GT): IoU 1, foreground;</li>
 *   <li>p3 = [30,0,39,9]: IoU 0, background.</li>
 * </ul>
 * 4 per image at ≤ 50% positive takes all 4 without a draw. Regression of p1 onto g (weights 10,10,5,5): the
 * centres are (5, 10) and (5, 5), sizes 10×20 and 10×10 → (10·0/10, 10·(5 − 10)/20, 5·ln(10/10), 5·ln(10/20)) =
 * (0, −2.5, 0, −5·ln 2 = −3.4657359); p2's is 0.
 */
class RoiTargetsTest {
    static final float[] GT = {0, 0, 9, 9};
    static final float[] PROPOSALS = {20, 20, 29, 29, 0, 0, 9, 19, 0, 0, 9, 9, 30, 0, 39, 9};

    static RoiHeadsConfig config() {
        return Preset.CPU.roiHeads().withSampler(new SamplerConfig(4, 0.5)).withHead(2, 4, 0, 3);
    }

    @Test
    void labelsRowsAndRegression() {
        RoiTargets.Sample s = new RoiTargets(config()).compute(PROPOSALS, GT, new int[] {2}, new SplittableRandom(1));
        assertArrayEquals(new int[] {0, 1, 2, 3}, s.proposal(), "ascending proposal order");
        assertArrayEquals(new int[] {0, 2, 2, 0}, s.labels(), "GT class for foreground, 0 for background");
        assertArrayEquals(new int[] {1, 2}, s.foreground());
        assertArrayEquals(PROPOSALS, s.boxes());
        TensorAsserts.assertClose(s.regression(), Tensor.of(new float[] {0, -2.5f, 0, (float) (-5 * Math.log(2)),
                0, 0, 0, 0}, 2, 4), Tolerances.F32_BOX_CODER, "regression");
    }

    @Test
    void samplerCapsForegroundAtTheFraction() {
        // 2 per image at 50%: one foreground drawn from {p1, p2}, one background from {p0, p3}
        RoiHeadsConfig c = config().withSampler(new SamplerConfig(2, 0.5));
        RoiTargets.Sample s = new RoiTargets(c).compute(PROPOSALS, GT, new int[] {2}, new SplittableRandom(1));
        assertArrayEquals(new int[] {1}, new int[] {s.foreground().length});
        assertArrayEquals(new int[] {2}, new int[] {s.size()});
    }

    @Test
    void labelOutsideTheClassesIsNamed() {
        assertThrows(IllegalArgumentException.class, () -> new RoiTargets(config()).compute(PROPOSALS, GT,
                new int[] {3}, new SplittableRandom(1)));
    }
}
