package org.sgae.autograd.derivatives;

import static org.sgae.tensor.ops.Elementwise.mul;
import static org.sgae.tensor.ops.Reduce.sumTo;

import java.util.Map;
import org.sgae.autograd.Derivative;
import org.sgae.autograd.Node;
import org.sgae.tensor.DType;
import org.sgae.tensor.Tensor;
import org.sgae.tensor.ops.BinaryOp;
import org.sgae.tensor.ops.Elementwise;
import org.sgae.tensor.ops.Op;
import org.sgae.tensor.ops.OpPart;
import org.sgae.tensor.ops.OpPart.Role;
import org.sgae.tensor.ops.ScalarAttrs;
import org.sgae.tensor.ops.Views;

/**
 * Backward rules of the elementwise ops. Binary rules sum the gradient back over broadcast dims ({@code sumTo}).
 * NOTE: at kinks (relu at 0, abs at 0, max/min ties, clamp bounds) the rule picks one side, like PyTorch: relu'(0)=0,
 * abs'(0)=0, ties of maximum go to the first operand, clamp passes the gradient at the bounds.
 */
@OpPart(role = Role.DERIVATIVE, ops = {Op.ADD, Op.SUB, Op.MUL, Op.DIV, Op.POW, Op.MAXIMUM, Op.MINIMUM, Op.NEG, Op.EXP,
        Op.LOG, Op.SQRT, Op.ABS, Op.RELU, Op.LEAKY_RELU, Op.SIGMOID, Op.TANH, Op.CLAMP, Op.ADD_SCALAR, Op.MUL_SCALAR,
        Op.POW_SCALAR, Op.WHERE, Op.CAST, Op.COPY, Op.TO_DEVICE})
public final class ElementwiseGrad {
    private ElementwiseGrad() {
    }

    private static Derivative one(java.util.function.BiFunction<Node, Tensor, Tensor> f) {
        return (n, g) -> new Tensor[] {f.apply(n, g[0])};
    }

    private static Derivative two(java.util.function.BiFunction<Node, Tensor, Tensor[]> f) {
        return (n, g) -> {
            Tensor[] r = f.apply(n, g[0]);
            return new Tensor[] {
                r[0] == null ? null : sumTo(r[0], n.input(0).shape()),
                r[1] == null ? null : sumTo(r[1], n.input(1).shape())};
        };
    }

    private static double alpha(Node n) {
        return n.attrs(ScalarAttrs.class).alpha();
    }

    private static Tensor mask(Tensor boolMask, DType dtype) {
        return Elementwise.nonzeroMask(boolMask, dtype);
    }

    public static void register(Map<Op, Derivative> t) {
        t.put(Op.ADD, two((n, g) -> new Tensor[] {g, g}));
        t.put(Op.SUB, two((n, g) -> new Tensor[] {g, Elementwise.neg(g)}));
        t.put(Op.MUL, two((n, g) -> new Tensor[] {mul(g, n.input(1)), mul(g, n.input(0))}));
        t.put(Op.DIV, two((n, g) -> {
            Tensor ga = Elementwise.div(g, n.input(1));
            return new Tensor[] {ga, Elementwise.neg(mul(ga, n.output(0)))};
        }));
        t.put(Op.POW, two((n, g) -> {
            Tensor a = n.input(0);
            Tensor b = n.input(1);
            Tensor y = n.output(0);
            Tensor ga = mul(g, mul(b, Elementwise.pow(a, Elementwise.addScalar(b, -1))));
            Tensor gb = mul(g, mul(y, Elementwise.log(a)));
            return new Tensor[] {ga, gb};
        }));
        t.put(Op.MAXIMUM, two((n, g) -> {
            Tensor m = mask(Elementwise.ge(n.input(0), n.input(1)), g.dtype());
            return new Tensor[] {mul(g, m), Elementwise.sub(g, mul(g, m))};
        }));
        t.put(Op.MINIMUM, two((n, g) -> {
            Tensor m = mask(Elementwise.le(n.input(0), n.input(1)), g.dtype());
            return new Tensor[] {mul(g, m), Elementwise.sub(g, mul(g, m))};
        }));
        t.put(Op.NEG, one((n, g) -> Elementwise.neg(g)));
        t.put(Op.EXP, one((n, g) -> mul(g, n.output(0))));
        t.put(Op.LOG, one((n, g) -> Elementwise.div(g, n.input(0))));
        t.put(Op.SQRT, one((n, g) -> Elementwise.div(Elementwise.mulScalar(g, 0.5), n.output(0))));
        t.put(Op.ABS, one((n, g) -> mul(g, Elementwise.sign(n.input(0)))));
        t.put(Op.RELU, one((n, g) -> mul(g, mask(Elementwise.compareScalar(BinaryOp.GT, n.input(0), 0), g.dtype()))));
        t.put(Op.LEAKY_RELU, one((n, g) -> {
            Tensor neg = Elementwise.compareScalar(BinaryOp.LT, n.input(0), 0);
            Tensor slope = Elementwise.where(neg, Tensor.scalar(alpha(n), g.dtype(), g.device()),
                    Tensor.scalar(1, g.dtype(), g.device()));
            return mul(g, slope);
        }));
        t.put(Op.SIGMOID, one((n, g) -> {
            Tensor y = n.output(0);
            return mul(g, mul(y, Elementwise.addScalar(Elementwise.neg(y), 1)));
        }));
        t.put(Op.TANH, one((n, g) -> {
            Tensor y = n.output(0);
            return mul(g, Elementwise.addScalar(Elementwise.neg(mul(y, y)), 1));
        }));
        t.put(Op.CLAMP, one((n, g) -> {
            ScalarAttrs a = n.attrs(ScalarAttrs.class);
            Tensor x = n.input(0);
            Tensor inside = mul(mask(Elementwise.compareScalar(BinaryOp.GE, x, a.alpha()), g.dtype()),
                    mask(Elementwise.compareScalar(BinaryOp.LE, x, a.beta()), g.dtype()));
            return mul(g, inside);
        }));
        t.put(Op.ADD_SCALAR, one((n, g) -> g));
        t.put(Op.MUL_SCALAR, one((n, g) -> Elementwise.mulScalar(g, alpha(n))));
        t.put(Op.POW_SCALAR, one((n, g) -> {
            double p = alpha(n);
            return mul(g, Elementwise.mulScalar(Elementwise.powScalar(n.input(0), p - 1), p));
        }));
        t.put(Op.CAST, one((n, g) -> Elementwise.cast(g, n.input(0).dtype())));
        t.put(Op.COPY, one((n, g) -> g));
        t.put(Op.TO_DEVICE, one((n, g) -> g.to(n.attrs(Views.DeviceAttrs.class).from())));
        t.put(Op.WHERE, (n, g) -> {
            Tensor c = n.input(0);
            Tensor zero = Tensor.scalar(0, g[0].dtype(), g[0].device());
            return new Tensor[] {null,
                sumTo(Elementwise.where(c, g[0], zero), n.input(1).shape()),
                sumTo(Elementwise.where(c, zero, g[0]), n.input(2).shape())};
        });
    }
}
