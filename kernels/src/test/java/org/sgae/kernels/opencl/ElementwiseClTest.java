package org.sgae.kernels.opencl;

import org.junit.jupiter.api.condition.EnabledIf;
import org.sgae.kernels.ElementwiseParityContract;
import org.sgae.tensor.Device;
import org.sgae.tensor.DeviceKind;
import org.sgae.tensor.ops.Op;
import org.sgae.tensor.ops.OpPart;
import org.sgae.tensor.ops.OpPart.Role;

@EnabledIf(value = "org.sgae.kernels.opencl.OpenCl#available", disabledReason = "no OpenCL device (install pocl-opencl-icd)")
@OpPart(role = Role.PARITY_TEST, backends = DeviceKind.OPENCL, ops = {Op.ADD, Op.SUB, Op.MUL, Op.DIV, Op.POW,
        Op.MAXIMUM, Op.MINIMUM, Op.NEG, Op.EXP, Op.LOG, Op.SQRT, Op.ABS, Op.RELU, Op.LEAKY_RELU, Op.SIGMOID, Op.TANH,
        Op.CLAMP, Op.ADD_SCALAR, Op.MUL_SCALAR, Op.POW_SCALAR, Op.EQ, Op.NE, Op.LT, Op.LE, Op.GT, Op.GE, Op.WHERE,
        Op.CAST, Op.COPY})
class ElementwiseClTest extends ElementwiseParityContract {
    @Override
    protected Device device() {
        return Device.opencl(0);
    }
}
