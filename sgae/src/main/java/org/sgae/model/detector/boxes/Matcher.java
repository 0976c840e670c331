package org.sgae.model.detector.boxes;

import java.util.Arrays;
import org.sgae.train.config.MatcherConfig;

/**
 * Assigns each predicted box (anchor or proposal) to at most one GT by IoU, as maskrcnn-benchmark's {@code Matcher}
 * (model-spec §3.2 for the RPN, §3.4 for the ROI heads):
 * <ul>
 *   <li>best IoU ≥ high: the GT with that IoU (ties: the lowest GT index, model-spec §1);</li>
 *   <li>best IoU &lt; low: {@link #BELOW_LOW} (background);</li>
 *   <li>otherwise {@link #BETWEEN} (ignored);</li>
 *   <li>low-quality matches: for each GT, every box whose IoU equals that GT's highest IoU gets back its best GT,
 *       even below high. A GT whose highest IoU is 0 adds nothing (ours: otherwise every box that misses it
 *       entirely would become foreground; the references have this hole, and a tiny GT near the border that no
 *       visible anchor touches would turn thousands of anchors positive).</li>
 * </ul>
 */
public final class Matcher {
    /** Best IoU below the low threshold: background. */
    public static final int BELOW_LOW = -1;
    /** Best IoU in [low, high): ignored. */
    public static final int BETWEEN = -2;

    private final MatcherConfig config;

    public Matcher(MatcherConfig config) {
        this.config = config.validate();
    }

    /**
     * quality [G, N] row-major (IoU of GT g with box n) → matches [N]: a GT index in [0, G), {@link #BELOW_LOW} or
     * {@link #BETWEEN}. With no GT every box is {@link #BELOW_LOW}.
     */
    public int[] match(float[] quality, int numGt, int numBoxes) {
        if (numGt < 0 || numBoxes < 0) {
            throw new IllegalArgumentException("match: numGt = " + numGt + " and numBoxes = " + numBoxes
                    + " must be >= 0");
        }
        if (quality == null || (long) numGt * numBoxes != quality.length) {
            throw new IllegalArgumentException("match: quality must be [numGt = " + numGt + ", numBoxes = "
                    + numBoxes + "], got length " + (quality == null ? "null" : quality.length));
        }
        // Each box's best GT; strict ">" keeps the lowest GT index on ties.
        int[] bestGt = new int[numBoxes];
        float[] bestIou = new float[numBoxes];
        Arrays.fill(bestGt, -1);
        Arrays.fill(bestIou, Float.NEGATIVE_INFINITY);
        for (int g = 0; g < numGt; g++) {
            for (int n = 0; n < numBoxes; n++) {
                float q = quality[g * numBoxes + n];
                if (Float.isNaN(q)) {
                    throw new IllegalArgumentException("match: quality[" + g + ", " + n + "] is NaN");
                }
                if (q > bestIou[n]) {
                    bestIou[n] = q;
                    bestGt[n] = g;
                }
            }
        }
        // Thresholds compared in float32, as the references do (torch and numpy cast the Python scalar to the
        // float32 array's type): an IoU of exactly 70/100 is 0.7f, which is below the double 0.7 but not below 0.7f.
        float low = (float) config.lowThreshold();
        float high = (float) config.highThreshold();
        int[] matches = new int[numBoxes];
        for (int n = 0; n < numBoxes; n++) {
            matches[n] = bestGt[n] < 0 || bestIou[n] < low ? BELOW_LOW : bestIou[n] < high ? BETWEEN : bestGt[n];
        }
        if (config.allowLowQualityMatches()) {
            for (int g = 0; g < numGt; g++) {
                float highest = Float.NEGATIVE_INFINITY;
                for (int n = 0; n < numBoxes; n++) {
                    highest = Math.max(highest, quality[g * numBoxes + n]);
                }
                if (!(highest > 0)) {
                    continue;
                }
                for (int n = 0; n < numBoxes; n++) {
                    if (quality[g * numBoxes + n] == highest) {
                        matches[n] = bestGt[n]; // the box's own best GT, not g (maskrcnn-benchmark)
                    }
                }
            }
        }
        return matches;
    }

    /** Sampler labels from matches: 1 foreground, 0 background, −1 ignored. */
    public static int[] labels(int[] matches) {
        int[] labels = new int[matches.length];
        for (int n = 0; n < matches.length; n++) {
            labels[n] = matches[n] >= 0 ? 1 : matches[n] == BELOW_LOW ? 0 : -1;
        }
        return labels;
    }
}
