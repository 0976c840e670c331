package org.sgae.tensor.ops;

import org.sgae.tensor.DType;
import org.sgae.tensor.Shape;
import org.sgae.tensor.Tensor;
import org.sgae.tensor.attrs.BoxCoderAttrs;
import org.sgae.tensor.attrs.BoxConvention;
import org.sgae.tensor.attrs.LayoutWarpAttrs;
import org.sgae.tensor.attrs.PairScoreAttrs;
import org.sgae.tensor.attrs.RoiAlignAttrs;
import org.sgae.tensor.spi.Backends;
import org.sgae.tensor.spi.DetectionKernels;

/**
 * Detection ops: ROI Align, top-K pair scoring (RePN), NMS, box IoU and the box coder (layout warping, the generator's
 * op, is {@link Layout}). Shapes are checked here, with the op and the shapes named; kernels get contiguous inputs.
 * ROI_ALIGN and PAIR_SCORES are recorded for autograd; their backward passes are the public
 * {@code *Backward} methods, which the derivatives call. NMS, IoU and the coder work on detached boxes and are not
 * recorded (a differentiable decode, where needed, is composed from elementwise ops).
 */
public final class Detection {
    private Detection() {
    }

    private static DetectionKernels kernels(Tensor t) {
        return Backends.of(t.device()).detection();
    }

    private static void boxes(String op, Tensor t, String name) {
        Checks.check(t.rank() == 2 && t.dim(1) == 4, op + ": " + name + " must be [N,4], got " + t.shape());
    }

    // ------------------------------------------------------------------ ROI Align

    /** x [N,C,H,W], rois [K,5] = (batch index, x1, y1, x2, y2) in input pixels → [K,C,PH,PW]. */
    public static Tensor roiAlign(Tensor x, Tensor rois, RoiAlignAttrs a) {
        Checks.sameFloat("roi_align", x, rois);
        Checks.check(x.rank() == 4 && x.dim(2) >= 1 && x.dim(3) >= 1,
                "roi_align: input must be [N,C,H,W] with H,W >= 1, got " + x.shape());
        Checks.check(rois.rank() == 2 && rois.dim(1) == 5, "roi_align: rois must be [K,5], got " + rois.shape()
                + " (input " + x.shape() + ")");
        Tensor out = Tensor.empty(Shape.of(rois.dim(0), x.dim(1), a.outH(), a.outW()), x.dtype(), x.device());
        if (out.numel() > 0) {
            kernels(x).roiAlign(x.contiguous(), rois.contiguous(), a, out);
        }
        return Dispatch.record(Op.ROI_ALIGN, a, out, x, rois);
    }

    /** gradOut [K,C,PH,PW] → gradient for the input of shape inputShape [N,C,H,W]. */
    public static Tensor roiAlignBackward(Tensor gradOut, Tensor rois, Shape inputShape, RoiAlignAttrs a) {
        Checks.sameFloat("roi_align_backward", gradOut, rois);
        Checks.check(inputShape.rank() == 4 && rois.rank() == 2 && rois.dim(1) == 5
                        && gradOut.shape().equals(Shape.of(rois.dim(0), inputShape.dim(1), a.outH(), a.outW())),
                "roi_align_backward: gradOut " + gradOut.shape() + " does not match rois " + rois.shape()
                        + ", input " + inputShape + " and output " + a.outH() + "x" + a.outW());
        Tensor gradIn = Tensor.empty(inputShape, gradOut.dtype(), gradOut.device());
        if (gradIn.numel() > 0) {
            kernels(gradOut).roiAlignBackward(gradOut.contiguous(), rois.contiguous(), a, gradIn);
        }
        return gradIn;
    }

    // ------------------------------------------------------------------ pair scoring

