package org.sgae.kernels.opencl;

import org.junit.jupiter.api.condition.EnabledIf;
import org.sgae.kernels.DetectionParityContract;
import org.sgae.tensor.Device;

@EnabledIf(value = "org.sgae.kernels.opencl.OpenCl#available", disabledReason = "no OpenCL device (install pocl-opencl-icd)")
class DetectionClTest extends DetectionParityContract {
    @Override
    protected Device device() {
        return Device.opencl(0);
    }
}
