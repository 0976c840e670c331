package org.sgae.model.generator;

import org.sgae.tensor.Tensor;
import org.sgae.tensor.ops.Layout;

/**
 * D_obj's crops (model-spec §9): for each box (x0,y0,x1,y1) in [0,1] an S×S bilinear sample of its image on the grid
 * x = x0 + (x1 − x0)·u/(S−1), u = 0..S−1, with align_corners = true (pixel coordinate x·(W−1)) and zero padding —
 * the engine's box_crop op, differentiable w.r.t. the images and the boxes.
 */
public final class BoxCrop {
    private BoxCrop() {
    }

    /** images [B,C,H,W], boxes [O,4], imageIndex [O] I64 → crops [O,C,S,S]. */
    public static Tensor crop(Tensor images, Tensor boxes, Tensor imageIndex, int size) {
        return Layout.boxCrop(images, boxes, imageIndex, size);
    }
}
