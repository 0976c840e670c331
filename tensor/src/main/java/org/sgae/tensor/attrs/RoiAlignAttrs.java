package org.sgae.tensor.attrs;

/**
 * ROI Align geometry, torchvision semantics.
 *
 * @param outH, outW     pooled output size per ROI (PH, PW)
 * @param spatialScale   feature cells per input pixel (1/16 for VGG conv5_3)
 * @param samplingRatio  samples per bin side; {@code <= 0} means adaptive: ceil(roiSize / binCount) per side
 * @param aligned        true: shift ROI corners by −0.5 cell (pixel-centre model); false (legacy): no shift, and
 *                       ROI width and height are clamped to ≥ 1 cell
 */
public record RoiAlignAttrs(int outH, int outW, double spatialScale, int samplingRatio, boolean aligned) {
    public RoiAlignAttrs {
        if (outH < 1 || outW < 1 || !(spatialScale > 0) || Double.isInfinite(spatialScale)) {
            throw new IllegalArgumentException("roi_align: bad attributes output=(" + outH + "," + outW
                    + ") spatialScale=" + spatialScale);
        }
    }

    /** Square output, the common case. */
    public static RoiAlignAttrs of(int out, double spatialScale, int samplingRatio, boolean aligned) {
        return new RoiAlignAttrs(out, out, spatialScale, samplingRatio, aligned);
    }
}
