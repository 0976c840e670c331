package org.sgae.nn;

import org.sgae.tensor.DType;
import org.sgae.tensor.Device;
import org.sgae.tensor.Shape;
import org.sgae.tensor.Tensor;
import org.sgae.tensor.ops.Nn;

/**
 * Batch normalisation over N, H, W per channel. Parameters weight (ones) and bias (zeros) [C]; buffers
 * running_mean (zeros) and running_var (ones) [C], named as in PyTorch. Training normalises with batch statistics
 * and blends them into the running ones with {@code momentum} (running = (1 − m)·running + m·batch, unbiased
 * variance); eval normalises with the running statistics.
 */
public final class BatchNorm2d extends Layer {
    private final Parameter weight;
    private final Parameter bias;
    private final Tensor runningMean;
    private final Tensor runningVar;
    private final double momentum;
    private final double eps;

    public BatchNorm2d(int channels) {
        this(channels, 0.1, 1e-5, DType.F32, Device.cpu());
    }

    public BatchNorm2d(int channels, double momentum, double eps, DType dtype, Device device) {
        if (channels < 1 || !(momentum >= 0 && momentum <= 1) || !(eps > 0)) {
            throw new IllegalArgumentException("BatchNorm2d: need channels >= 1, momentum in [0, 1], eps > 0; got "
                    + channels + ", " + momentum + ", " + eps);
        }
        Shape s = Shape.of(channels);
        this.weight = registerParameter("weight", Tensor.full(s, dtype, device, 1));
        this.bias = registerParameter("bias", Tensor.zeros(s, dtype, device));
        this.runningMean = registerBuffer("running_mean", Tensor.zeros(s, dtype, device));
        this.runningVar = registerBuffer("running_var", Tensor.full(s, dtype, device, 1));
        this.momentum = momentum;
        this.eps = eps;
    }

    /** x [N, C, H, W] (or [N, C]) → same shape. */
    @Override
    public Tensor forward(Tensor x) {
        return Nn.batchNorm(x, weight.data(), bias.data(), runningMean, runningVar, isTraining(), momentum, eps);
    }

    public Parameter weight() {
        return weight;
    }

    public Parameter bias() {
        return bias;
    }

    public Tensor runningMean() {
        return runningMean;
    }

    public Tensor runningVar() {
        return runningVar;
    }
}
