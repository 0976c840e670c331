package org.sgae.nn;

import java.util.SplittableRandom;
import org.sgae.tensor.DType;
import org.sgae.tensor.Device;
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

    public Linear(int in, int out, boolean bias, SplittableRandom rng) {
        this(in, out, bias, DType.F32, Device.cpu(), rng);
    }

    public Linear(int in, int out, boolean bias, DType dtype, Device device, SplittableRandom rng) {
        if (in < 1 || out < 1) {
            throw new IllegalArgumentException("Linear: sizes must be >= 1, got in=" + in + " out=" + out);
        }
        this.in = in;
        this.out = out;
        double bound = 1 / Math.sqrt(in);
        this.weight = registerParameter("weight", Init.symmetricUniform(Shape.of(out, in), bound, dtype, device, rng));
        this.bias = bias
                ? registerParameter("bias", Init.symmetricUniform(Shape.of(out), bound, dtype, device, rng))
                : null;
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
