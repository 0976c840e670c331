package org.sgae.kernels.opencl;

import org.sgae.kernels.ElementwiseParityContract;
import org.sgae.tensor.Device;

class ElementwiseClTest extends ElementwiseParityContract {
    @Override
    protected Device device() {
        return Device.opencl(0);
    }
}
