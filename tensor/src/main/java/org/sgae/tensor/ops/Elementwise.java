package org.sgae.tensor.ops;

import org.sgae.tensor.DType;
import org.sgae.tensor.Shape;
import org.sgae.tensor.Tensor;
import org.sgae.tensor.attrs.BinaryOp;
import org.sgae.tensor.attrs.ScalarAttrs;
import org.sgae.tensor.attrs.UnaryOp;
import org.sgae.tensor.spi.Backends;
import org.sgae.tensor.spi.ElementwiseKernels;

/**
 * Elementwise ops with NumPy broadcasting and type promotion (mixed dtypes are cast to the promoted one first, and
 * that cast is recorded). Outputs are new contiguous tensors on the inputs' device.
 */
public final class Elementwise {
    private Elementwise() {
    }

    private static ElementwiseKernels kernels(Tensor t) {
        return Backends.of(t.device()).elementwise();
    }

    // ------------------------------------------------------------------ binary

    public static Tensor add(Tensor a, Tensor b) {
        return binary(Op.ADD, BinaryOp.ADD, a, b);
    }

    public static Tensor sub(Tensor a, Tensor b) {
        return binary(Op.SUB, BinaryOp.SUB, a, b);
    }

    public static Tensor mul(Tensor a, Tensor b) {
        return binary(Op.MUL, BinaryOp.MUL, a, b);
    }

    public static Tensor div(Tensor a, Tensor b) {
        return binary(Op.DIV, BinaryOp.DIV, a, b);
    }

    public static Tensor pow(Tensor a, Tensor b) {
        return binary(Op.POW, BinaryOp.POW, a, b);
    }

    public static Tensor maximum(Tensor a, Tensor b) {
        return binary(Op.MAXIMUM, BinaryOp.MAXIMUM, a, b);
    }

    public static Tensor minimum(Tensor a, Tensor b) {
        return binary(Op.MINIMUM, BinaryOp.MINIMUM, a, b);
    }

    public static Tensor eq(Tensor a, Tensor b) {
        return binary(Op.EQ, BinaryOp.EQ, a, b);
    }

    public static Tensor ne(Tensor a, Tensor b) {
        return binary(Op.NE, BinaryOp.NE, a, b);
    }

    public static Tensor lt(Tensor a, Tensor b) {
        return binary(Op.LT, BinaryOp.LT, a, b);
    }

    public static Tensor le(Tensor a, Tensor b) {
        return binary(Op.LE, BinaryOp.LE, a, b);
    }

    public static Tensor gt(Tensor a, Tensor b) {
        return binary(Op.GT, BinaryOp.GT, a, b);
    }

    public static Tensor ge(Tensor a, Tensor b) {
        return binary(Op.GE, BinaryOp.GE, a, b);
    }

    /** Comparison against a scalar, e.g. {@code gtScalar(x, 0)} for a ReLU mask. Returns BOOL. */
    public static Tensor compareScalar(BinaryOp op, Tensor a, double s) {
        Checks.check(op.isComparison(), "compareScalar: " + op + " is not a comparison");
        Tensor b = Tensor.scalar(s, a.dtype(), a.device());
        return binary(Op.valueOf(op.name()), op, a, b);
    }

    private static Tensor binary(Op op, BinaryOp kernel, Tensor a, Tensor b) {
        Checks.sameDevice(op.name().toLowerCase(), a, b);
        DType t = DType.promote(a.dtype(), b.dtype());
        Tensor x = a.dtype() == t ? a : cast(a, t);
        Tensor y = b.dtype() == t ? b : cast(b, t);
        Shape s = Shape.broadcast(op.name().toLowerCase(), x.shape(), y.shape());
        Tensor out = Tensor.empty(s, kernel.isComparison() ? DType.BOOL : t, a.device());
        kernels(a).binary(kernel, Views.raw(x, s, Views.expandStrides(x, s), x.offset()),
                Views.raw(y, s, Views.expandStrides(y, s), y.offset()), out);
        return Dispatch.record(op, null, out, x, y);
    }

    // ------------------------------------------------------------------ unary

    public static Tensor neg(Tensor x) {
        return unary(Op.NEG, UnaryOp.NEG, x, 0, 0);
    }

    public static Tensor exp(Tensor x) {
        return unary(Op.EXP, UnaryOp.EXP, x, 0, 0);
    }

    public static Tensor log(Tensor x) {
        return unary(Op.LOG, UnaryOp.LOG, x, 0, 0);
    }

    public static Tensor sqrt(Tensor x) {
        return unary(Op.SQRT, UnaryOp.SQRT, x, 0, 0);
    }

    public static Tensor abs(Tensor x) {
        return unary(Op.ABS, UnaryOp.ABS, x, 0, 0);
    }

    public static Tensor relu(Tensor x) {
        return unary(Op.RELU, UnaryOp.RELU, x, 0, 0);
    }

