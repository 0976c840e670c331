package org.sgae.autograd.derivatives;

import static org.sgae.autograd.Derivative.NONE;
import static org.sgae.autograd.Derivative.saving;
import static org.sgae.autograd.Derivative.savingNothing;

import java.util.Map;
import org.sgae.autograd.Derivative;
import org.sgae.autograd.Node;
import org.sgae.tensor.DType;
import org.sgae.tensor.Shape;
import org.sgae.tensor.Tensor;
import org.sgae.tensor.ops.Elementwise;
import org.sgae.tensor.ops.Op;
import org.sgae.tensor.ops.OpPart;
import org.sgae.tensor.ops.OpPart.Role;
import org.sgae.tensor.ops.Reduce;
import org.sgae.tensor.ops.Reduce.ReduceAttrs;
import org.sgae.tensor.ops.Views;

/**
 * Backward rules of reductions and softmax (all one-dim: multi-dim reductions record permute + reshape first), and
 * of segment softmax (its own kernel: dx = y ⊙ (g − Σ_segment(g ⊙ y)), reading the output and the offsets).
 */
@OpPart(role = Role.DERIVATIVE, ops = {Op.SUM, Op.MEAN, Op.MAX, Op.MIN, Op.LOGSUMEXP, Op.SOFTMAX, Op.LOG_SOFTMAX,
        Op.SEGMENT_SOFTMAX})
public final class ReduceGrad {
    private ReduceGrad() {
    }

    /** The reduced gradient [.., 1, ..] (keepDim layout) broadcast back over the input shape. */
    private static Tensor spread(Tensor g, ReduceAttrs a) {
        Shape keep = Reduce.reducedShape(a.inputShape(), a.dim(), true);
        return Views.expand(Views.reshape(g, keep.toArray()), a.inputShape());
    }

    private static Tensor keep(Tensor t, ReduceAttrs a) {
        return Views.reshape(t, Reduce.reducedShape(a.inputShape(), a.dim(), true).toArray());
    }

    /** The gradient of max/min goes to the element whose index argmax recorded: one-hot along the dim. */
    private static Tensor toIndex(Tensor g, ReduceAttrs a) {
        int n = a.inputShape().dim(a.dim());
        int[] iotaShape = new int[a.inputShape().rank()];
        java.util.Arrays.fill(iotaShape, 1);
        iotaShape[a.dim()] = n;
        Tensor iota = Views.reshape(Tensor.arange(n, DType.I64, g.device()), iotaShape);
        Tensor hit = Elementwise.eq(iota, a.indices());
        Tensor zero = Tensor.scalar(0, g.dtype(), g.device());
        return Elementwise.where(hit, spread(g, a), zero);
    }

    public static void register(Map<Op, Derivative> t) {
        // the attributes carry the input shape and argmax indices; softmax reads its output, logsumexp both
        t.put(Op.SUM, savingNothing((n, g) -> new Tensor[] {spread(g[0], n.attrs(ReduceAttrs.class))}));
        t.put(Op.MEAN, savingNothing((n, g) -> {
            ReduceAttrs a = n.attrs(ReduceAttrs.class);
            double count = a.inputShape().dim(a.dim());
            return new Tensor[] {spread(Elementwise.mulScalar(g[0], 1.0 / count), a)};
        }));
        t.put(Op.MAX, savingNothing((n, g) -> new Tensor[] {toIndex(g[0], n.attrs(ReduceAttrs.class))}));
        t.put(Op.MIN, savingNothing((n, g) -> new Tensor[] {toIndex(g[0], n.attrs(ReduceAttrs.class))}));
        t.put(Op.LOGSUMEXP, saving(new int[] {0}, new int[] {0}, (n, g) -> {
            ReduceAttrs a = n.attrs(ReduceAttrs.class);
            Tensor p = Elementwise.exp(Elementwise.sub(n.input(0), keep(n.output(0), a)));
            return new Tensor[] {Elementwise.mul(p, spread(g[0], a))};
        }));
        t.put(Op.SOFTMAX, saving(NONE, new int[] {0}, (n, g) -> {
            int d = n.attrs(ReduceAttrs.class).dim();
            Tensor y = n.output(0);
            Tensor dot = Reduce.sum(Elementwise.mul(g[0], y), new int[] {d}, true);
            return new Tensor[] {Elementwise.mul(y, Elementwise.sub(g[0], dot))};
        }));
        t.put(Op.SEGMENT_SOFTMAX, saving(new int[] {1}, new int[] {0}, (n, g) ->
                new Tensor[] {Reduce.segmentSoftmaxBackward(g[0], n.output(0), n.input(1)), null}));
        t.put(Op.LOG_SOFTMAX, saving(NONE, new int[] {0}, (n, g) -> {
            int d = n.attrs(ReduceAttrs.class).dim();
            Tensor y = n.output(0);
            Tensor total = Reduce.sum(g[0], new int[] {d}, true);
            return new Tensor[] {Elementwise.sub(g[0], Elementwise.mul(Elementwise.exp(y), total))};
        }));
    }
}
