package org.sgae.tensor.cpu;

import org.sgae.tensor.Device;
import org.sgae.tensor.Tensor;
import org.sgae.tensor.spi.IndexKernels;
import org.sgae.tensor.spi.Unsupported;

/** CPU indexing kernels. (Being filled in; each method throws until its kernel lands.) */
public final class CpuIndex implements IndexKernels {
    @Override
    public void indexSelect(Tensor x, Tensor index, int outer, int n, int inner, Tensor out) {
        throw Unsupported.op("index_select", Device.cpu());
    }

    @Override
    public void indexAdd(Tensor src, Tensor index, int outer, int n, int inner, Tensor out) {
        throw Unsupported.op("index_add", Device.cpu());
    }

    @Override
    public void gather(Tensor x, int dim, Tensor index, Tensor out) {
        throw Unsupported.op("gather", Device.cpu());
    }

    @Override
    public void scatterAdd(Tensor out, int dim, Tensor index, Tensor src) {
        throw Unsupported.op("scatter_add", Device.cpu());
    }

    @Override
    public void topk(Tensor x, int rows, int n, int k, boolean largest, Tensor values, Tensor indices) {
        throw Unsupported.op("topk", Device.cpu());
    }
}
