package org.sgae.model.detector.roi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.sgae.tensor.DType;
import org.sgae.tensor.Device;
import org.sgae.tensor.Tensor;
import org.sgae.tensor.TensorAsserts;
import org.sgae.tensor.Tolerances;
import org.sgae.train.config.Preset;

/**
 * The ROI losses of §3.4 on {@link RoiTargetsTest}'s hand case, recomputed in double from the head's own outputs
 * for the same 4 ROIs: CE averaged over the 4 sampled ROIs, and smooth-L1 (β = 1) over the class-2 columns 8..11
 * of rows 1 and 2 only, divided by 4 (the sampled ROIs, not the 2 foreground ones).
 */
class RoiHeadsLossTest {
    @Test
    void lossesUseTheGtClassColumnsAndTheSampledCount() {
        RoiHeads heads = new RoiHeads(RoiTargetsTest.config(), Preset.CPU.postProcess(), 3, 16, DType.F64,
                Device.cpu(), new SplittableRandom(3), new SplittableRandom(4));
        SplittableRandom r = new SplittableRandom(5);
        double[] f = new double[3 * 4 * 4];
        for (int i = 0; i < f.length; i++) {
            f[i] = r.nextDouble();
        }
        Tensor features = Tensor.of(f, 1, 3, 4, 4);
        // make the predictor's deltas large enough that some |d| > β = 1 (both smooth-L1 branches are exercised)
        for (var p : heads.namedParameters().entrySet()) {
            if (p.getKey().startsWith("predictor.bbox_pred")) {
                org.sgae.nn.Init.normal(p.getValue().data(), 0, 1, r);
            }
        }
        Tensor proposals = Tensor.of(RoiTargetsTest.PROPOSALS, 4, 4).to(DType.F64);
        RoiHeads.Losses losses = heads.forwardTrain(features, List.of(proposals), List.of(RoiTargetsTest.GT),
                List.of(new int[] {2}), new SplittableRandom(1));

        double[] rois = new double[20];
        for (int k = 0; k < 4; k++) {
            for (int j = 0; j < 4; j++) {
                rois[5 * k + 1 + j] = RoiTargetsTest.PROPOSALS[4 * k + j];
            }
        }
        RoiHeads.HeadOutput out = heads.run(features, Tensor.of(rois, 4, 5));
        double[] logits = out.logits().toDoubleArray(); // [4,3]
        double[] deltas = out.deltas().toDoubleArray(); // [4,12]
        int[] labels = {0, 2, 2, 0};
        double ce = 0;
        for (int k = 0; k < 4; k++) {
            double m = Math.max(logits[3 * k], Math.max(logits[3 * k + 1], logits[3 * k + 2]));
            double lse = m + Math.log(Math.exp(logits[3 * k] - m) + Math.exp(logits[3 * k + 1] - m)
                    + Math.exp(logits[3 * k + 2] - m));
            ce += lse - logits[3 * k + labels[k]];
        }
        double[][] targets = {{0, -2.5, 0, -5 * Math.log(2)}, {0, 0, 0, 0}};
        double box = 0;
        for (int fg = 0; fg < 2; fg++) {
            int row = 1 + fg;
            for (int j = 0; j < 4; j++) {
                double d = Math.abs(deltas[12 * row + 4 * 2 + j] - targets[fg][j]);
                box += d < 1 ? 0.5 * d * d : d - 0.5;
            }
        }
        TensorAsserts.assertClose(losses.cls().item(), ce / 4, Tolerances.F64_EXACTISH, "cls");
        // the regression targets are F32 (the box coder runs on F32 host boxes): compare at F32 precision
        TensorAsserts.assertClose(losses.box().item(), box / 4, Tolerances.F32_BOX_CODER, "box");
        assertEquals(DType.F64, losses.box().dtype());
    }
}
