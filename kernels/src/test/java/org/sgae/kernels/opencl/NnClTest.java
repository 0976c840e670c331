package org.sgae.kernels.opencl;

import org.sgae.kernels.NnParityContract;
import org.sgae.tensor.Device;

class NnClTest extends NnParityContract {
    @Override
    protected Device device() {
        return Device.opencl(0);
    }
}
