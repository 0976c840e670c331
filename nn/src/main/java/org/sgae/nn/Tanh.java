package org.sgae.nn;

import org.sgae.tensor.Tensor;
import org.sgae.tensor.ops.Elementwise;

/** Elementwise tanh; no parameters. */
public final class Tanh extends Layer {
    /** x [any] → same shape. */
    @Override
    public Tensor forward(Tensor x) {
        return Elementwise.tanh(x);
    }
}
