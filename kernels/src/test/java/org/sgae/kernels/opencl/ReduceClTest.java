package org.sgae.kernels.opencl;

import org.sgae.kernels.ReduceParityContract;
import org.sgae.tensor.Device;

class ReduceClTest extends ReduceParityContract {
    @Override
    protected Device device() {
        return Device.opencl(0);
    }
}
