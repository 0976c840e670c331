package org.sgae.autograd.derivatives;

import java.util.Map;
import org.sgae.autograd.Derivative;
import org.sgae.tensor.Tensor;
import org.sgae.tensor.attrs.BoxCropAttrs;
import org.sgae.tensor.attrs.LayoutWarpAttrs;
import org.sgae.tensor.ops.Layout;
import org.sgae.tensor.ops.Op;
import org.sgae.tensor.ops.OpPart.Role;
import org.sgae.tensor.ops.OpPart;

/**
 * Backward rule of layout warping; it calls the op's own backward in {@link Layout}, which the tensor tests check
 * against the reference. LAYOUT_WARP (src, boxes, objToImg): gradients to the vectors/maps and to the box
 * coordinates (the latter computed only when the boxes need one); none to objToImg. BOX_CROP (images, boxes,
 * imageIndex): gradients to the images and to the box coordinates, each computed only when it goes somewhere; none
 * to imageIndex.
 */
@OpPart(role = Role.DERIVATIVE, ops = {Op.LAYOUT_WARP, Op.BOX_CROP})
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
        t.put(Op.BOX_CROP, (n, g) -> {
            Tensor[] r = Layout.boxCropBackward(g[0], n.input(0), n.input(1), n.input(2),
                    n.attrs(BoxCropAttrs.class), n.needsGrad(0), n.needsGrad(1));
            return new Tensor[] {r[0], r[1], null};
        });
    }
}
