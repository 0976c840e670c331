package org.sgae.nn.loss;

import org.sgae.tensor.Tensor;

/**
 * The GAN losses of model-spec §9 in the standard non-saturating BCE form (§13 Q20): BCE(x, y) = mean of max(x,0) −
 * x·y + log(1 + e^{−|x|}) over all logits, with y = 1 for "real" and 0 for "fake". The generator's adversarial loss is
 * {@link #real} of the discriminator's logits on fakes; a discriminator's is {@link #real} on reals + {@link #fake}
 * on detached fakes.
 */
public final class GanLoss {
    private GanLoss() {
    }

    /** logits [any] → scalar mean BCE against 1. */
    public static Tensor real(Tensor logits) {
        return bce(logits, 1.0);
    }

    /** logits [any] → scalar mean BCE against 0. */
    public static Tensor fake(Tensor logits) {
        return bce(logits, 0.0);
    }

    private static Tensor bce(Tensor logits, double target) {
        Tensor y = Tensor.full(logits.shape(), logits.dtype(), logits.device(), target);
        return BceWithLogits.loss(logits, y, Reduction.MEAN);
    }
}
