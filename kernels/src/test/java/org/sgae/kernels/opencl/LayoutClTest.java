package org.sgae.kernels.opencl;

import org.junit.jupiter.api.condition.EnabledIf;
import org.sgae.kernels.LayoutParityContract;
import org.sgae.tensor.Device;

@EnabledIf(value = "org.sgae.kernels.opencl.OpenCl#available", disabledReason = "no OpenCL device (install pocl-opencl-icd)")
class LayoutClTest extends LayoutParityContract {
    @Override
    protected Device device() {
        return Device.opencl(0);
    }
}
