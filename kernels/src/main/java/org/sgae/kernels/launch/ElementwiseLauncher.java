package org.sgae.kernels.launch;

import org.sgae.kernels.device.DeviceRuntime;
import org.sgae.kernels.device.Grid;
import org.sgae.kernels.device.KernelArgs;
import org.sgae.kernels.device.KernelFunction;
import org.sgae.kernels.device.Scratch;
import org.sgae.tensor.DType;
import org.sgae.tensor.Tensor;
import org.sgae.tensor.attrs.BinaryOp;
import org.sgae.tensor.attrs.UnaryOp;
import org.sgae.tensor.ops.Op;
import org.sgae.tensor.ops.OpPart.Role;
import org.sgae.tensor.ops.OpPart;
import org.sgae.tensor.spi.ElementwiseKernels;

/** Launchers for elementwise.k (both backends). One thread per output element, block {@value #BLOCK}. */
@OpPart(role = Role.DEVICE_LAUNCHER, kernels = "elementwise.k", ops = {Op.ADD, Op.SUB, Op.MUL, Op.DIV, Op.POW,
        Op.MAXIMUM, Op.MINIMUM, Op.NEG, Op.EXP, Op.LOG, Op.SQRT, Op.ABS, Op.RELU, Op.LEAKY_RELU, Op.SIGMOID, Op.TANH,
        Op.CLAMP, Op.ADD_SCALAR, Op.MUL_SCALAR, Op.POW_SCALAR, Op.EQ, Op.NE, Op.LT, Op.LE, Op.GT, Op.GE, Op.WHERE,
        Op.CAST, Op.COPY})
@OpPart(role = Role.DEVICE_LAUNCHER, kernels = "elementwise.k", ops = {Op.CAT, Op.PAD})
public final class ElementwiseLauncher implements ElementwiseKernels {
    static final String FAMILY = "elementwise";
    static final int BLOCK = 256;

    private final DeviceRuntime rt;
    private final KernelFunction[][] unary = new KernelFunction[4][4];
    /** [input type][0 = same-type out, 1 = uchar out]; u8 has one kernel for both. */
    private final KernelFunction[][] binary = new KernelFunction[4][2];
    private final KernelFunction[] where = new KernelFunction[3];
    private final KernelFunction[] copy = new KernelFunction[3];
    private final KernelFunction[] fill = new KernelFunction[3];

    public ElementwiseLauncher(DeviceRuntime rt) {
        this.rt = rt;
        for (int i = 0; i < 4; i++) {
            for (int o = 0; o < 4; o++) {
                unary[i][o] = rt.function(FAMILY, "unary_" + Types.TAGS[i] + "_" + Types.TAGS[o]);
            }
            binary[i][0] = rt.function(FAMILY, "binary_" + Types.TAGS[i]);
            binary[i][1] = i == 3 ? binary[i][0] : rt.function(FAMILY, "binary_" + Types.TAGS[i] + "_u8");
        }
        for (int s = 0; s < 3; s++) {
            where[s] = rt.function(FAMILY, "where_" + Types.SIZE_TAGS[s]);
            copy[s] = rt.function(FAMILY, "copy_" + Types.SIZE_TAGS[s]);
            fill[s] = rt.function(FAMILY, "fill_" + Types.SIZE_TAGS[s]);
        }
    }

    @Override
    public void unary(UnaryOp op, Tensor x, double alpha, double beta, Tensor out) {
        int n = out.numel();
        if (n == 0) {
            return;
        }
        if (op == UnaryOp.COPY && x.dtype() == out.dtype()) {
            copy(x, out); // exact bit copy, also for I64 beyond 2^24
            return;
        }
        KernelFunction k = unary[Types.typeIndex("unary " + op, x)][Types.typeIndex("unary " + op, out)];
        KernelArgs a = new KernelArgs()
                .struct(StridedLayout.of(out.shape(), out.device(), x.strides()), "layout " + out.shape())
                .i32(op.ordinal()).f32((float) alpha).f32((float) beta).i32(out.dtype() == DType.BOOL ? 1 : 0)
                .tensor(x).tensor(out);
        k.launch(Grid.linear(n, BLOCK), a);
    }

    @Override
    public void binary(BinaryOp op, Tensor a, Tensor b, Tensor out) {
        int n = out.numel();
        if (n == 0) {
            return;
        }
        int t = Types.typeIndex("binary " + op, a);
        KernelFunction k = binary[t][op.isComparison() ? 1 : 0];
        KernelArgs args = new KernelArgs()
                .struct(StridedLayout.of(out.shape(), out.device(), a.strides(), b.strides()), "layout " + out.shape())
                .i32(op.ordinal()).i32(out.dtype() == DType.BOOL ? 1 : 0)
                .tensor(a).tensor(b).tensor(out);
        k.launch(Grid.linear(n, BLOCK), args);
    }

    @Override
    public void where(Tensor cond, Tensor a, Tensor b, Tensor out) {
        int n = out.numel();
        if (n == 0) {
            return;
        }
        // moves bits only: any 1/4/8-byte dtype, F64 included
        KernelArgs args = new KernelArgs()
                .struct(StridedLayout.of(out.shape(), out.device(), cond.strides(), a.strides(), b.strides()),
                        "layout " + out.shape())
                .tensor(cond).tensor(a).tensor(b).tensor(out);
        where[Types.sizeIndex(out.dtype())].launch(Grid.linear(n, BLOCK), args);
    }

    @Override
    public void fill(Tensor out, double value) {
        int n = out.numel();
        if (n == 0) {
            return;
        }
        long bits;
        switch (out.dtype()) {
            case F32:
                bits = Float.floatToRawIntBits((float) value) & 0xffffffffL;
                break;
            case F64:
                bits = Double.doubleToRawLongBits(value);
                break;
            case BOOL:
                bits = value != 0 ? 1 : 0;
                break;
            case U8:
                bits = ((int) value) & 0xff;
                break;
            default:
                bits = (long) value; // I32 keeps the low 32 bits in the kernel
        }
        KernelArgs args = new KernelArgs().i32(n).i64(bits).tensor(out);
        fill[Types.sizeIndex(out.dtype())].launch(Grid.linear(n, BLOCK), args);
    }

    @Override
    public void copy(Tensor src, Tensor dst) {
        int n = dst.numel();
        if (n == 0) {
            return;
        }
        if (src.dtype() != dst.dtype()) {
            if (dst.isContiguous()) {
                unary(UnaryOp.COPY, src, 0, 0, dst);
            } else {
                // convert into a contiguous temporary, then a same-type strided copy
                try (Tensor tmp = Scratch.empty(rt, dst.dtype(), dst.shape().toArray())) {
                    unary(UnaryOp.COPY, src, 0, 0, tmp);
                    copy(tmp, dst);
                }
            }
            return;
        }
        KernelArgs args = new KernelArgs()
                .struct(StridedLayout.of(dst.shape(), dst.device(), src.strides(), dst.strides()), "layout " + dst.shape())
                .tensor(src).tensor(dst);
        copy[Types.sizeIndex(dst.dtype())].launch(Grid.linear(n, BLOCK), args);
    }
}
