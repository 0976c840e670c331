package org.sgae.nn;

import java.util.SplittableRandom;
import org.sgae.tensor.Tensor;
import org.sgae.tensor.ops.Nn;

/**
 * Inverted dropout: in training, zeroes each element with probability p and scales the rest by 1/(1 − p); in eval,
 * the identity. Masks come from this layer's own seeded generator, so a run is reproducible.
 */
public final class Dropout extends Layer {
    private final double p;
    private final SplittableRandom rng;

    public Dropout(double p, SplittableRandom rng) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("Dropout: p must be in [0, 1], got " + p);
        }
        this.p = p;
        this.rng = rng;
    }

    /** x [any] → same shape. */
    @Override
    public Tensor forward(Tensor x) {
        return Nn.dropout(x, p, isTraining(), rng);
    }
}
