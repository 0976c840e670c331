package org.sgae.model.detector.roi;

import java.util.SplittableRandom;
import org.sgae.model.detector.boxes.BalancedSampler;
import org.sgae.model.detector.boxes.BoxOps;
import org.sgae.model.detector.boxes.Boxes;
import org.sgae.model.detector.boxes.Matcher;
import org.sgae.tensor.Tensor;
import org.sgae.train.config.RoiHeadsConfig;

/**
 * Per-image ROI training targets (model-spec §3.4), maskrcnn-benchmark's FastRCNNLossComputation.subsample on host
 * arrays of detached boxes:
 * <ol>
 *   <li>match the proposals (GT boxes already appended by the RPN) to the GT by the "+1" IoU: ≥ 0.5 foreground,
 *       &lt; 0.5 background, no low-quality matches;</li>
 *   <li>sample 256 per image, ≤ 25% foreground, from the SG-sampling stream (§11.4);</li>
 *   <li>the sampled ROIs in ascending proposal order (maskrcnn-benchmark's nonzero(pos | neg)); foreground ones get
 *       their GT's class, background ones class 0;</li>
 *   <li>regression targets of the foreground ROIs with weights (10, 10, 5, 5), for the GT class's 4 delta columns.
 *   </li>
 * </ol>
 */
public final class RoiTargets {
    private final Matcher matcher;
    private final BalancedSampler sampler;
    private final RoiHeadsConfig config;

    public RoiTargets(RoiHeadsConfig config) {
        this.config = config.validate();
        this.matcher = new Matcher(config.matcher());
        this.sampler = new BalancedSampler(config.sampler());
    }

    /**
     * One image's sampled ROIs.
     *
     * @param boxes      [S·4] the sampled proposals, ascending proposal index
     * @param proposal   [S] their indices among the image's proposals
     * @param labels     [S] GT class for foreground, 0 for background
     * @param foreground [P] rows (into the S sampled) that are foreground, ascending
     * @param regression [P,4] F32 deltas moving each foreground ROI onto its GT (weights 10, 10, 5, 5)
     */
    public record Sample(float[] boxes, int[] proposal, int[] labels, int[] foreground, Tensor regression) {
        public int size() {
            return proposal.length;
        }
    }

    /** proposals [R·4], gtBoxes [G·4], gtLabels [G] in [1, C) → the sample. rng is advanced. */
    public Sample compute(float[] proposals, float[] gtBoxes, int[] gtLabels, SplittableRandom rng) {
        int numProposals = Boxes.count("proposals", proposals);
        int numGt = Boxes.checkBoxes("gtBoxes", gtBoxes);
        if (gtLabels == null || gtLabels.length != numGt) {
            throw new IllegalArgumentException("gtLabels: must be [G = " + numGt + "], got "
                    + (gtLabels == null ? "null" : "[" + gtLabels.length + "]"));
        }
        for (int g = 0; g < numGt; g++) {
            if (gtLabels[g] < 1 || gtLabels[g] >= config.numClasses()) {
                throw new IllegalArgumentException("gtLabels: label " + gtLabels[g] + " of box " + g
                        + " is outside [1, " + config.numClasses() + ")");
            }
        }
        int[] matches = matcher.match(Boxes.iou(gtBoxes, proposals), numGt, numProposals); // [R]
        BalancedSampler.Sample s = sampler.sample(Matcher.labels(matches), rng);
        boolean[] taken = new boolean[numProposals];
        for (int p : s.positives()) {
            taken[p] = true;
        }
        for (int n : s.negatives()) {
            taken[n] = true;
        }
        int count = s.size();
        int[] proposal = new int[count];
        int[] labels = new int[count];
        float[] boxes = new float[4 * count];
        int[] foreground = new int[s.positives().length];
        float[] fgBoxes = new float[4 * foreground.length];
        float[] fgGt = new float[4 * foreground.length];
        for (int r = 0, k = 0, f = 0; r < numProposals; r++) {
            if (!taken[r]) {
                continue;
            }
            proposal[k] = r;
            System.arraycopy(proposals, 4 * r, boxes, 4 * k, 4);
            if (matches[r] >= 0) {
                labels[k] = gtLabels[matches[r]];
                foreground[f] = k;
                System.arraycopy(proposals, 4 * r, fgBoxes, 4 * f, 4);
                System.arraycopy(gtBoxes, 4 * matches[r], fgGt, 4 * f, 4);
                f++;
            }
            k++;
        }
        int p = foreground.length;
        Tensor regression = BoxOps.encode(Tensor.of(fgBoxes, p, 4), Tensor.of(fgGt, p, 4), config.boxWeights());
        return new Sample(boxes, proposal, labels, foreground, regression);
    }
}
