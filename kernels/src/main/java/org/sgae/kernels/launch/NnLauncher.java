package org.sgae.kernels.launch;

import org.sgae.kernels.device.DeviceRuntime;
import org.sgae.tensor.Tensor;
import org.sgae.tensor.attrs.Conv2dAttrs;
import org.sgae.tensor.attrs.Pool2dAttrs;
import org.sgae.tensor.spi.NnKernels;

/** The NN family of a device: conv2d (im2col + gemm), pooling and upsampling, batch norm. */
public final class NnLauncher implements NnKernels {
    private final ConvLauncher conv;
    private final PoolLauncher pool;
    private final BatchNormLauncher bn;

    public NnLauncher(DeviceRuntime rt) {
        ElementwiseLauncher ew = new ElementwiseLauncher(rt);
        conv = new ConvLauncher(rt, new LinalgLauncher(rt), new ReduceLauncher(rt), ew);
        pool = new PoolLauncher(rt, ew);
        bn = new BatchNormLauncher(rt, ew);
    }

    @Override
    public void conv2d(Tensor x, Tensor w, Tensor bias, Conv2dAttrs a, Tensor out) {
        conv.forward(x, w, bias, a, out);
    }

    @Override
    public void conv2dGradInput(Tensor gradOut, Tensor w, Conv2dAttrs a, Tensor gradIn) {
        conv.gradInput(gradOut, w, a, gradIn);
    }

    @Override
    public void conv2dGradWeight(Tensor gradOut, Tensor x, Conv2dAttrs a, Tensor gradW, Tensor gradBias) {
        conv.gradWeight(gradOut, x, a, gradW, gradBias);
    }

    @Override
    public void maxPool2d(Tensor x, Pool2dAttrs a, Tensor out, Tensor argmax) {
        pool.maxPool(x, a, out, argmax);
    }

    @Override
    public void maxPool2dBackward(Tensor gradOut, Tensor argmax, Tensor gradIn) {
        pool.maxPoolBackward(gradOut, argmax, gradIn);
    }

    @Override
    public void avgPool2d(Tensor x, Pool2dAttrs a, Tensor out) {
        pool.avgPool(x, a, out);
    }

    @Override
    public void avgPool2dBackward(Tensor gradOut, Pool2dAttrs a, Tensor gradIn) {
        pool.avgPoolBackward(gradOut, a, gradIn);
    }

    @Override
    public void adaptiveAvgPool2d(Tensor x, Tensor out) {
        pool.adaptive(x, out);
    }

    @Override
    public void adaptiveAvgPool2dBackward(Tensor gradOut, Tensor gradIn) {
        pool.adaptiveBackward(gradOut, gradIn);
    }

    @Override
    public void upsampleNearest2d(Tensor x, Tensor out) {
        pool.upsample(x, out);
    }

    @Override
    public void upsampleNearest2dBackward(Tensor gradOut, Tensor gradIn) {
        pool.upsampleBackward(gradOut, gradIn);
    }

    @Override
    public void batchNormStats(Tensor x, Tensor mean, Tensor var) {
        bn.stats(x, mean, var);
    }

    @Override
    public void batchNormApply(Tensor x, Tensor mean, Tensor invStd, Tensor weight, Tensor bias, Tensor out) {
        bn.apply(x, mean, invStd, weight, bias, out);
    }

    @Override
    public void batchNormBackward(Tensor gradOut, Tensor x, Tensor mean, Tensor invStd, Tensor weight,
                                  boolean training, Tensor gradIn, Tensor gradWeight, Tensor gradBias) {
        bn.backward(gradOut, x, mean, invStd, weight, training, gradIn, gradWeight, gradBias);
    }
}
