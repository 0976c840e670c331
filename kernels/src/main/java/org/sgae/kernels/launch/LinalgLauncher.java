package org.sgae.kernels.launch;

import org.sgae.kernels.device.DeviceRuntime;
import org.sgae.tensor.Device;
import org.sgae.tensor.spi.LinalgKernels;
import org.sgae.tensor.spi.Unsupported;
import org.sgae.tensor.Tensor;

/** Placeholder while the family is written. */
public class LinalgLauncher implements LinalgKernels {
    private final Device device;

    public LinalgLauncher(DeviceRuntime rt) {
        this.device = rt.device();
    }

    @Override
    public void matmul(Tensor a, int aBatchStride, boolean transA, Tensor b, int bBatchStride, boolean transB,
                int batch, int m, int n, int k, Tensor out) {
        throw Unsupported.op("matmul", device);
    }
}
