package org.sgae.autograd.derivatives;

import java.util.EnumMap;
import java.util.Map;
import org.sgae.autograd.Derivative;
import org.sgae.tensor.Shape;
import org.sgae.tensor.Tensor;
import org.sgae.tensor.ops.Assemble.CatAttrs;
import org.sgae.tensor.ops.Assemble.PadAttrs;
import org.sgae.tensor.ops.Elementwise;
import org.sgae.tensor.ops.Index;
import org.sgae.tensor.ops.Index.OrderAttrs;
import org.sgae.tensor.ops.Index.ScatterAttrs;
import org.sgae.tensor.ops.Index.SelectAttrs;
import org.sgae.tensor.ops.Op;
import org.sgae.tensor.ops.OpPart;
import org.sgae.tensor.ops.OpPart.Role;
import org.sgae.tensor.ops.Views;

/**
 * Backward rules of indexing, assembling and ordering. Selecting ops send the gradient back through the same index
 * with an accumulating scatter (repeated indices add up); assembling ops cut the gradient into the inputs' pieces.
 * Index tensors and the indices output of topk/sort take no gradient.
 */
@OpPart(role = Role.DERIVATIVE, ops = {Op.INDEX_SELECT, Op.GATHER, Op.SCATTER_ADD, Op.CAT, Op.PAD, Op.TOPK, Op.SORT})
public final class IndexGrad {
    private IndexGrad() {
    }

    public static void register(Map<Op, Derivative> table) {
        Map<Op, Derivative> t = new EnumMap<>(Op.class);
        // x [.., n, ..] → out [.., k, ..]: g [.., k, ..] is added back into rows index[k]
        t.put(Op.INDEX_SELECT, (n, g) -> {
            SelectAttrs a = n.attrs(SelectAttrs.class);
            return new Tensor[] {Index.indexAdd(zeros(a.inputShape(), g[0]), a.dim(), a.index(), g[0])};
        });
        // out has index's shape: g scatters back to where each element was read from
        t.put(Op.GATHER, (n, g) -> {
            SelectAttrs a = n.attrs(SelectAttrs.class);
            return new Tensor[] {Index.scatterAdd(zeros(a.inputShape(), g[0]), a.dim(), a.index(), g[0])};
        });
        // out = base + scatter(src): base gets g, src gets g read back at the scattered positions
        t.put(Op.SCATTER_ADD, (n, g) -> {
            ScatterAttrs a = n.attrs(ScatterAttrs.class);
            Tensor gSrc = Index.gather(g[0], a.dim(), a.index());
            if (!gSrc.shape().equals(a.srcShape())) {
                gSrc = intoCorner(gSrc, a.srcShape()); // src elements outside index's shape were never added
            }
            return new Tensor[] {g[0], gSrc};
        });
        t.put(Op.CAT, (n, g) -> {
            CatAttrs a = n.attrs(CatAttrs.class);
            Tensor[] out = new Tensor[a.sizes().length];
            int at = 0;
            for (int i = 0; i < out.length; i++) {
                out[i] = Views.narrow(g[0], a.dim(), at, a.sizes()[i]);
                at += a.sizes()[i];
            }
            return out;
        });
        t.put(Op.PAD, (n, g) -> new Tensor[] {unpad(g[0], n.attrs(PadAttrs.class))});
        t.put(Op.TOPK, IndexGrad::ordered);
        t.put(Op.SORT, IndexGrad::ordered);
        // these rules read only their attributes (indices, shapes, sizes): no node keeps a tensor
        t.forEach((op, d) -> table.put(op, Derivative.savingNothing(d)));
    }

    /** values came from x at indices along dim (distinct within a row), so g goes back to exactly those places. */
    private static Tensor[] ordered(org.sgae.autograd.Node n, Tensor[] g) {
        OrderAttrs a = n.attrs(OrderAttrs.class);
        if (g[0] == null) {
            return new Tensor[] {null};
        }
        return new Tensor[] {Index.scatterAdd(zeros(a.inputShape(), g[0]), a.dim(), a.indices(), g[0])};
    }

    /** The part of g that came from x; where x was cropped, zeros fill the cropped-away region. */
    private static Tensor unpad(Tensor g, PadAttrs a) {
        Tensor kept = g;
        for (int d = 0; d < a.before().length; d++) {
            kept = Views.narrow(kept, d, a.dstStart(d), a.keptLength(d));
        }
        if (a.keepsAll()) {
            return kept;
        }
        Tensor full = zeros(a.inputShape(), g);
        Tensor region = full;
        for (int d = 0; d < a.before().length; d++) {
            region = Views.narrow(region, d, a.srcStart(d), a.keptLength(d));
        }
        Elementwise.copyInto(kept, region);
        return full;
    }

    /** Zeros of shape with part written into the leading corner. */
    private static Tensor intoCorner(Tensor part, Shape shape) {
        Tensor full = zeros(shape, part);
        Tensor region = full;
        for (int d = 0; d < part.rank(); d++) {
            region = Views.narrow(region, d, 0, part.dim(d));
        }
        Elementwise.copyInto(part, region);
        return full;
    }

    private static Tensor zeros(Shape shape, Tensor like) {
        return Tensor.zeros(shape, like.dtype(), like.device());
    }
}
