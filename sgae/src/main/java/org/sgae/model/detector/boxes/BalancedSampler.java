package org.sgae.model.detector.boxes;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.sgae.train.config.SamplerConfig;

/**
 * Draws at most {@code batchSizePerImage} labelled boxes per image, at most ⌊batch·fraction⌋ of them positive;
 * negatives fill the rest (torchvision's {@code BalancedPositiveNegativeSampler}). The draws come from the caller's
 * stream, the "SG sampling" stream of model-spec §11.4, so that anchors, ROIs and duplicate choices never disturb
 * the other streams; the same stream state gives the same sample.
 */
public final class BalancedSampler {
    private final SamplerConfig config;

    public BalancedSampler(SamplerConfig config) {
        this.config = config.validate();
    }

    /** The sampled boxes: indices into the labels, each array ascending. */
    public record Sample(int[] positives, int[] negatives) {
        /** Sampled boxes in all: the divisor of the RPN and ROI losses (model-spec §3.2, §3.4). */
        public int size() {
            return positives.length + negatives.length;
        }
    }

    /**
     * labels [N] (1 foreground, 0 background, −1 ignored) → the sample. Draws positives first, then negatives,
     * each without replacement by a partial Fisher–Yates shuffle over the candidates in index order.
     */
    public Sample sample(int[] labels, SplittableRandom rng) {
        if (labels == null || rng == null) {
            throw new IllegalArgumentException("sample: " + (labels == null ? "labels" : "rng") + " must not be null");
        }
        int[] pos = indicesOf(labels, 1);
        int[] neg = indicesOf(labels, 0);
        int numPos = Math.min((int) (config.batchSizePerImage() * config.positiveFraction()), pos.length);
        int numNeg = Math.min(config.batchSizePerImage() - numPos, neg.length);
        return new Sample(draw(pos, numPos, rng), draw(neg, numNeg, rng));
    }

    private static int[] indicesOf(int[] labels, int wanted) {
        int count = 0;
        for (int i = 0; i < labels.length; i++) {
            int l = labels[i];
            if (l != 1 && l != 0 && l != -1) {
                throw new IllegalArgumentException("sample: labels[" + i + "] = " + l + " is not 1, 0 or -1");
            }
            count += l == wanted ? 1 : 0;
        }
        int[] out = new int[count];
        int k = 0;
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] == wanted) {
                out[k++] = i;
            }
        }
        return out;
    }

    /** k of the candidates without replacement, ascending. All of them (no draw) when k equals their count. */
    private static int[] draw(int[] candidates, int k, SplittableRandom rng) {
        if (k == candidates.length) {
            return candidates;
        }
        int[] c = candidates.clone();
        for (int i = 0; i < k; i++) {
            int j = i + rng.nextInt(c.length - i);
            int t = c[i];
            c[i] = c[j];
            c[j] = t;
        }
        int[] out = Arrays.copyOf(c, k);
        Arrays.sort(out);
        return out;
    }
}
