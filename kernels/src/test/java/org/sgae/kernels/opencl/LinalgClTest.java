package org.sgae.kernels.opencl;

import org.sgae.kernels.LinalgParityContract;
import org.sgae.tensor.Device;

class LinalgClTest extends LinalgParityContract {
    @Override
    protected Device device() {
        return Device.opencl(0);
    }
}
