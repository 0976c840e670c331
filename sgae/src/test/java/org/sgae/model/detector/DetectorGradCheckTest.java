package org.sgae.model.detector;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.sgae.autograd.GradCheck;
import org.sgae.nn.Init;
import org.sgae.nn.Parameter;
import org.sgae.tensor.DType;
import org.sgae.tensor.Device;
import org.sgae.tensor.Tensor;

/**
 * F64 finite-difference check of the whole detector loss L_det = rpn_obj + rpn_box + cls + box with respect to
 * every parameter (backbone, RPN head, box head, predictor), on two 32×32 images with one anchor per location.
 * The ROIs are held fixed (the GT boxes plus shifted copies), because the RPN's proposals move with the weights
 * while, by design, no gradient flows through them (model-spec §3.2). The sampling stream is re-seeded on every
 * evaluation so that each one samples the same anchors and ROIs. Random weights and images put the ReLU and
 * max-pool inputs far from their kinks relative to the 1e-6 step.
 */
class DetectorGradCheckTest {
    @Test
    void wholeDetectorLossMatchesFiniteDifferences() {
        FasterRcnn model = new FasterRcnn(TinyDetector.gradCheckConfig(), DType.F64, Device.cpu(),
                new SplittableRandom(21), new SplittableRandom(22));
        List<TinyDetector.Sample> data = TinyDetector.data(2, 32, 9);
        List<Tensor> images = new ArrayList<>();
        List<FasterRcnn.Target> targets = new ArrayList<>();
        List<Tensor> proposals = new ArrayList<>();
        SplittableRandom noise = new SplittableRandom(4);
        for (TinyDetector.Sample s : data) {
            float[] px = s.image().toFloatArray();
            for (int i = 0; i < px.length; i++) {
                px[i] += (float) noise.nextDouble(-0.2, 0.2); // texture, so no two activations tie
            }
            images.add(Tensor.of(px, 3, 32, 32));
            targets.add(s.target());
            proposals.add(Tensor.of(around(s.target().boxes()), s.target().boxes().length / 4 * 3, 4).to(DType.F64));
        }
        // Unit-scale weights instead of the 0.01/0.001 head inits, so every path (notably the deltas into both box
        // losses) carries a gradient far above GradCheck's 1e-8 absolute floor.
        SplittableRandom w = new SplittableRandom(23);
        List<Tensor> params = new ArrayList<>();
        for (Parameter p : model.parameters()) {
            Init.normal(p.data(), 0, 0.5, w);
            params.add(p.data());
        }
        // every term takes part: foreground anchors and ROIs exist, so both box losses are non-zero
        model.forwardTrain(images, targets, new SplittableRandom(7), proposals).forEach((name, loss) ->
                assertTrue(loss.item() > 0, name + " should be > 0 in this configuration, got " + loss.item()));
        GradCheck.assertGradients("detector loss", in -> FasterRcnn.total(
                        model.forwardTrain(images, targets, new SplittableRandom(7), proposals)),
                params.toArray(new Tensor[0]));
    }

    /** Each GT box, the box shifted by 4 px right and down (IoU ≈ 0.6 for 14–30 px: foreground), and 12 px (bg). */
    private static float[] around(float[] gt) {
        int g = gt.length / 4;
        float[] out = new float[12 * g];
        for (int k = 0; k < g; k++) {
            for (int j = 0; j < 3; j++) {
                float d = j == 0 ? 0 : j == 1 ? 4 : 12;
                out[4 * (3 * k + j)] = Math.min(gt[4 * k] + d, 31);
                out[4 * (3 * k + j) + 1] = Math.min(gt[4 * k + 1] + d, 31);
                out[4 * (3 * k + j) + 2] = Math.min(gt[4 * k + 2] + d, 31);
                out[4 * (3 * k + j) + 3] = Math.min(gt[4 * k + 3] + d, 31);
            }
        }
        return out;
    }
}
