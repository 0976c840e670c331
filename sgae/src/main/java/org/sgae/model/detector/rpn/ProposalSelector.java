package org.sgae.model.detector.rpn;

import java.util.Arrays;
import java.util.List;
import org.sgae.model.detector.boxes.BoxOps;
import org.sgae.model.detector.boxes.Boxes;
import org.sgae.tensor.DType;
import org.sgae.tensor.Shape;
import org.sgae.tensor.Tensor;
import org.sgae.tensor.ops.Assemble;
import org.sgae.tensor.ops.Elementwise;
import org.sgae.tensor.ops.Index;
import org.sgae.train.config.BoxWeights;
import org.sgae.train.config.ProposalConfig;

/**
 * Per-image RPN proposals (model-spec §3.2), maskrcnn-benchmark's {@code RPNPostProcessor} for one feature map:
 * <ol>
 *   <li>scores = σ(objectness); the top min(preNmsTopN, A) by score, ties by the lower anchor index (§1);</li>
 *   <li>decode their deltas on their anchors (weights (1,1,1,1), dw and dh clamped at ln(1000/16), §3.3);</li>
 *   <li>clip to [0, W−1] × [0, H−1] of the un-padded image;</li>
 *   <li>drop boxes whose "+1" width or height is below minSize (0 keeps all, maskrcnn-benchmark's default);</li>
 *   <li>greedy NMS at 0.7 (a box is dropped when its IoU with a kept one is &gt; 0.7), visiting by score, ties by
 *       the lower index;</li>
 *   <li>the first postNmsTopN survivors, best first;</li>
 *   <li>in training, the GT boxes appended after them, with score 1 (maskrcnn-benchmark's
 *       {@code add_gt_proposals}).</li>
 * </ol>
 * Inputs are detached first: no gradient flows through proposal coordinates or their order.
 */
public final class ProposalSelector {
    private final ProposalConfig config;
    private final BoxWeights weights;

    public ProposalSelector(ProposalConfig config, BoxWeights weights) {
        this.config = config.validate();
        this.weights = weights.validate();
    }

    /** One image's proposals: boxes [R,4] and their scores [R] (σ of objectness; 1 for appended GT boxes). */
    public record Proposals(Tensor boxes, Tensor scores) {
        public int size() {
            return boxes.dim(0);
        }
    }

    /**
     * objectness [A] logits and deltas [A,4] in the (y, x, a) anchor order ({@link RpnLayout}), anchors [A,4],
     * the un-padded image size, gtBoxes [G,4] (appended when training; may be null at test time) → proposals
     * [R,4] with R ≤ postNmsTopN (+ G in training). All tensors float and on one device.
     */
    public Proposals select(Tensor objectness, Tensor deltas, Tensor anchors, int imageW, int imageH, Tensor gtBoxes,
                            boolean training) {
        check(objectness, deltas, anchors, imageW, imageH, gtBoxes, training);
        int numAnchors = anchors.dim(0);
        Tensor scores = Elementwise.sigmoid(objectness.detach()); // [A]

        int preN = Math.min(config.preNmsTopN(training), numAnchors);
        Tensor[] top = Index.topk(scores, preN, 0, Index.Order.DESCENDING);   // {[preN], [preN] I64}
        Tensor topScores = top[0];
        Tensor topDeltas = Index.indexSelect(deltas.detach(), 0, top[1]);   // [preN,4]
        Tensor topAnchors = Index.indexSelect(anchors.detach(), 0, top[1]); // [preN,4]

        Tensor boxes = clip(BoxOps.decode(topDeltas, topAnchors, weights), imageW, imageH); // [preN,4]
        if (config.minSize() > 0) {
            Tensor keep = bigEnough(boxes);
            boxes = Index.indexSelect(boxes, 0, keep);
            topScores = Index.indexSelect(topScores, 0, keep);
        }

        Tensor kept = BoxOps.nms(boxes, topScores, config.nmsThreshold()); // [K] I64, by score descending
        int postN = Math.min(config.postNmsTopN(training), kept.dim(0));
        kept = kept.narrow(0, 0, postN);
        boxes = Index.indexSelect(boxes, 0, kept);       // [postN,4]
        topScores = Index.indexSelect(topScores, 0, kept); // [postN]

        if (training && gtBoxes.dim(0) > 0) {
            Tensor gt = gtBoxes.detach().to(boxes.dtype());
            Tensor ones = Tensor.full(Shape.of(gt.dim(0)), boxes.dtype(), boxes.device(), 1.0);
            boxes = Assemble.cat(List.of(boxes, gt), 0);         // [postN+G,4]
            topScores = Assemble.cat(List.of(topScores, ones), 0); // [postN+G]
        }
        return new Proposals(boxes, topScores);
    }

    /** boxes [K,4] → clamped to x ∈ [0, W−1], y ∈ [0, H−1] ("+1" extents; maskrcnn-benchmark clip_to_image). */
    private static Tensor clip(Tensor boxes, int imageW, int imageH) {
        Tensor hi = Tensor.of(new float[] {imageW - 1, imageH - 1, imageW - 1, imageH - 1}, 1, 4)
                .to(boxes.dtype()).to(boxes.device()); // [1,4], broadcast over rows
        return Elementwise.clamp(Elementwise.minimum(boxes, hi), 0, Double.POSITIVE_INFINITY);
    }

    /** Indices [K'] (I64) of the boxes [K,4] whose "+1" width and height are ≥ minSize. Reads the boxes to host. */
    private Tensor bigEnough(Tensor boxes) {
        float[] b = boxes.to(DType.F32).toFloatArray();
        int n = b.length / 4;
        long[] idx = new long[n];
        int k = 0;
        for (int i = 0; i < n; i++) {
            float w = b[4 * i + 2] - b[4 * i] + 1;
            float h = b[4 * i + 3] - b[4 * i + 1] + 1;
            if (w >= config.minSize() && h >= config.minSize()) {
                idx[k++] = i;
            }
        }
        return Tensor.ofLongs(Arrays.copyOf(idx, k), k).to(boxes.device());
    }

    private static void check(Tensor objectness, Tensor deltas, Tensor anchors, int imageW, int imageH,
                              Tensor gtBoxes, boolean training) {
        if (anchors.rank() != 2 || anchors.dim(1) != 4) {
            throw new IllegalArgumentException("anchors: must be [A,4], got " + anchors.shape());
        }
        int a = anchors.dim(0);
        if (objectness.rank() != 1 || objectness.dim(0) != a) {
            throw new IllegalArgumentException("objectness: must be [A = " + a + "] for anchors " + anchors.shape()
                    + ", got " + objectness.shape());
        }
        if (deltas.rank() != 2 || deltas.dim(0) != a || deltas.dim(1) != 4) {
            throw new IllegalArgumentException("deltas: must be [A = " + a + ", 4] for anchors " + anchors.shape()
                    + ", got " + deltas.shape());
        }
        if (imageW <= 0 || imageH <= 0) {
            throw new IllegalArgumentException("image size: must be > 0, got imageW = " + imageW + ", imageH = "
                    + imageH);
        }
        if (training) {
            if (gtBoxes == null) {
                throw new IllegalArgumentException("gtBoxes: required in training (they are appended to the"
                        + " proposals)");
            }
            if (gtBoxes.rank() != 2 || gtBoxes.dim(1) != 4) {
                throw new IllegalArgumentException("gtBoxes: must be [G,4], got " + gtBoxes.shape());
            }
            Boxes.checkBoxes("gtBoxes", gtBoxes.to(DType.F32).toFloatArray());
        }
    }
}
