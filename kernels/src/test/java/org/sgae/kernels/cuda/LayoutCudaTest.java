package org.sgae.kernels.cuda;

import org.junit.jupiter.api.condition.EnabledIf;
import org.sgae.kernels.LayoutParityContract;
import org.sgae.tensor.Device;
import org.sgae.tensor.DeviceKind;
import org.sgae.tensor.ops.Op;
import org.sgae.tensor.ops.OpPart;
import org.sgae.tensor.ops.OpPart.Role;

@EnabledIf(value = "org.sgae.kernels.cuda.Cuda#available", disabledReason = "no CUDA device (libcuda.so.1 missing)")
@OpPart(role = Role.PARITY_TEST, backends = DeviceKind.CUDA, ops = {Op.LAYOUT_WARP, Op.BOX_CROP})
class LayoutCudaTest extends LayoutParityContract {
    @Override
    protected Device device() {
        return Device.cuda(0);
    }
}