    public static Tensor leakyRelu(Tensor x, double slope) {
        return unary(Op.LEAKY_RELU, UnaryOp.LEAKY_RELU, x, slope, 0);
    }

    public static Tensor sigmoid(Tensor x) {
        return unary(Op.SIGMOID, UnaryOp.SIGMOID, x, 0, 0);
    }

    public static Tensor tanh(Tensor x) {
        return unary(Op.TANH, UnaryOp.TANH, x, 0, 0);
    }

    /** Clamps to [min, max]; pass infinities for one-sided clamps. */
    public static Tensor clamp(Tensor x, double min, double max) {
        Checks.check(!(min > max), "clamp: min " + min + " > max " + max);
        return unary(Op.CLAMP, UnaryOp.CLAMP, x, min, max);
    }

    public static Tensor addScalar(Tensor x, double s) {
        return unary(Op.ADD_SCALAR, UnaryOp.ADD_SCALAR, x, s, 0);
    }

    public static Tensor mulScalar(Tensor x, double s) {
        return unary(Op.MUL_SCALAR, UnaryOp.MUL_SCALAR, x, s, 0);
    }

    public static Tensor powScalar(Tensor x, double p) {
        return unary(Op.POW_SCALAR, UnaryOp.POW_SCALAR, x, p, 0);
    }

    /** Contiguous copy (recorded: gradients pass through). */
    public static Tensor copy(Tensor x) {
        return unary(Op.COPY, UnaryOp.COPY, x, 0, 0);
    }

    /** Converts to another dtype (recorded; gradient cast back). */
    public static Tensor cast(Tensor x, DType to) {
        Tensor out = Tensor.empty(x.shape(), to, x.device());
        kernels(x).unary(UnaryOp.COPY, x, 0, 0, out);
        return to.isFloating() && x.dtype().isFloating() ? Dispatch.record(Op.CAST, null, out, x) : out;
    }

    /** 1 where x != 0, as dtype (a mask for multiplying); not recorded. */
    public static Tensor nonzeroMask(Tensor x, DType dtype) {
        Tensor out = Tensor.empty(x.shape(), dtype, x.device());
        kernels(x).unary(UnaryOp.NONZERO, x, 0, 0, out);
        return out;
    }

    /** sign(x) in x's dtype; not recorded (its derivative is zero almost everywhere). */
    public static Tensor sign(Tensor x) {
        Tensor out = Tensor.empty(x.shape(), x.dtype(), x.device());
        kernels(x).unary(UnaryOp.SIGN, x, 0, 0, out);
        return out;
    }

    private static Tensor unary(Op op, UnaryOp kernel, Tensor x, double alpha, double beta) {
        if (kernel != UnaryOp.COPY && kernel != UnaryOp.NEG && kernel != UnaryOp.ABS && kernel != UnaryOp.RELU
                && kernel != UnaryOp.CLAMP && kernel != UnaryOp.ADD_SCALAR && kernel != UnaryOp.MUL_SCALAR) {
            Checks.floating(op.name().toLowerCase(), x);
        }
        Tensor out = Tensor.empty(x.shape(), x.dtype(), x.device());
        kernels(x).unary(kernel, x, alpha, beta, out);
        return Dispatch.record(op, new ScalarAttrs(alpha, beta), out, x);
    }

    // ------------------------------------------------------------------ selection

    /** cond ? a : b, broadcasting all three; cond must be BOOL. */
    public static Tensor where(Tensor cond, Tensor a, Tensor b) {
        Checks.dtype("where", cond, DType.BOOL);
        Checks.sameDevice("where", cond, a);
        Checks.sameDevice("where", a, b);
        DType t = DType.promote(a.dtype(), b.dtype());
        Tensor x = a.dtype() == t ? a : cast(a, t);
        Tensor y = b.dtype() == t ? b : cast(b, t);
        Shape s = Shape.broadcast("where", Shape.broadcast("where", cond.shape(), x.shape()), y.shape());
        Tensor out = Tensor.empty(s, t, a.device());
        kernels(a).where(Views.raw(cond, s, Views.expandStrides(cond, s), cond.offset()),
                Views.raw(x, s, Views.expandStrides(x, s), x.offset()),
                Views.raw(y, s, Views.expandStrides(y, s), y.offset()), out);
        return Dispatch.record(Op.WHERE, null, out, cond, x, y);
    }

    /** Writes src into dst in place (dst may be any view). Not recorded: for op internals and optimisers. */
    public static void copyInto(Tensor src, Tensor dst) {
        Checks.sameDevice("copyInto", src, dst);
        Checks.check(src.shape().equals(dst.shape()) || Shape.broadcast("copyInto", src.shape(), dst.shape())
                .equals(dst.shape()), "copyInto: shape " + src.shape() + " does not fit into " + dst.shape());
        Tensor s = Views.raw(src, dst.shape(), Views.expandStrides(src, dst.shape()), src.offset());
        kernels(dst).copy(s, dst);
    }
}
