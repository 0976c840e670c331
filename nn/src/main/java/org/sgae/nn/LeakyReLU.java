package org.sgae.nn;

import org.sgae.tensor.Tensor;
import org.sgae.tensor.ops.Elementwise;

/** x for x ≥ 0, slope·x otherwise. */
public final class LeakyReLU extends Layer {
    private final double slope;

    public LeakyReLU(double slope) {
        if (!Double.isFinite(slope)) {
            throw new IllegalArgumentException("LeakyReLU: slope must be finite, got " + slope);
        }
        this.slope = slope;
    }

    /** x [any] → same shape. */
    @Override
    public Tensor forward(Tensor x) {
        return Elementwise.leakyRelu(x, slope);
    }
}
