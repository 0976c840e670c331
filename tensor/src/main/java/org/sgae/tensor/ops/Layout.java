package org.sgae.tensor.ops;

import org.sgae.tensor.Shape;
import org.sgae.tensor.Tensor;
import org.sgae.tensor.attrs.BoxCropAttrs;
import org.sgae.tensor.attrs.LayoutWarpAttrs;
import org.sgae.tensor.spi.Backends;
import org.sgae.tensor.spi.LayoutKernels;

/**
 * Layout warping (sg2im boxes_to_layout): the scene-graph generator's op that paints object vectors or maps into
 * their boxes. It is its own family, not a detection op: it runs in the generator, on layouts, and shares no
 * kernel with ROI Align. Shapes are checked here, with the op and the shapes named; kernels get contiguous inputs.
 * LAYOUT_WARP is recorded for autograd; its backward is the public {@link #layoutWarpBackward}. The inverse
 * direction, BOX_CROP (crops at boxes, {@link #boxCrop}), lives here too: same box convention, same generator.
 */
public final class Layout {
    private Layout() {
    }

    private static LayoutKernels kernels(Tensor t) {
        return Backends.of(t.device()).layout();
    }

    /**
     * Warps each object's vector [O,D] (a constant M×M map) or map [O,D,M,M] bilinearly into its box [O,4]
     * (x0,y0,x1,y1 in [0,1]) on an H×W canvas and sums the objects of each image: → [B,D,H,W]. objToImg [O]
     * (I32/I64) gives each object's image. Differentiable w.r.t. src and boxes.
     */
    public static Tensor layoutWarp(Tensor src, Tensor boxes, Tensor objToImg, LayoutWarpAttrs a) {
        checkLayout("layout_warp", src, boxes, objToImg, a);
        Tensor out = Tensor.empty(Shape.of(a.images(), src.dim(1), a.height(), a.width()), src.dtype(),
                src.device());
        if (out.numel() > 0) {
            kernels(src).layoutWarp(src.contiguous(), boxes.contiguous(), objToImg.contiguous(), a, out);
        }
        return Dispatch.record(Op.LAYOUT_WARP, a, out, src, boxes, objToImg);
    }

    /** Returns {gradSrc (src's shape), gradBoxes [O,4] or null when boxGrad is false}. */
    public static Tensor[] layoutWarpBackward(Tensor gradOut, Tensor src, Tensor boxes, Tensor objToImg,
                                              LayoutWarpAttrs a, boolean boxGrad) {
        checkLayout("layout_warp_backward", src, boxes, objToImg, a);
        Shape outShape = Shape.of(a.images(), src.dim(1), a.height(), a.width());
        Checks.check(gradOut.shape().equals(outShape) && gradOut.dtype() == src.dtype(),
                "layout_warp_backward: gradOut " + gradOut.dtype() + " " + gradOut.shape() + ", expected "
                        + src.dtype() + " " + outShape);
        Tensor gradSrc = Tensor.empty(src.shape(), src.dtype(), src.device());
        Tensor gradBoxes = boxGrad ? Tensor.empty(boxes.shape(), src.dtype(), src.device()) : null;
        if (src.numel() == 0 && !boxGrad || src.dim(0) == 0) {
            return new Tensor[] {gradSrc, gradBoxes};
        }
        kernels(src).layoutWarpBackward(gradOut.contiguous(), src.contiguous(), boxes.contiguous(),
                objToImg.contiguous(), a, gradSrc, gradBoxes);
        return new Tensor[] {gradSrc, gradBoxes};
    }

