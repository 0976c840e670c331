package org.sgae.tensor.cpu;

import org.sgae.tensor.Device;
import org.sgae.tensor.Tensor;
import org.sgae.tensor.ops.Conv2dAttrs;
import org.sgae.tensor.ops.Pool2dAttrs;
import org.sgae.tensor.spi.NnKernels;
import org.sgae.tensor.spi.Unsupported;

/** CPU conv/pool/resample/batch-norm kernels. (Being filled in; each method throws until its kernel lands.) */
public final class CpuNn implements NnKernels {
    private static UnsupportedOperationException todo(String op) {
        return Unsupported.op(op, Device.cpu());
    }

    @Override
    public void conv2d(Tensor x, Tensor w, Tensor bias, Conv2dAttrs a, Tensor out) {
        throw todo("conv2d");
    }

    @Override
    public void conv2dGradInput(Tensor gradOut, Tensor w, Conv2dAttrs a, Tensor gradIn) {
        throw todo("conv2d");
    }

    @Override
    public void conv2dGradWeight(Tensor gradOut, Tensor x, Conv2dAttrs a, Tensor gradW, Tensor gradBias) {
        throw todo("conv2d");
    }

    @Override
    public void maxPool2d(Tensor x, Pool2dAttrs a, Tensor out, Tensor argmax) {
        throw todo("max_pool2d");
    }

    @Override
    public void maxPool2dBackward(Tensor gradOut, Tensor argmax, Tensor gradIn) {
        throw todo("max_pool2d");
    }

    @Override
    public void avgPool2d(Tensor x, Pool2dAttrs a, Tensor out) {
        throw todo("avg_pool2d");
    }

    @Override
    public void avgPool2dBackward(Tensor gradOut, Pool2dAttrs a, Tensor gradIn) {
        throw todo("avg_pool2d");
    }

    @Override
    public void adaptiveAvgPool2d(Tensor x, Tensor out) {
        throw todo("adaptive_avg_pool2d");
    }

    @Override
    public void adaptiveAvgPool2dBackward(Tensor gradOut, Tensor gradIn) {
        throw todo("adaptive_avg_pool2d");
    }

    @Override
    public void upsampleNearest2d(Tensor x, Tensor out) {
        throw todo("upsample_nearest2d");
    }

    @Override
    public void upsampleNearest2dBackward(Tensor gradOut, Tensor gradIn) {
        throw todo("upsample_nearest2d");
    }

    @Override
    public void batchNormStats(Tensor x, Tensor mean, Tensor var) {
        throw todo("batch_norm");
    }

    @Override
    public void batchNormApply(Tensor x, Tensor mean, Tensor invStd, Tensor weight, Tensor bias, Tensor out) {
        throw todo("batch_norm");
    }

    @Override
    public void batchNormBackward(Tensor gradOut, Tensor x, Tensor mean, Tensor invStd, Tensor weight,
                                  boolean training, Tensor gradIn, Tensor gradWeight, Tensor gradBias) {
        throw todo("batch_norm");
    }
}
