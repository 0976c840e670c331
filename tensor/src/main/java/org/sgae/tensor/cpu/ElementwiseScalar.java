package org.sgae.tensor.cpu;

import org.sgae.tensor.attrs.BinaryOp;
import org.sgae.tensor.attrs.UnaryOp;
import org.sgae.tensor.ops.Op;
import org.sgae.tensor.ops.OpPart.Role;
import org.sgae.tensor.ops.OpPart;

/**
 * The scalar definition of every elementwise op, in double. This is the reference the fast paths and device kernels
 * are tested against, and the slow path for non-F32 dtypes.
 */
@OpPart(role = Role.REFERENCE, ops = {Op.ADD, Op.SUB, Op.MUL, Op.DIV, Op.POW, Op.MAXIMUM, Op.MINIMUM, Op.NEG, Op.EXP,
        Op.LOG, Op.SQRT, Op.ABS, Op.RELU, Op.LEAKY_RELU, Op.SIGMOID, Op.TANH, Op.CLAMP, Op.ADD_SCALAR, Op.MUL_SCALAR,
        Op.POW_SCALAR, Op.EQ, Op.NE, Op.LT, Op.LE, Op.GT, Op.GE})
@OpPart(role = Role.REFERENCE, ops = {Op.WHERE, Op.CAST, Op.COPY},
        notNeeded = "where, copy and cast move values without arithmetic (a cast is Java's primitive conversion); "
            + "ElementwiseTest checks them value by value")
public final class ElementwiseScalar {
    private ElementwiseScalar() {
    }

    public static double unary(UnaryOp op, double x, double a, double b) {
        switch (op) {
            case NEG:
                return -x;
            case EXP:
                return Math.exp(x);
            case LOG:
                return Math.log(x);
            case SQRT:
                return Math.sqrt(x);
            case ABS:
                return Math.abs(x);
            case RELU:
                return x > 0 ? x : 0;
            case LEAKY_RELU:
                return x < 0 ? a * x : x;
            case SIGMOID:
                // NOTE: split by sign so exp never overflows for large |x|.
                if (x >= 0) {
                    return 1 / (1 + Math.exp(-x));
                } else {
                    double e = Math.exp(x);
                    return e / (1 + e);
                }
            case TANH:
                return Math.tanh(x);
            case CLAMP:
                return Math.min(Math.max(x, a), b);
            case ADD_SCALAR:
                return x + a;
            case MUL_SCALAR:
                return x * a;
            case POW_SCALAR:
                return Math.pow(x, a);
            case COPY:
                return x;
            case NONZERO:
                return x != 0 ? 1 : 0;
            case SIGN:
                return Math.signum(x);
            default:
                throw new IllegalStateException("unknown unary op " + op);
        }
    }

    public static double binary(BinaryOp op, double x, double y) {
        switch (op) {
            case ADD:
                return x + y;
            case SUB:
                return x - y;
            case MUL:
                return x * y;
            case DIV:
                return x / y;
            case POW:
                return Math.pow(x, y);
            case MAXIMUM:
                return Math.max(x, y);
            case MINIMUM:
                return Math.min(x, y);
            case EQ:
                return x == y ? 1 : 0;
            case NE:
                return x != y ? 1 : 0;
            case LT:
                return x < y ? 1 : 0;
            case LE:
                return x <= y ? 1 : 0;
            case GT:
                return x > y ? 1 : 0;
            case GE:
                return x >= y ? 1 : 0;
            default:
                throw new IllegalStateException("unknown binary op " + op);
        }
    }
}
