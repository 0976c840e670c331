package org.sgae.kernels.opencl;

import org.sgae.kernels.IndexParityContract;
import org.sgae.tensor.Device;

class IndexClTest extends IndexParityContract {
    @Override
    protected Device device() {
        return Device.opencl(0);
    }
}
