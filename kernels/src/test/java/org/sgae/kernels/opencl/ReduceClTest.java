package org.sgae.kernels.opencl;

import org.junit.jupiter.api.condition.EnabledIf;
import org.sgae.kernels.ReduceParityContract;
import org.sgae.tensor.Device;
import org.sgae.tensor.DeviceKind;
import org.sgae.tensor.ops.Op;
import org.sgae.tensor.ops.OpPart;
import org.sgae.tensor.ops.OpPart.Role;

@EnabledIf(value = "org.sgae.kernels.opencl.OpenCl#available", disabledReason = "no OpenCL device (install pocl-opencl-icd)")
@OpPart(role = Role.PARITY_TEST, backends = DeviceKind.OPENCL, ops = {Op.SUM, Op.MEAN, Op.MAX, Op.MIN, Op.ARGMAX,
        Op.ARGMIN, Op.LOGSUMEXP, Op.SOFTMAX, Op.LOG_SOFTMAX, Op.SEGMENT_SOFTMAX})
class ReduceClTest extends ReduceParityContract {
    @Override
    protected Device device() {
        return Device.opencl(0);
    }
}
