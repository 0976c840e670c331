package org.sgae.model.detector.rpn;

import java.util.List;
import org.sgae.nn.loss.BceWithLogits;
import org.sgae.nn.loss.Reduction;
import org.sgae.nn.loss.RegressionLoss;
import org.sgae.tensor.Tensor;
import org.sgae.tensor.ops.Index;

/**
 * The two RPN losses of model-spec §3.2 over a batch, normalised as maskrcnn-benchmark does: with S = the sampled
 * anchors of all images together,
 * <ul>
 *   <li>objectness = Σ BCE-with-logits over the sampled anchors / S (the mean over the sampled anchors);</li>
 *   <li>box = Σ smooth-L1(β) over the sampled positives' 4 deltas / S (not / P: positives are rare, and dividing by
 *       S keeps the box term's weight proportional to how many positives the image has).</li>
 * </ul>
 */
public final class RpnLoss {
    private RpnLoss() {
    }

    /** Scalar losses; both 0 (no graph) when no anchor was sampled at all. */
    public record Losses(Tensor objectness, Tensor box) {
    }

    /**
     * Per image i: objectness.get(i) [A_i] logits and deltas.get(i) [A_i,4], both in the (y, x, a) anchor order,
     * and that image's targets → the losses.
     */
    public static Losses compute(List<Tensor> objectness, List<Tensor> deltas, List<RpnTargets.Targets> targets,
                                 double beta) {
        if (objectness.size() != deltas.size() || objectness.size() != targets.size()) {
            throw new IllegalArgumentException("rpn_loss: objectness, deltas and targets must have one entry per"
                    + " image, got " + objectness.size() + ", " + deltas.size() + " and " + targets.size());
        }
        int total = 0;
        for (RpnTargets.Targets t : targets) {
            total += t.lossDivisor();
        }
        if (total == 0) {
            return new Losses(Tensor.scalar(0), Tensor.scalar(0));
        }
        Tensor objSum = null;
        Tensor boxSum = null;
        for (int i = 0; i < targets.size(); i++) {
            RpnTargets.Targets t = targets.get(i);
            Tensor obj = objectness.get(i);
            Tensor del = deltas.get(i);
            int a = t.labels().length;
            if (obj.rank() != 1 || obj.dim(0) != a) {
                throw new IllegalArgumentException("rpn_loss: objectness[" + i + "] must be [A = " + a + "], got "
                        + obj.shape());
            }
            if (del.rank() != 2 || del.dim(0) != a || del.dim(1) != 4) {
                throw new IllegalArgumentException("rpn_loss: deltas[" + i + "] must be [A = " + a + ", 4], got "
                        + del.shape());
            }
            int p = t.positives().length;
            int s = t.lossDivisor();
            long[] sampled = new long[s];   // positives, then negatives
            float[] labels = new float[s];
            for (int k = 0; k < p; k++) {
                sampled[k] = t.positives()[k];
                labels[k] = 1;
            }
            for (int k = 0; k < s - p; k++) {
                sampled[p + k] = t.negatives()[k];
            }
            Tensor idx = Tensor.ofLongs(sampled, s).to(obj.device());
            Tensor picked = Index.indexSelect(obj, 0, idx); // [S_i]
            Tensor o = BceWithLogits.loss(picked, Tensor.of(labels, s).to(obj.dtype()).to(obj.device()), Reduction.SUM);
            objSum = objSum == null ? o : objSum.add(o);
            if (p > 0) {
                long[] pos = new long[p];
                for (int k = 0; k < p; k++) {
                    pos[k] = t.positives()[k];
                }
                Tensor predicted = Index.indexSelect(del, 0, Tensor.ofLongs(pos, p).to(del.device())); // [P_i,4]
                Tensor b = RegressionLoss.smoothL1(predicted, t.regression().to(del.dtype()).to(del.device()), beta,
                        Reduction.SUM);
                boxSum = boxSum == null ? b : boxSum.add(b);
            }
        }
        Tensor box = boxSum == null ? Tensor.scalar(0) : boxSum.mul(1.0 / total);
        return new Losses(objSum.mul(1.0 / total), box);
    }
}
