package org.sgae.kernels.launch;

import org.sgae.kernels.device.DeviceRuntime;
import org.sgae.tensor.Device;
import org.sgae.tensor.spi.IndexKernels;
import org.sgae.tensor.spi.Unsupported;
import org.sgae.tensor.Tensor;

/** Placeholder while the family is written. */
public class IndexLauncher implements IndexKernels {
    private final Device device;

    public IndexLauncher(DeviceRuntime rt) {
        this.device = rt.device();
    }

    @Override
    public void indexSelect(Tensor x, Tensor index, int outer, int n, int inner, Tensor out) {
        throw Unsupported.op("indexSelect", device);
    }

    @Override
    public void indexAdd(Tensor src, Tensor index, int outer, int n, int inner, Tensor out) {
        throw Unsupported.op("indexAdd", device);
    }

    @Override
    public void gather(Tensor x, int dim, Tensor index, Tensor out) {
        throw Unsupported.op("gather", device);
    }

    @Override
    public void scatterAdd(Tensor out, int dim, Tensor index, Tensor src) {
        throw Unsupported.op("scatterAdd", device);
    }

    @Override
    public void topk(Tensor x, int rows, int n, int k, boolean largest, Tensor values, Tensor indices) {
        throw Unsupported.op("topk", device);
    }
}