    /**
     * RePN scoring: S = Φ_s Φ_oᵀ (+ P_s P_oᵀ), r = σ(S), diagonal excluded, the K = min(k, N(N−1)) best ordered
     * pairs by S descending (ties: lower i·N + j first). phiS, phiO [N,d1]; pS, pO [N,d2] or both null.
     * Returns {scores [K] (r, differentiable), pairs [K,2] I64 (subject, object)}.
     */
    public static Tensor[] pairScores(Tensor phiS, Tensor phiO, Tensor pS, Tensor pO, PairScoreAttrs a) {
        checkPairs("pair_scores", phiS, phiO, pS, pO);
        int k = a.kept(phiS.dim(0));
        Tensor scores = Tensor.empty(Shape.of(k), phiS.dtype(), phiS.device());
        Tensor pairs = Tensor.empty(Shape.of(k, 2), DType.I64, phiS.device());
        if (k > 0) {
            kernels(phiS).pairScores(phiS.contiguous(), phiO.contiguous(), pS == null ? null : pS.contiguous(),
                    pO == null ? null : pO.contiguous(), a, scores, pairs);
        }
        Tensor[] outs = {scores, pairs};
        return pS == null ? Dispatch.recordAll(Op.PAIR_SCORES, a, outs, phiS, phiO)
                : Dispatch.recordAll(Op.PAIR_SCORES, a, outs, phiS, phiO, pS, pO);
    }

    /** Scores-only convenience: {@link #pairScores} without the second factor pair. */
    public static Tensor[] pairScores(Tensor phiS, Tensor phiO, PairScoreAttrs a) {
        return pairScores(phiS, phiO, null, null, a);
    }

    /**
     * gradScores [K] → {gPhiS, gPhiO, gPS, gPO} (the last two null without a second pair). scores and pairs are
     * the forward outputs.
     */
    public static Tensor[] pairScoresBackward(Tensor gradScores, Tensor scores, Tensor pairs, Tensor phiS,
                                              Tensor phiO, Tensor pS, Tensor pO) {
        checkPairs("pair_scores_backward", phiS, phiO, pS, pO);
        int k = scores.dim(0);
        Checks.check(gradScores.shape().equals(scores.shape()) && scores.rank() == 1
                        && pairs.shape().equals(Shape.of(k, 2)) && gradScores.dtype() == phiS.dtype(),
                "pair_scores_backward: gradScores " + gradScores.shape() + ", scores " + scores.shape()
                        + " and pairs " + pairs.shape() + " do not match (expected [K], [K], [K,2])");
        Checks.integer("pair_scores_backward", pairs);
        Tensor[] g = new Tensor[4];
        g[0] = Tensor.empty(phiS.shape(), phiS.dtype(), phiS.device());
        g[1] = Tensor.empty(phiO.shape(), phiS.dtype(), phiS.device());
        if (pS != null) {
            g[2] = Tensor.empty(pS.shape(), phiS.dtype(), phiS.device());
            g[3] = Tensor.empty(pO.shape(), phiS.dtype(), phiS.device());
        }
        kernels(phiS).pairScoresBackward(gradScores.contiguous(), scores.contiguous(), pairs.contiguous(),
                phiS.contiguous(), phiO.contiguous(), pS == null ? null : pS.contiguous(),
                pO == null ? null : pO.contiguous(), g[0], g[1], g[2], g[3]);
        return g;
    }

    private static void checkPairs(String op, Tensor phiS, Tensor phiO, Tensor pS, Tensor pO) {
        Checks.sameFloat(op, phiS, phiO);
        Checks.check(phiS.rank() == 2 && phiS.shape().equals(phiO.shape()), op + ": phiS and phiO must both be "
                + "[N,d], got " + phiS.shape() + " and " + phiO.shape());
        Checks.check((pS == null) == (pO == null), op + ": pass both pS and pO or neither");
        if (pS != null) {
            Checks.sameFloat(op, phiS, pS);
            Checks.sameFloat(op, phiS, pO);
            Checks.check(pS.rank() == 2 && pS.shape().equals(pO.shape()) && pS.dim(0) == phiS.dim(0),
                    op + ": pS and pO must both be [N,d2] with N = " + phiS.dim(0) + ", got " + pS.shape()
                            + " and " + pO.shape());
        }
    }

    // ------------------------------------------------------------------ boxes (not differentiable)

    /** Greedy NMS over boxes [N,4] with scores [N]: kept indices I64, by score descending (ties: lower index). */
    public static Tensor nms(Tensor boxes, Tensor scores, double iouThreshold, BoxConvention convention) {
        return batchedNms(boxes, scores, null, iouThreshold, convention);
    }

