package org.sgae.nn;

import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.sgae.tensor.Tensor;
import org.sgae.tensor.ops.Nn;

/**
 * Inverted dropout: in training, zeroes each element with probability p and scales the rest by 1/(1 − p); in eval,
 * the identity. Masks come from this layer's own seeded generator, so a run is reproducible.
 */
public final class Dropout extends Layer {
    private final double p;
    private final Supplier<SplittableRandom> rng;

    public Dropout(double p, SplittableRandom rng) {
        this(p, () -> rng);
    }

    /**
     * Masks from whatever stream {@code rng} returns at each forward: a trainer that derives the streams per
     * iteration (model-spec §11.4) hands in that iteration's dropout stream, so a resumed run draws the same masks.
     */
    public Dropout(double p, Supplier<SplittableRandom> rng) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("Dropout: p must be in [0, 1], got " + p);
        }
        this.p = p;
        this.rng = rng;
    }

    /** x [any] → same shape. */
    @Override
    public Tensor forward(Tensor x) {
        return Nn.dropout(x, p, isTraining(), rng.get());
    }
}
