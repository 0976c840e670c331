package org.sgae.autograd.derivatives;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.sgae.autograd.Engine;
import org.sgae.autograd.GradCheck;
import org.sgae.tensor.Rand;
import org.sgae.tensor.Tensor;
import org.sgae.tensor.TensorAsserts;
import org.sgae.tensor.Tolerances;
import org.sgae.tensor.attrs.LayoutGrid;
import org.sgae.tensor.attrs.LayoutWarpAttrs;
import org.sgae.tensor.attrs.PairScoreAttrs;
import org.sgae.tensor.attrs.RoiAlignAttrs;
import org.sgae.tensor.ops.Detection;
import org.sgae.tensor.ops.Op;
import org.sgae.tensor.ops.OpPart.Role;
import org.sgae.tensor.ops.OpPart;

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

    /**
     * issue 10 (3.5): the ROI Align node keeps the rois and the features' shape, not the feature map. The features
     * here are an intermediate (not a leaf, which the node must hold to accumulate into), created outside every
     * MemoryScope, so once the caller drops them only the graph could keep them reachable.
     */
    @Test
    void roiAlignDoesNotKeepTheFeatureMapAlive() throws InterruptedException {
        Tensor leaf = Rand.f64(3, 1, 2, 6, 6).requiresGrad(true);
        Tensor rois = Tensor.of(new double[] {0, 0.5, 1.5, 4.2, 5.1}, 1, 5);
        RoiAlignAttrs a = new RoiAlignAttrs(2, 2, 1.0, 2, true);
        Tensor features = leaf.mul(3.0);
        Tensor y = Detection.roiAlign(features, rois, a);
        java.lang.ref.WeakReference<Tensor> ref = new java.lang.ref.WeakReference<>(features);
        features = null;
        for (int i = 0; i < 50 && ref.get() != null; i++) {
            System.gc();
            Thread.sleep(10);
        }
        assertNull(ref.get(), "the graph still holds the feature map");
        Engine.backward(y.sum());
        // d/dleaf Σ roiAlign(3·leaf) = 3 · roiAlignBackward(ones): the gradient still arrives, through the shape only
        double[] want = Detection.roiAlignBackward(Tensor.full(y.shape(), y.dtype(), y.device(), 3), rois,
                leaf.shape(), a).toDoubleArray();
        TensorAsserts.assertClose(leaf.grad().toDoubleArray(), want, Tolerances.F64_EXACTISH, "roi_align gradient");
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