    private static void checkLayout(String op, Tensor src, Tensor boxes, Tensor objToImg, LayoutWarpAttrs a) {
        Checks.sameFloat(op, src, boxes);
        Checks.integer(op, objToImg);
        Checks.sameDevice(op, src, objToImg);
        boolean maps = src.rank() == 4 && src.dim(2) == a.mapSize() && src.dim(3) == a.mapSize();
        Checks.check(src.rank() == 2 || maps, op + ": src must be [O,D] or [O,D," + a.mapSize() + ","
                + a.mapSize() + "], got " + src.shape());
        Checks.check(boxes.rank() == 2 && boxes.dim(1) == 4 && boxes.dim(0) == src.dim(0)
                        && objToImg.rank() == 1 && objToImg.dim(0) == src.dim(0),
                op + ": expected boxes [O,4] and objToImg [O] for src " + src.shape() + ", got " + boxes.shape()
                        + " and " + objToImg.shape());
    }

    /**
     * Bilinear crops at boxes (model-spec §9 "Crops"): images [B,C,H,W], boxes [O,4] normalised (x0,y0,x1,y1), not
     * clamped (a box may lie partly or wholly outside; outside samples read zeros), imageIndex [O] (I32/I64, in
     * [0,B)) → [O,C,S,S] with out[o,c,v,u] = bilinear(images[imageIndex[o],c], Y(v), X(u)), sample positions as in
     * {@link BoxCropAttrs} (align_corners = true, zero padding: grid_sample(padding_mode=zeros,
     * align_corners=True)). Differentiable w.r.t. images and boxes.
     */
    public static Tensor boxCrop(Tensor images, Tensor boxes, Tensor imageIndex, int size) {
        BoxCropAttrs a = new BoxCropAttrs(size);
        checkCrop("box_crop", images, boxes, imageIndex);
        Tensor out = Tensor.empty(Shape.of(boxes.dim(0), images.dim(1), size, size), images.dtype(),
                images.device());
        if (out.numel() > 0) {
            kernels(images).boxCrop(images.contiguous(), boxes.contiguous(), imageIndex.contiguous(), a, out);
        }
        return Dispatch.record(Op.BOX_CROP, a, out, images, boxes, imageIndex);
    }

    /**
     * Backward of {@link #boxCrop}: gradOut [O,C,S,S] → {gradImages [B,C,H,W] or null when imageGrad is false,
     * gradBoxes [O,4] or null when boxGrad is false}. Deterministic on every backend (no float atomics).
     */
    public static Tensor[] boxCropBackward(Tensor gradOut, Tensor images, Tensor boxes, Tensor imageIndex,
                                           BoxCropAttrs a, boolean imageGrad, boolean boxGrad) {
        checkCrop("box_crop_backward", images, boxes, imageIndex);
        Shape outShape = Shape.of(boxes.dim(0), images.dim(1), a.size(), a.size());
        Checks.check(gradOut.shape().equals(outShape) && gradOut.dtype() == images.dtype()
                        && gradOut.device().equals(images.device()),
                "box_crop_backward: gradOut " + gradOut.dtype() + " " + gradOut.shape() + ", expected "
                        + images.dtype() + " " + outShape + " on " + images.device());
        Tensor gradImages = imageGrad ? Tensor.empty(images.shape(), images.dtype(), images.device()) : null;
        Tensor gradBoxes = boxGrad ? Tensor.empty(boxes.shape(), images.dtype(), images.device()) : null;
        if (!imageGrad && !boxGrad) {
            return new Tensor[] {null, null};
        }
        kernels(images).boxCropBackward(gradOut.contiguous(), images.contiguous(), boxes.contiguous(),
                imageIndex.contiguous(), a, gradImages, gradBoxes);
        return new Tensor[] {gradImages, gradBoxes};
    }

    private static void checkCrop(String op, Tensor images, Tensor boxes, Tensor imageIndex) {
        Checks.sameFloat(op, images, boxes);
        Checks.integer(op, imageIndex);
        Checks.sameDevice(op, images, imageIndex);
        Checks.check(images.rank() == 4, op + ": images must be [B,C,H,W], got " + images.shape());
        Checks.check(boxes.rank() == 2 && boxes.dim(1) == 4 && imageIndex.rank() == 1
                        && imageIndex.dim(0) == boxes.dim(0),
                op + ": expected boxes [O,4] and imageIndex [O], got " + boxes.shape() + " and "
                        + imageIndex.shape());
    }
}
