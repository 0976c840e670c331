package org.sgae.nn;

import java.util.SplittableRandom;
import org.sgae.tensor.Shape;
import org.sgae.tensor.Tensor;

/**
 * y = x·Wᵀ + b. Weight [out, in], bias [out]. Default init is PyTorch's: W and b uniform in ±1/√in (kaiming_uniform
 * with a = √5 reduces to that bound).
 */
public final class Linear extends Layer {
    private final Parameter weight;
    private final Parameter bias;
    private final int in;
    private final int out;

    /** With bias, F32 on the CPU; {@link #builder} for the other options. */
    public Linear(int in, int out, SplittableRandom rng) {
        this(builder(in, out), rng);
    }

    private Linear(Builder b, SplittableRandom rng) {
        if (b.in < 1 || b.out < 1) {
            throw new IllegalArgumentException("Linear: sizes must be >= 1, got in=" + b.in + " out=" + b.out);
        }
        this.in = b.in;
        this.out = b.out;
        double bound = 1 / Math.sqrt(in);
        this.weight = registerParameter("weight", Init.symmetricUniform(Shape.of(out, in), bound, b.dtype, b.device, rng));
        this.bias = b.bias
                ? registerParameter("bias", Init.symmetricUniform(Shape.of(out), bound, b.dtype, b.device, rng))
                : null;
    }

    /** Example: {@code Linear.builder(256, 10).bias(false).dtype(DType.F64).build(rng)} (options: {@link LayerOptions}). */
    public static Builder builder(int in, int out) {
        return new Builder(in, out);
    }

    /** Named options instead of a boolean argument; {@link #build} draws the initial weights. */
    public static final class Builder extends LayerOptions<Builder> {
        private final int in;
        private final int out;

        private Builder(int in, int out) {
            this.in = in;
            this.out = out;
        }

        public Linear build(SplittableRandom rng) {
            return new Linear(this, rng);
        }
    }

    /** x [..., in] → [..., out]. */
    @Override
    public Tensor forward(Tensor x) {
        if (x.rank() < 1 || x.dim(-1) != in) {
            throw new IllegalArgumentException("Linear(" + in + "→" + out + "): input " + x.shape()
                    + " must end in " + in);
        }
        // The transposed weight is a view; matmul reads it through a flag, without a copy.
        Tensor y = x.matmul(weight.data().transpose(0, 1));
        return bias == null ? y : y.add(bias.data());
    }

    public Parameter weight() {
        return weight;
    }

    /** Null when built without bias. */
    public Parameter bias() {
        return bias;
    }
}
