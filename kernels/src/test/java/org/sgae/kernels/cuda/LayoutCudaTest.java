package org.sgae.kernels.cuda;

import org.junit.jupiter.api.condition.EnabledIf;
import org.sgae.kernels.LayoutParityContract;
import org.sgae.tensor.Device;

@EnabledIf(value = "org.sgae.kernels.cuda.Cuda#available", disabledReason = "no CUDA device (libcuda.so.1 missing)")
class LayoutCudaTest extends LayoutParityContract {
    @Override
    protected Device device() {
        return Device.cuda(0);
    }
}
