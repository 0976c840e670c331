package org.sgae.tensor.spi;

import org.sgae.tensor.Tensor;
import org.sgae.tensor.attrs.BoxCropAttrs;
import org.sgae.tensor.attrs.LayoutWarpAttrs;

/**
 * Layout warping and box crops. Inputs are contiguous and shape-checked by {@code org.sgae.tensor.ops.Layout}; outputs are
 * overwritten ({@code =}), gradients included. objToImg and imageIndex are I32 or I64.
 */
public interface LayoutKernels {
    /** src [O,D] or [O,D,M,M], boxes [O,4], objToImg [O] → out [B,D,H,W]. */
    void layoutWarp(Tensor src, Tensor boxes, Tensor objToImg, LayoutWarpAttrs a, Tensor out);

    /** gradOut [B,D,H,W] → gradSrc (src's shape) and gradBoxes [O,4] (null: not wanted). */
    void layoutWarpBackward(Tensor gradOut, Tensor src, Tensor boxes, Tensor objToImg, LayoutWarpAttrs a,
                            Tensor gradSrc, Tensor gradBoxes);

    /** images [B,C,H,W], boxes [O,4], imageIndex [O] → out [O,C,S,S]. */
    void boxCrop(Tensor images, Tensor boxes, Tensor imageIndex, BoxCropAttrs a, Tensor out);

    /** gradOut [O,C,S,S] → gradImages [B,C,H,W] and gradBoxes [O,4]; either may be null (not wanted). */
    void boxCropBackward(Tensor gradOut, Tensor images, Tensor boxes, Tensor imageIndex, BoxCropAttrs a,
                         Tensor gradImages, Tensor gradBoxes);
}
