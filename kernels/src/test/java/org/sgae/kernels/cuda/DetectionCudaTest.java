package org.sgae.kernels.cuda;

import org.junit.jupiter.api.condition.EnabledIf;
import org.sgae.kernels.DetectionParityContract;
import org.sgae.tensor.Device;

@EnabledIf(value = "org.sgae.kernels.cuda.Cuda#available", disabledReason = "no CUDA device (libcuda.so.1 missing)")
class DetectionCudaTest extends DetectionParityContract {
    @Override
    protected Device device() {
        return Device.cuda(0);
    }
}
