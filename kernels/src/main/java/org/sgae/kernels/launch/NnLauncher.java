package org.sgae.kernels.launch;

import org.sgae.kernels.device.DeviceRuntime;
import org.sgae.tensor.Device;
import org.sgae.tensor.spi.NnKernels;
import org.sgae.tensor.spi.Unsupported;
import org.sgae.tensor.Tensor;
import org.sgae.tensor.ops.Conv2dAttrs;
import org.sgae.tensor.ops.Pool2dAttrs;

/** Placeholder while the family is written. */
public class NnLauncher implements NnKernels {
    private final Device device;

    public NnLauncher(DeviceRuntime rt) {
        this.device = rt.device();
    }

    @Override
    public void conv2d(Tensor x, Tensor w, Tensor bias, Conv2dAttrs a, Tensor out) {
        throw Unsupported.op("conv2d", device);
    }

    @Override
    public void conv2dGradInput(Tensor gradOut, Tensor w, Conv2dAttrs a, Tensor gradIn) {
        throw Unsupported.op("conv2dGradInput", device);
    }

    @Override
    public void conv2dGradWeight(Tensor gradOut, Tensor x, Conv2dAttrs a, Tensor gradW, Tensor gradBias) {
        throw Unsupported.op("conv2dGradWeight", device);
    }

    @Override
    public void maxPool2d(Tensor x, Pool2dAttrs a, Tensor out, Tensor argmax) {
        throw Unsupported.op("maxPool2d", device);
    }

    @Override
    public void maxPool2dBackward(Tensor gradOut, Tensor argmax, Tensor gradIn) {
        throw Unsupported.op("maxPool2dBackward", device);
    }

    @Override
    public void avgPool2d(Tensor x, Pool2dAttrs a, Tensor out) {
        throw Unsupported.op("avgPool2d", device);
    }

    @Override
    public void avgPool2dBackward(Tensor gradOut, Pool2dAttrs a, Tensor gradIn) {
        throw Unsupported.op("avgPool2dBackward", device);
    }

    @Override
    public void adaptiveAvgPool2d(Tensor x, Tensor out) {
        throw Unsupported.op("adaptiveAvgPool2d", device);
    }

    @Override
    public void adaptiveAvgPool2dBackward(Tensor gradOut, Tensor gradIn) {
        throw Unsupported.op("adaptiveAvgPool2dBackward", device);
    }

    @Override
    public void upsampleNearest2d(Tensor x, Tensor out) {
        throw Unsupported.op("upsampleNearest2d", device);
    }

    @Override
    public void upsampleNearest2dBackward(Tensor gradOut, Tensor gradIn) {
        throw Unsupported.op("upsampleNearest2dBackward", device);
    }

    @Override
    public void batchNormStats(Tensor x, Tensor mean, Tensor var) {
        throw Unsupported.op("batchNormStats", device);
    }

    @Override
    public void batchNormApply(Tensor x, Tensor mean, Tensor invStd, Tensor weight, Tensor bias, Tensor out) {
        throw Unsupported.op("batchNormApply", device);
    }

    @Override
    public void batchNormBackward(Tensor gradOut, Tensor x, Tensor mean, Tensor invStd, Tensor weight, boolean training,
                           Tensor gradIn, Tensor gradWeight, Tensor gradBias) {
        throw Unsupported.op("batchNormBackward", device);
    }
}
