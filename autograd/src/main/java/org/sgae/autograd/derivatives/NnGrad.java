package org.sgae.autograd.derivatives;

import static org.sgae.autograd.Derivative.NONE;
import static org.sgae.autograd.Derivative.saving;
import static org.sgae.autograd.Derivative.savingNothing;

import java.util.Map;
import org.sgae.autograd.Derivative;
import org.sgae.tensor.Tensor;
import org.sgae.tensor.attrs.Conv2dAttrs;
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

    public static void register(Map<Op, Derivative> t) {
        // inputs: x [N,C,H,W], w [O,C,KH,KW], bias [O] or null (only whether it exists and needs grad is read)
        t.put(Op.CONV2D, saving(new int[] {0, 1}, NONE, (n, g) -> {
            Conv2dAttrs a = n.attrs(Conv2dAttrs.class);
            Tensor x = n.input(0);
            Tensor w = n.input(1);
            boolean gb = n.needsGrad(2);
            Tensor gx = n.needsGrad(0) ? Nn.conv2dGradInput(g[0], w, a, n.inputShape(0)) : null;
            Tensor[] gwb = n.needsGrad(1) || gb ? Nn.conv2dGradWeight(g[0], x, a, w.shape(), n.hasInput(2))
                    : new Tensor[2];
            return new Tensor[] {gx, n.needsGrad(1) ? gwb[0] : null, gb ? gwb[1] : null};
        }));
        // pooling and upsampling read their geometry (and max pool's argmax) from the attributes
        t.put(Op.MAX_POOL2D, savingNothing((n, g) -> new Tensor[] {
            Nn.maxPool2dBackward(g[0], n.attrs(Nn.MaxPoolAttrs.class))}));
        t.put(Op.AVG_POOL2D, savingNothing((n, g) -> new Tensor[] {
            Nn.avgPool2dBackward(g[0], n.attrs(Nn.ResampleAttrs.class))}));
        t.put(Op.ADAPTIVE_AVG_POOL2D, savingNothing((n, g) -> new Tensor[] {
            Nn.adaptiveAvgPool2dBackward(g[0], n.attrs(Nn.ResampleAttrs.class))}));
        t.put(Op.UPSAMPLE_NEAREST2D, savingNothing((n, g) -> new Tensor[] {
            Nn.upsampleNearest2dBackward(g[0], n.attrs(Nn.ResampleAttrs.class))}));
        // inputs: x, weight [C] or null, bias [C] or null (only whether it exists and needs grad is read)
        t.put(Op.BATCH_NORM, saving(new int[] {0, 1}, NONE, (n, g) -> {
            Tensor[] r = Nn.batchNormBackward(g[0], n.input(0), n.input(1), n.hasInput(2),
                    n.attrs(Nn.BatchNormAttrs.class));
            return new Tensor[] {n.needsGrad(0) ? r[0] : null, n.needsGrad(1) ? r[1] : null,
                n.needsGrad(2) ? r[2] : null};
        }));
    }
}
