package org.sgae.nn;

import org.sgae.tensor.Tensor;

/** Keeps the batch dim and flattens the rest: [N, d1, d2, ...] → [N, d1·d2·...]. */
public final class Flatten extends Layer {
    @Override
    public Tensor forward(Tensor x) {
        if (x.rank() < 1) {
            throw new IllegalArgumentException("Flatten: needs a batch dim, got a scalar");
        }
        return x.reshape(x.dim(0), -1);
    }
}