    /** NMS within each class (classes [N], I32/I64): boxes of different classes never suppress each other. */
    public static Tensor batchedNms(Tensor boxes, Tensor scores, Tensor classes, double iouThreshold,
                                    BoxConvention convention) {
        checkNms(boxes, scores, classes, iouThreshold);
        return kernels(boxes).nms(boxes.contiguous(), scores.contiguous(),
                classes == null ? null : classes.contiguous(), iouThreshold, convention);
    }

    /**
     * {@link #batchedNms} as a keep mask: BOOL [N] in original box order (classes may be null). The result's shape
     * does not depend on the data, so on a device this never waits for the device (batchedNms reads one scalar,
     * the kept count, to size its result). A fixed post-NMS top-N (the Faster R-CNN proposal layer) follows with
     * {@code where(keep, scores, -inf)} and top-k, still without a synchronisation.
     */
    public static Tensor nmsKeep(Tensor boxes, Tensor scores, Tensor classes, double iouThreshold,
                                 BoxConvention convention) {
        checkNms(boxes, scores, classes, iouThreshold);
        Tensor keep = Tensor.empty(Shape.of(boxes.dim(0)), DType.BOOL, boxes.device());
        if (boxes.dim(0) > 0) {
            kernels(boxes).nmsKeep(boxes.contiguous(), scores.contiguous(),
                    classes == null ? null : classes.contiguous(), iouThreshold, convention, keep);
        }
        return keep;
    }

    private static void checkNms(Tensor boxes, Tensor scores, Tensor classes, double iouThreshold) {
        Checks.sameFloat("nms", boxes, scores);
        boxes("nms", boxes, "boxes");
        Checks.check(scores.rank() == 1 && scores.dim(0) == boxes.dim(0),
                "nms: scores must be [N] for boxes " + boxes.shape() + ", got " + scores.shape());
        if (classes != null) {
            Checks.integer("nms", classes);
            Checks.sameDevice("nms", boxes, classes);
            Checks.check(classes.rank() == 1 && classes.dim(0) == boxes.dim(0),
                    "nms: classes must be [N] for boxes " + boxes.shape() + ", got " + classes.shape());
        }
        Checks.check(!Double.isNaN(iouThreshold), "nms: IoU threshold is NaN");
    }

    /** a [N,4], b [M,4] → IoU [N,M]. */
    public static Tensor boxIou(Tensor a, Tensor b, BoxConvention convention) {
        Checks.sameFloat("box_iou", a, b);
        boxes("box_iou", a, "a");
        boxes("box_iou", b, "b");
        Tensor out = Tensor.empty(Shape.of(a.dim(0), b.dim(0)), a.dtype(), a.device());
        if (out.numel() > 0) {
            kernels(a).boxIou(a.contiguous(), b.contiguous(), convention, out);
        }
        return out;
    }

    /** Regression targets: deltas [N,4] that move ref [N,4] onto gt [N,4]. */
    public static Tensor boxEncode(Tensor ref, Tensor gt, BoxCoderAttrs a) {
        Checks.sameFloat("box_encode", ref, gt);
        boxes("box_encode", ref, "ref");
        Checks.check(gt.shape().equals(ref.shape()), "box_encode: ref " + ref.shape() + " and gt " + gt.shape()
                + " differ");
        Tensor out = Tensor.empty(ref.shape(), ref.dtype(), ref.device());
        if (out.numel() > 0) {
            kernels(ref).boxEncode(ref.contiguous(), gt.contiguous(), a, out);
        }
        return out;
    }

    /** deltas [N,4J] (J boxes per row, e.g. per class) applied to ref [N,4] → boxes [N,4J]. */
    public static Tensor boxDecode(Tensor deltas, Tensor ref, BoxCoderAttrs a) {
        Checks.sameFloat("box_decode", deltas, ref);
        boxes("box_decode", ref, "ref");
        Checks.check(deltas.rank() == 2 && deltas.dim(0) == ref.dim(0) && deltas.dim(1) % 4 == 0,
                "box_decode: deltas must be [N,4J] for ref " + ref.shape() + ", got " + deltas.shape());
        Tensor out = Tensor.empty(deltas.shape(), deltas.dtype(), deltas.device());
        if (out.numel() > 0) {
            kernels(ref).boxDecode(deltas.contiguous(), ref.contiguous(), a, out);
        }
        return out;
    }
}
