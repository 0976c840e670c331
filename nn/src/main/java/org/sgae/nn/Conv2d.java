package org.sgae.nn;

import java.util.SplittableRandom;
import org.sgae.tensor.Shape;
import org.sgae.tensor.Tensor;
import org.sgae.tensor.attrs.Conv2dAttrs;
import org.sgae.tensor.ops.Nn;

/**
 * 2-D convolution (groups = 1). Weight [out, in, k, k], bias [out]. Default init is PyTorch's: weight and bias
 * uniform in ±1/√(in·k·k). Call {@link Init} on {@link #weight()} for Kaiming init instead.
 */
public final class Conv2d extends Layer {
    private final Parameter weight;
    private final Parameter bias;
    private final Conv2dAttrs attrs;

    private Conv2d(Builder b, SplittableRandom rng) {
        if (b.in < 1 || b.out < 1 || b.kernelH < 1 || b.kernelW < 1) {
            throw new IllegalArgumentException("Conv2d: channels and kernel must be >= 1, got in=" + b.in + " out="
                    + b.out + " kernel=" + b.kernelH + "x" + b.kernelW);
        }
        this.attrs = Conv2dAttrs.of(b.stride, b.padding, b.dilation);
        double bound = 1 / Math.sqrt((double) b.in * b.kernelH * b.kernelW);
        this.weight = registerParameter("weight",
                Init.symmetricUniform(Shape.of(b.out, b.in, b.kernelH, b.kernelW), bound, b.dtype, b.device, rng));
        this.bias = b.bias
                ? registerParameter("bias", Init.symmetricUniform(Shape.of(b.out), bound, b.dtype, b.device, rng))
                : null;
    }

    /**
     * A {@code kernel}×{@code kernel} convolution from {@code in} to {@code out} channels; by default stride 1,
     * padding 0, dilation 1, with bias, F32 on the CPU. Example: {@code Conv2d.builder(64, 64, 3).padding(1)
     * .bias(false).build(rng)}.
     */
    public static Builder builder(int in, int out, int kernel) {
        return new Builder(in, out, kernel, kernel);
    }

    /** Named options instead of a row of ints and a boolean; {@link #build} draws the initial weights. */
    public static final class Builder extends LayerOptions<Builder> {
        private final int in;
        private final int out;
        private final int kernelH;
        private final int kernelW;
        private int stride = 1;
        private int padding;
        private int dilation = 1;

        private Builder(int in, int out, int kernelH, int kernelW) {
            this.in = in;
            this.out = out;
            this.kernelH = kernelH;
            this.kernelW = kernelW;
        }

        public Builder stride(int stride) {
            this.stride = stride;
            return this;
        }

        /** Zeros added on every side. */
        public Builder padding(int padding) {
            this.padding = padding;
            return this;
        }

        public Builder dilation(int dilation) {
            this.dilation = dilation;
            return this;
        }

        public Conv2d build(SplittableRandom rng) {
            return new Conv2d(this, rng);
        }
    }

    /** x [N, in, H, W] → [N, out, OH, OW], OH = (H + 2·pad − dil·(k − 1) − 1) / stride + 1. */
    @Override
    public Tensor forward(Tensor x) {
        return Nn.conv2d(x, weight.data(), bias == null ? null : bias.data(), attrs);
    }

    public Parameter weight() {
        return weight;
    }

    /** Null when built without bias. */
    public Parameter bias() {
        return bias;
    }

    public Conv2dAttrs attrs() {
        return attrs;
    }
}
