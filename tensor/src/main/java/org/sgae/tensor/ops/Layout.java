package org.sgae.tensor.ops;

import org.sgae.tensor.Shape;
import org.sgae.tensor.Tensor;
import org.sgae.tensor.attrs.LayoutWarpAttrs;
import org.sgae.tensor.spi.Backends;
import org.sgae.tensor.spi.LayoutKernels;

/**
 * Layout warping (sg2im boxes_to_layout): the scene-graph generator's op that paints object vectors or maps into
 * their boxes. It is its own family, not a detection op: it runs in the generator, on layouts, and shares no
 * kernel with ROI Align. Shapes are checked here, with the op and the shapes named; kernels get contiguous inputs.
 * LAYOUT_WARP is recorded for autograd; its backward is the public {@link #layoutWarpBackward}.
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
}
