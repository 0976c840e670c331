package org.sgae.kernels.opencl;

import org.junit.jupiter.api.condition.EnabledIf;
import org.sgae.kernels.LayoutParityContract;
import org.sgae.tensor.Device;
import org.sgae.tensor.DeviceKind;
import org.sgae.tensor.ops.Op;
import org.sgae.tensor.ops.OpPart;
import org.sgae.tensor.ops.OpPart.Role;

@EnabledIf(value = "org.sgae.kernels.opencl.OpenCl#available", disabledReason = "no OpenCL device (install pocl-opencl-icd)")
@OpPart(role = Role.PARITY_TEST, backends = DeviceKind.OPENCL, ops = {Op.LAYOUT_WARP, Op.BOX_CROP})
class LayoutClTest extends LayoutParityContract {
    @Override
    protected Device device() {
        return Device.opencl(0);
    }
}
