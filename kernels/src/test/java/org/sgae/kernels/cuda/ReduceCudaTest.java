package org.sgae.kernels.cuda;

import org.junit.jupiter.api.condition.EnabledIf;
import org.sgae.kernels.ReduceParityContract;
import org.sgae.tensor.Device;
import org.sgae.tensor.DeviceKind;
import org.sgae.tensor.ops.Op;
import org.sgae.tensor.ops.OpPart;
import org.sgae.tensor.ops.OpPart.Role;

@EnabledIf(value = "org.sgae.kernels.cuda.Cuda#available", disabledReason = "no CUDA device (libcuda.so.1 missing)")
@OpPart(role = Role.PARITY_TEST, backends = DeviceKind.CUDA, ops = {Op.SUM, Op.MEAN, Op.MAX, Op.MIN, Op.ARGMAX,
        Op.ARGMIN, Op.LOGSUMEXP, Op.SOFTMAX, Op.LOG_SOFTMAX, Op.SEGMENT_SOFTMAX})
class ReduceCudaTest extends ReduceParityContract {
    @Override
    protected Device device() {
        return Device.cuda(0);
    }
}
