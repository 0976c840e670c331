package org.sgae.nn;

import java.util.SplittableRandom;
import org.sgae.tensor.DType;
import org.sgae.tensor.Device;
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

    /** Square kernel, stride, padding, dilation 1, F32 on the CPU. */
    public Conv2d(int in, int out, int kernel, int stride, int padding, boolean bias, SplittableRandom rng) {
        this(in, out, kernel, kernel, Conv2dAttrs.of(stride, padding, 1), bias, DType.F32, Device.cpu(), rng);
    }

    public Conv2d(int in, int out, int kernelH, int kernelW, Conv2dAttrs attrs, boolean bias, DType dtype,
                  Device device, SplittableRandom rng) {
        if (in < 1 || out < 1 || kernelH < 1 || kernelW < 1) {
            throw new IllegalArgumentException("Conv2d: channels and kernel must be >= 1, got in=" + in + " out=" + out
                    + " kernel=" + kernelH + "x" + kernelW);
        }
        this.attrs = attrs;
        double bound = 1 / Math.sqrt((double) in * kernelH * kernelW);
        this.weight = registerParameter("weight", Init.symmetricUniform(Shape.of(out, in, kernelH, kernelW), bound, dtype, device, rng));
        this.bias = bias
                ? registerParameter("bias", Init.symmetricUniform(Shape.of(out), bound, dtype, device, rng))
                : null;
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
