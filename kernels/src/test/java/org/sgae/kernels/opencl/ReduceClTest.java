package org.sgae.kernels.opencl;

import org.junit.jupiter.api.condition.EnabledIf;
import org.sgae.kernels.ReduceParityContract;
import org.sgae.tensor.Device;

@EnabledIf(value = "org.sgae.kernels.opencl.OpenCl#available", disabledReason = "no OpenCL device (install pocl-opencl-icd)")
class ReduceClTest extends ReduceParityContract {
    @Override
    protected Device device() {
        return Device.opencl(0);
    }
}
