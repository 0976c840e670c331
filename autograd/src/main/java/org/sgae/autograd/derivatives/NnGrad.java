package org.sgae.autograd.derivatives;

import java.util.Map;
import org.sgae.autograd.Derivative;
import org.sgae.tensor.Tensor;
import org.sgae.tensor.ops.Conv2dAttrs;
import org.sgae.tensor.ops.Nn;
import org.sgae.tensor.ops.Op;
import org.sgae.tensor.ops.OpPart;
import org.sgae.tensor.ops.OpPart.Role;

/**
 * Backward rules of conv2d, pooling, nearest upsampling and batch norm. Each calls the backend's backward kernel
 * through the {@link Nn} helpers with what the forward saved (geometry, max-pool argmax, batch-norm mean/invStd).
 * Inputs that do not require grad get null, so e.g. a frozen conv weight costs no gradW pass.
 * NOTE: max-pool ties go to the first maximum in scan order (the argmax the forward recorded), like PyTorch.
 */
@OpPart(role = Role.DERIVATIVE, ops = {Op.CONV2D, Op.MAX_POOL2D, Op.AVG_POOL2D, Op.ADAPTIVE_AVG_POOL2D,
        Op.UPSAMPLE_NEAREST2D, Op.BATCH_NORM})
public final class NnGrad {
    private NnGrad() {
    }

    private static boolean wants(Tensor t) {
        return t != null && t.requiresGrad();
    }

    public static void register(Map<Op, Derivative> t) {
        // inputs: x [N,C,H,W], w [O,C,KH,KW], bias [O] or null
        t.put(Op.CONV2D, (n, g) -> {
            Conv2dAttrs a = n.attrs(Conv2dAttrs.class);
            Tensor x = n.input(0);
            Tensor w = n.input(1);
            Tensor b = n.input(2);
            Tensor gx = wants(x) ? Nn.conv2dGradInput(g[0], w, a, x.shape()) : null;
            Tensor[] gwb = wants(w) || wants(b) ? Nn.conv2dGradWeight(g[0], x, a, w.shape(), b != null)
                    : new Tensor[2];
            return new Tensor[] {gx, wants(w) ? gwb[0] : null, wants(b) ? gwb[1] : null};
        });
        t.put(Op.MAX_POOL2D, (n, g) -> new Tensor[] {
            Nn.maxPool2dBackward(g[0], n.attrs(Nn.MaxPoolAttrs.class))});
        t.put(Op.AVG_POOL2D, (n, g) -> new Tensor[] {
            Nn.avgPool2dBackward(g[0], n.attrs(Nn.ResampleAttrs.class))});
        t.put(Op.ADAPTIVE_AVG_POOL2D, (n, g) -> new Tensor[] {
            Nn.adaptiveAvgPool2dBackward(g[0], n.attrs(Nn.ResampleAttrs.class))});
        t.put(Op.UPSAMPLE_NEAREST2D, (n, g) -> new Tensor[] {
            Nn.upsampleNearest2dBackward(g[0], n.attrs(Nn.ResampleAttrs.class))});
        // inputs: x, weight [C] or null, bias [C] or null
        t.put(Op.BATCH_NORM, (n, g) -> {
            Tensor w = n.input(1);
            Tensor b = n.input(2);
            Tensor[] r = Nn.batchNormBackward(g[0], n.input(0), w, b != null, n.attrs(Nn.BatchNormAttrs.class));
            return new Tensor[] {wants(n.input(0)) ? r[0] : null, wants(w) ? r[1] : null, wants(b) ? r[2] : null};
        });
    }
}
