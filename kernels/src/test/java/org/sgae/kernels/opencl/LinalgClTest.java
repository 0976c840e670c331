package org.sgae.kernels.opencl;

import org.junit.jupiter.api.condition.EnabledIf;
import org.sgae.kernels.LinalgParityContract;
import org.sgae.tensor.Device;

@EnabledIf(value = "org.sgae.kernels.opencl.OpenCl#available", disabledReason = "no OpenCL device (install pocl-opencl-icd)")
class LinalgClTest extends LinalgParityContract {
    @Override
    protected Device device() {
        return Device.opencl(0);
    }
}
