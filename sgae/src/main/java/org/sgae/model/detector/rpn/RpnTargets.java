package org.sgae.model.detector.rpn;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.sgae.model.detector.boxes.BalancedSampler;
import org.sgae.model.detector.boxes.BoxOps;
import org.sgae.model.detector.boxes.Boxes;
import org.sgae.model.detector.boxes.Matcher;
import org.sgae.tensor.Tensor;
import org.sgae.train.config.BoxWeights;
import org.sgae.train.config.RpnConfig;

/**
 * Per-image RPN training targets (model-spec §3.2), on detached boxes:
 * <ol>
 *   <li>only visible anchors take part (§3.1); the others are ignored, and they are not candidates for a GT's
 *       low-quality match either (Detectron matches the inside anchors only; maskrcnn-benchmark matches all and
 *       drops the invisible ones afterwards, which can leave a GT without any positive anchor);</li>
 *   <li>match by the "+1" IoU: ≥ 0.7 positive, &lt; 0.3 negative, each GT's best anchors positive;</li>
 *   <li>sample 256 per image, ≤ 50% positive, from the SG-sampling stream (§11.4);</li>
 *   <li>regression targets of the sampled positives through the engine's box encoder, weights (1, 1, 1, 1).</li>
 * </ol>
 * Both RPN losses are divided by the number of sampled anchors, {@link Targets#lossDivisor()}.
 */
public final class RpnTargets {
    private final Matcher matcher;
    private final BalancedSampler sampler;
    private final BoxWeights weights;

    public RpnTargets(RpnConfig config) {
        config.validate();
        this.matcher = new Matcher(config.matcher());
        this.sampler = new BalancedSampler(config.sampler());
        this.weights = config.boxWeights();
    }

    /**
     * One image's targets.
     *
     * @param labels     [A] per anchor: 1 sampled positive, 0 sampled negative, −1 not used
     * @param positives  [P] sampled positive anchors, ascending
     * @param negatives  [S−P] sampled negative anchors, ascending
     * @param matchedGt  [P] the GT of each sampled positive
     * @param regression [P,4] F32 deltas that move each sampled positive onto its GT
     */
    public record Targets(int[] labels, int[] positives, int[] negatives, int[] matchedGt, Tensor regression) {
        /** S, the number of sampled anchors: the divisor of the objectness mean and of the summed box loss. */
        public int lossDivisor() {
            return positives.length + negatives.length;
        }
    }

    /**
     * anchors [A·4] (flat (y, x, a) order of {@link AnchorGenerator#grid}), visible [A], gtBoxes [G·4] "+1" boxes
     * in input pixels → the targets. rng is the SG-sampling stream and is advanced.
     */
    public Targets compute(float[] anchors, boolean[] visible, float[] gtBoxes, SplittableRandom rng) {
        int numAnchors = Boxes.checkBoxes("anchors", anchors);
        if (visible == null || visible.length != numAnchors) {
            throw new IllegalArgumentException("visible: must be [A = " + numAnchors + "], got "
                    + (visible == null ? "null" : "[" + visible.length + "]"));
        }
        int numGt = Boxes.checkBoxes("gtBoxes", gtBoxes);

        // The visible anchors, compacted: [V·4].
        int numVisible = 0;
        for (boolean v : visible) {
            numVisible += v ? 1 : 0;
        }
        int[] visibleIndex = new int[numVisible];
        float[] visibleAnchors = new float[4 * numVisible];
        for (int i = 0, k = 0; i < numAnchors; i++) {
            if (visible[i]) {
                visibleIndex[k] = i;
                System.arraycopy(anchors, 4 * i, visibleAnchors, 4 * k, 4);
                k++;
            }
        }

        int[] matches = matcher.match(Boxes.iou(gtBoxes, visibleAnchors), numGt, numVisible); // [V]
        BalancedSampler.Sample s = sampler.sample(Matcher.labels(matches), rng);

        int[] labels = new int[numAnchors];
        Arrays.fill(labels, -1);
        int numPos = s.positives().length;
        int[] positives = new int[numPos];
        int[] matchedGt = new int[numPos];
        float[] posAnchors = new float[4 * numPos]; // [P·4]
        float[] posGt = new float[4 * numPos];      // [P·4]
        for (int k = 0; k < numPos; k++) {
            int v = s.positives()[k];
            positives[k] = visibleIndex[v];
            matchedGt[k] = matches[v];
            labels[positives[k]] = 1;
            System.arraycopy(visibleAnchors, 4 * v, posAnchors, 4 * k, 4);
            System.arraycopy(gtBoxes, 4 * matchedGt[k], posGt, 4 * k, 4);
        }
        int[] negatives = new int[s.negatives().length];
        for (int k = 0; k < negatives.length; k++) {
            negatives[k] = visibleIndex[s.negatives()[k]];
            labels[negatives[k]] = 0;
        }
        Tensor regression = BoxOps.encode(Tensor.of(posAnchors, numPos, 4), Tensor.of(posGt, numPos, 4), weights);
        return new Targets(labels, positives, negatives, matchedGt, regression);
    }
}
