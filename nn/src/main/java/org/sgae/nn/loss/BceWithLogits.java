package org.sgae.nn.loss;

import org.sgae.tensor.Tensor;
import org.sgae.tensor.ops.Elementwise;

/**
 * Binary cross-entropy on logits (PyTorch's binary_cross_entropy_with_logits):
 * ℓ = w · [(1 − y)·x + (1 + (p − 1)·y) · softplus(−x)], p = pos_weight (1 when absent).
 *
 * <p>softplus(−x) = log(1 + e^−x) is evaluated as −m + log(1 + e^(2m − x)) with m = min(x, 0), because 2m − x = −|x|
 * never exceeds 0 (no overflow for any x). NOTE: this form also gives the exact derivative −σ(−x) at x = 0,
 * whichever side clamp's gradient picks at its bound; the textbook max(−x,0) + log(1+e^−|x|) gives 0 there from
 * relu'(0) = abs'(0) = 0, and logits are exactly 0 whenever a head is zero-initialised.
 */
public final class BceWithLogits {
    private BceWithLogits() {
    }

    /** logits, targets [any, same shape] in [0, 1] → reduced loss. */
    public static Tensor loss(Tensor logits, Tensor targets, Reduction reduction) {
        return loss(logits, targets, null, null, reduction);
    }

    /**
     * @param weight    per-element weight broadcastable to logits, or null
     * @param posWeight weight of positive examples broadcastable to logits (typically [C] for [N, C]), or null
     */
    public static Tensor loss(Tensor logits, Tensor targets, Tensor weight, Tensor posWeight, Reduction reduction) {
        Tensor y = RegressionLoss.asFloat(targets, logits.dtype());
        LossChecks.sameShape("binary_cross_entropy_with_logits", logits, y);
        LossChecks.broadcastsTo("binary_cross_entropy_with_logits", "weight", weight, logits);
        LossChecks.broadcastsTo("binary_cross_entropy_with_logits", "pos_weight", posWeight, logits);
        Tensor m = Elementwise.clamp(logits, Double.NEGATIVE_INFINITY, 0);
        Tensor softplusNeg = Elementwise.log(Elementwise.exp(m.mul(2).sub(logits)).add(1)).sub(m);
        Tensor negY = y.neg().add(1);
        Tensor logWeight = posWeight == null ? null
                : y.mul(RegressionLoss.asFloat(posWeight, logits.dtype()).add(-1)).add(1);
        Tensor l = negY.mul(logits).add(logWeight == null ? softplusNeg : logWeight.mul(softplusNeg));
        if (weight != null) {
            l = l.mul(RegressionLoss.asFloat(weight, logits.dtype()));
        }
        return reduction.apply(l);
    }
}
