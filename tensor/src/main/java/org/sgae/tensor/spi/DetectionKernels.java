package org.sgae.tensor.spi;

import org.sgae.tensor.Tensor;
import org.sgae.tensor.attrs.BoxCoderAttrs;
import org.sgae.tensor.attrs.BoxConvention;
import org.sgae.tensor.attrs.LayoutWarpAttrs;
import org.sgae.tensor.attrs.PairScoreAttrs;
import org.sgae.tensor.attrs.RoiAlignAttrs;

/**
 * ROI Align, top-K pair scoring and box ops (layout warping is {@link LayoutKernels}). Inputs are contiguous and
 * shape-checked by {@code org.sgae.tensor.ops.Detection}; outputs are overwritten ({@code =}), gradients included.
 * Index tensors (classes) are I32 or I64; pairs and NMS results are I64.
 */
public interface DetectionKernels {
    /** x [N,C,H,W], rois [K,5] → out [K,C,PH,PW]. */
    void roiAlign(Tensor x, Tensor rois, RoiAlignAttrs a, Tensor out);

    /** gradOut [K,C,PH,PW], rois [K,5] → gradIn [N,C,H,W]. */
    void roiAlignBackward(Tensor gradOut, Tensor rois, RoiAlignAttrs a, Tensor gradIn);

    /** phiS, phiO [N,d1], pS, pO [N,d2] or null → scores [K], pairs [K,2] with K = a.kept(N). */
    void pairScores(Tensor phiS, Tensor phiO, Tensor pS, Tensor pO, PairScoreAttrs a, Tensor scores, Tensor pairs);

    /** gradScores [K] → gradients of the factors (gPS, gPO null when pS is). */
    void pairScoresBackward(Tensor gradScores, Tensor scores, Tensor pairs, Tensor phiS, Tensor phiO, Tensor pS,
                            Tensor pO, Tensor gPhiS, Tensor gPhiO, Tensor gPS, Tensor gPO);

    /** Greedy NMS per class (classes [N] or null) → kept indices [kept] I64, by score descending. */
    Tensor nms(Tensor boxes, Tensor scores, Tensor classes, double iouThreshold, BoxConvention convention);

    /**
     * The same greedy NMS as a keep mask: keep [N] BOOL (=), in original box order, true for the boxes {@link #nms}
     * keeps. Its shape does not depend on the data, so a device never synchronises with the host for it (N ≥ 1).
     */
    void nmsKeep(Tensor boxes, Tensor scores, Tensor classes, double iouThreshold, BoxConvention convention,
                 Tensor keep);

    /** a [N,4], b [M,4] → out [N,M]. */
    void boxIou(Tensor a, Tensor b, BoxConvention convention, Tensor out);

    /** ref [N,4], gt [N,4] → deltas [N,4]. */
    void boxEncode(Tensor ref, Tensor gt, BoxCoderAttrs a, Tensor out);

    /** deltas [N,4J], ref [N,4] → boxes [N,4J]. */
    void boxDecode(Tensor deltas, Tensor ref, BoxCoderAttrs a, Tensor out);
}
