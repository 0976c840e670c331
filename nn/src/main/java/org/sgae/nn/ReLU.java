package org.sgae.nn;

import org.sgae.tensor.Tensor;
import org.sgae.tensor.ops.Elementwise;

/** Elementwise max(x, 0); no parameters. */
public final class ReLU extends Layer {
    /** x [any] → same shape. */
    @Override
    public Tensor forward(Tensor x) {
        return Elementwise.relu(x);
    }
}
