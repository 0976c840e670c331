package org.sgae.autograd.derivatives;

import java.util.EnumMap;
import java.util.Map;
import org.sgae.autograd.Derivative;
import org.sgae.tensor.Tensor;
import org.sgae.tensor.ops.Elementwise;
import org.sgae.tensor.ops.Op;
import org.sgae.tensor.ops.OpPart;
import org.sgae.tensor.ops.OpPart.Role;
import org.sgae.tensor.ops.Reduce;
import org.sgae.tensor.ops.Views;

/** Backward rules of views: undo the view on the gradient. */
@OpPart(role = Role.DERIVATIVE, ops = {Op.RESHAPE, Op.PERMUTE, Op.NARROW, Op.EXPAND})
public final class ViewGrad {
    private ViewGrad() {
    }

    public static void register(Map<Op, Derivative> table) {
        Map<Op, Derivative> t = new EnumMap<>(Op.class);
        t.put(Op.RESHAPE, (n, g) -> new Tensor[] {
            Views.reshape(g[0], n.attrs(Views.InputShape.class).shape().toArray())});
        t.put(Op.PERMUTE, (n, g) -> {
            int[] order = n.attrs(Views.PermuteAttrs.class).order();
            int[] inverse = new int[order.length];
            for (int i = 0; i < order.length; i++) {
                inverse[order[i]] = i;
            }
            return new Tensor[] {Views.permute(g[0], inverse)};
        });
        t.put(Op.NARROW, (n, g) -> {
            Views.NarrowAttrs a = n.attrs(Views.NarrowAttrs.class);
            Tensor full = Tensor.zeros(a.inputShape(), g[0].dtype(), g[0].device());
            Elementwise.copyInto(g[0], Views.narrow(full, a.dim(), a.start(), a.length()));
            return new Tensor[] {full};
        });
        t.put(Op.EXPAND, (n, g) -> new Tensor[] {Reduce.sumTo(g[0], n.attrs(Views.InputShape.class).shape())});
        // views read only their attributes (shapes, order, ranges): no node keeps a tensor
        t.forEach((op, d) -> table.put(op, Derivative.savingNothing(d)));
    }
}
