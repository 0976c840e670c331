package org.sgae.nn;

import java.util.SplittableRandom;
import org.sgae.tensor.DType;
import org.sgae.tensor.Device;
import org.sgae.tensor.Shape;
import org.sgae.tensor.Tensor;
import org.sgae.tensor.ops.Index;

/** A lookup table of {@code count} vectors of size {@code dim}; weight [count, dim] ~ N(0, 1) as in PyTorch. */
public final class Embedding extends Layer {
    private final Parameter weight;

    public Embedding(int count, int dim, SplittableRandom rng) {
        this(count, dim, DType.F32, Device.cpu(), rng);
    }

    public Embedding(int count, int dim, DType dtype, Device device, SplittableRandom rng) {
        if (count < 1 || dim < 1) {
            throw new IllegalArgumentException("Embedding: count and dim must be >= 1, got " + count + ", " + dim);
        }
        this.weight = registerParameter("weight", Init.normal(Tensor.empty(Shape.of(count, dim), dtype, device), 0, 1,
                rng));
    }

    /** ids [any shape] (I64/I32, values in [0, count)) → [ids shape..., dim]. */
    @Override
    public Tensor forward(Tensor ids) {
        return Index.embedding(weight.data(), ids);
    }

    public Parameter weight() {
        return weight;
    }
}
