package org.sgae.autograd.derivatives;

import org.junit.jupiter.api.Test;
import org.sgae.autograd.GradCheck;
import org.sgae.tensor.Rand;
import org.sgae.tensor.Tensor;
import org.sgae.tensor.ops.Detection;
import org.sgae.tensor.ops.Op;
import org.sgae.tensor.ops.OpPart;
import org.sgae.tensor.ops.OpPart.Role;
import org.sgae.tensor.ops.PairScoreAttrs;
import org.sgae.tensor.ops.RoiAlignAttrs;

/**
 * F64 finite-difference checks through autograd of ROI Align (to the features) and pair scoring (to all four
 * factors).
 */
@OpPart(role = Role.GRADIENT_TEST, ops = {Op.ROI_ALIGN, Op.PAIR_SCORES})
class DetectionGradTest {
    @Test
    void roiAlignToFeatures() {
        Tensor rois = Tensor.of(new double[] {0, 1.3, 2.1, 40.7, 30.2, 1, -8, 5, 20, 70, 0, 50, 40, 95, 79, 1, 10, 10,
            10.5, 10.2}, 4, 5);
        for (boolean aligned : new boolean[] {true, false}) {
            for (int sr : new int[] {2, 0}) {
                RoiAlignAttrs a = new RoiAlignAttrs(3, 2, 1.0 / 16, sr, aligned);
                GradCheck.assertGradients("roi_align " + a, in -> Detection.roiAlign(in[0], rois, a),
                        Rand.f64(7 + sr, 2, 2, 5, 6).requiresGrad(true));
            }
        }
    }

    @Test
    void pairScoresToFactors() {
        PairScoreAttrs a = new PairScoreAttrs(12);
        for (long seed = 1; seed <= 3; seed++) {
            GradCheck.assertGradients("pair scores", in -> Detection.pairScores(in[0], in[1], a)[0],
                    Rand.f64(seed, 6, 3).requiresGrad(true), Rand.f64(seed + 10, 6, 3).requiresGrad(true));
            GradCheck.assertGradients("pair scores, two pairs", in -> Detection.pairScores(in[0], in[1], in[2],
                    in[3], a)[0], Rand.f64(seed, 6, 3).requiresGrad(true), Rand.f64(seed + 10, 6, 3).requiresGrad(true),
                    Rand.f64(seed + 20, 6, 2).requiresGrad(true), Rand.f64(seed + 30, 6, 2).requiresGrad(true));
        }
    }
}
