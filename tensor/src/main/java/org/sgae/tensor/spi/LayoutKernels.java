package org.sgae.tensor.spi;

import org.sgae.tensor.Tensor;
import org.sgae.tensor.attrs.LayoutWarpAttrs;

/**
 * Layout warping. Inputs are contiguous and shape-checked by {@code org.sgae.tensor.ops.Layout}; outputs are
 * overwritten ({@code =}), gradients included. objToImg is I32 or I64.
 */
public interface LayoutKernels {
    /** src [O,D] or [O,D,M,M], boxes [O,4], objToImg [O] → out [B,D,H,W]. */
    void layoutWarp(Tensor src, Tensor boxes, Tensor objToImg, LayoutWarpAttrs a, Tensor out);

    /** gradOut [B,D,H,W] → gradSrc (src's shape) and gradBoxes [O,4] (null: not wanted). */
    void layoutWarpBackward(Tensor gradOut, Tensor src, Tensor boxes, Tensor objToImg, LayoutWarpAttrs a,
                            Tensor gradSrc, Tensor gradBoxes);
}
