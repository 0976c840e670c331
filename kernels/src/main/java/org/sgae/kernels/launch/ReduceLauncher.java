package org.sgae.kernels.launch;

import org.sgae.kernels.device.DeviceRuntime;
import org.sgae.tensor.Device;
import org.sgae.tensor.spi.ReduceKernels;
import org.sgae.tensor.spi.Unsupported;
import org.sgae.tensor.Tensor;
import org.sgae.tensor.ops.ReduceOp;

/** Placeholder while the family is written. */
public class ReduceLauncher implements ReduceKernels {
    private final Device device;

    public ReduceLauncher(DeviceRuntime rt) {
        this.device = rt.device();
    }

    @Override
    public void reduce(ReduceOp op, Tensor x, int outer, int n, int inner, Tensor out) {
        throw Unsupported.op("reduce", device);
    }

    @Override
    public void argReduce(boolean max, Tensor x, int outer, int n, int inner, Tensor out) {
        throw Unsupported.op("argReduce", device);
    }

    @Override
    public void softmax(Tensor x, int outer, int n, int inner, boolean log, Tensor out) {
        throw Unsupported.op("softmax", device);
    }
}
