package org.sgae.autograd.derivatives;

import java.util.Map;
import org.sgae.autograd.Derivative;
import org.sgae.tensor.Tensor;
import org.sgae.tensor.attrs.LayoutWarpAttrs;
import org.sgae.tensor.ops.Layout;
import org.sgae.tensor.ops.Op;
import org.sgae.tensor.ops.OpPart.Role;
import org.sgae.tensor.ops.OpPart;

/**
 * Backward rule of layout warping; it calls the op's own backward in {@link Layout}, which the tensor tests check
 * against the reference. LAYOUT_WARP (src, boxes, objToImg): gradients to the vectors/maps and to the box
 * coordinates (the latter computed only when the boxes need one); none to objToImg.
 */
@OpPart(role = Role.DERIVATIVE, ops = Op.LAYOUT_WARP)
public final class LayoutGrad {
    private LayoutGrad() {
    }

    public static void register(Map<Op, Derivative> t) {
        t.put(Op.LAYOUT_WARP, (n, g) -> {
            Tensor boxes = n.input(1);
            boolean boxGrad = boxes.requiresGrad() || !boxes.isLeaf();
            Tensor[] r = Layout.layoutWarpBackward(g[0], n.input(0), boxes, n.input(2),
                    n.attrs(LayoutWarpAttrs.class), boxGrad);
            return new Tensor[] {r[0], r[1], null};
        });
    }
}
