package org.sgae.autograd.derivatives;

import static org.sgae.autograd.Derivative.NONE;
import static org.sgae.autograd.Derivative.saving;
import static org.sgae.autograd.Derivative.savingNothing;
import static org.sgae.tensor.ops.Elementwise.mul;
import static org.sgae.tensor.ops.Reduce.sumTo;

import java.util.Map;
import org.sgae.autograd.Derivative;
import org.sgae.autograd.Node;
import org.sgae.tensor.DType;
import org.sgae.tensor.Tensor;
import org.sgae.tensor.attrs.BinaryOp;
import org.sgae.tensor.attrs.ScalarAttrs;
import org.sgae.tensor.ops.Elementwise;
import org.sgae.tensor.ops.Op;
import org.sgae.tensor.ops.OpPart.Role;
import org.sgae.tensor.ops.OpPart;
import org.sgae.tensor.ops.Views;

/**
 * Backward rules of the elementwise ops. Binary rules sum the gradient back over broadcast dims ({@code sumTo}).
 * NOTE: at kinks (relu and leaky_relu at 0, abs at 0, max/min ties, clamp bounds) the rules follow PyTorch's
 * derivatives.yaml: relu'(0) = 0 and leaky_relu'(0) = slope (both take the x > 0 branch only for x > 0), abs'(0) = 0,
 * a tie of maximum/minimum splits the gradient in half between the operands, clamp passes the gradient at the bounds.
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
                r[0] == null ? null : sumTo(r[0], n.inputShape(0)),
                r[1] == null ? null : sumTo(r[1], n.inputShape(1))};
        };
    }

    private static double alpha(Node n) {
        return n.attrs(ScalarAttrs.class).alpha();
    }

    private static Tensor mask(Tensor boolMask, DType dtype) {
        return Elementwise.nonzeroMask(boolMask, dtype);
    }

    /** maximum/minimum: g goes to the first operand where it wins, half of g where the operands tie, the rest to b. */
    private static Tensor[] toWinner(Tensor g, Tensor firstWins, Tensor tie) {
        Tensor share = Elementwise.add(mask(firstWins, g.dtype()), Elementwise.mulScalar(mask(tie, g.dtype()), 0.5));
        Tensor ga = mul(g, share);
        return new Tensor[] {ga, Elementwise.sub(g, ga)};
    }

    public static void register(Map<Op, Derivative> t) {
        // each rule saves only the inputs/outputs it reads (Derivative.saving); unread ones leave shape and dtype
        t.put(Op.ADD, savingNothing(two((n, g) -> new Tensor[] {g, g})));
        t.put(Op.SUB, savingNothing(two((n, g) -> new Tensor[] {g, Elementwise.neg(g)})));
        t.put(Op.MUL, two((n, g) -> new Tensor[] {mul(g, n.input(1)), mul(g, n.input(0))}));
        t.put(Op.DIV, saving(new int[] {1}, new int[] {0}, two((n, g) -> {
            Tensor ga = Elementwise.div(g, n.input(1));
            return new Tensor[] {ga, Elementwise.neg(mul(ga, n.output(0)))};
        })));
        t.put(Op.POW, saving(new int[] {0, 1}, new int[] {0}, two((n, g) -> {
            Tensor a = n.input(0);
            Tensor b = n.input(1);
            Tensor y = n.output(0);
            Tensor ga = mul(g, mul(b, Elementwise.pow(a, Elementwise.addScalar(b, -1))));
            Tensor gb = mul(g, mul(y, Elementwise.log(a)));
            return new Tensor[] {ga, gb};
        })));
        t.put(Op.MAXIMUM, two((n, g) -> toWinner(g, Elementwise.gt(n.input(0), n.input(1)),
                Elementwise.eq(n.input(0), n.input(1)))));
        t.put(Op.MINIMUM, two((n, g) -> toWinner(g, Elementwise.lt(n.input(0), n.input(1)),
                Elementwise.eq(n.input(0), n.input(1)))));
        t.put(Op.NEG, savingNothing(one((n, g) -> Elementwise.neg(g))));
        t.put(Op.EXP, saving(NONE, new int[] {0}, one((n, g) -> mul(g, n.output(0)))));
        t.put(Op.LOG, one((n, g) -> Elementwise.div(g, n.input(0))));
        t.put(Op.SQRT, saving(NONE, new int[] {0}, one((n, g) -> Elementwise.div(Elementwise.mulScalar(g, 0.5),
                n.output(0)))));
        t.put(Op.ABS, one((n, g) -> mul(g, Elementwise.sign(n.input(0)))));
        t.put(Op.RELU, one((n, g) -> mul(g, mask(Elementwise.compareScalar(BinaryOp.GT, n.input(0), 0), g.dtype()))));
        t.put(Op.LEAKY_RELU, one((n, g) -> {
            Tensor pos = Elementwise.compareScalar(BinaryOp.GT, n.input(0), 0);
            Tensor slope = Elementwise.where(pos, Tensor.scalar(1, g.dtype(), g.device()),
                    Tensor.scalar(alpha(n), g.dtype(), g.device()));
            return mul(g, slope);
        }));
        t.put(Op.SIGMOID, saving(NONE, new int[] {0}, one((n, g) -> {
            Tensor y = n.output(0);
            return mul(g, mul(y, Elementwise.addScalar(Elementwise.neg(y), 1)));
        })));
        t.put(Op.TANH, saving(NONE, new int[] {0}, one((n, g) -> {
            Tensor y = n.output(0);
            return mul(g, Elementwise.addScalar(Elementwise.neg(mul(y, y)), 1));
        })));
        t.put(Op.CLAMP, one((n, g) -> {
            ScalarAttrs a = n.attrs(ScalarAttrs.class);
            Tensor x = n.input(0);
            Tensor inside = mul(mask(Elementwise.compareScalar(BinaryOp.GE, x, a.alpha()), g.dtype()),
                    mask(Elementwise.compareScalar(BinaryOp.LE, x, a.beta()), g.dtype()));
            return mul(g, inside);
        }));
        t.put(Op.ADD_SCALAR, savingNothing(one((n, g) -> g)));
        t.put(Op.MUL_SCALAR, savingNothing(one((n, g) -> Elementwise.mulScalar(g, alpha(n)))));
        t.put(Op.POW_SCALAR, one((n, g) -> {
            double p = alpha(n);
            return mul(g, Elementwise.mulScalar(Elementwise.powScalar(n.input(0), p - 1), p));
        }));
        t.put(Op.CAST, savingNothing(one((n, g) -> Elementwise.cast(g, n.inputDtype(0)))));
        t.put(Op.COPY, savingNothing(one((n, g) -> g)));
        t.put(Op.TO_DEVICE, savingNothing(one((n, g) -> g.to(n.attrs(Views.DeviceAttrs.class).from()))));
        t.put(Op.WHERE, saving(new int[] {0}, NONE, (n, g) -> {
            Tensor c = n.input(0);
            Tensor zero = Tensor.scalar(0, g[0].dtype(), g[0].device());
            return new Tensor[] {null,
                sumTo(Elementwise.where(c, g[0], zero), n.inputShape(1)),
                sumTo(Elementwise.where(c, zero, g[0]), n.inputShape(2))};
        }));
    }
}
