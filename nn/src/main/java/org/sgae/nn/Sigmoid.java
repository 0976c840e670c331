package org.sgae.nn;

import org.sgae.tensor.Tensor;
import org.sgae.tensor.ops.Elementwise;

/** Elementwise 1 / (1 + e^-x); no parameters. */
public final class Sigmoid extends Layer {
    /** x [any] → same shape. */
    @Override
    public Tensor forward(Tensor x) {
        return Elementwise.sigmoid(x);
    }
}
