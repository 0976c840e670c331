package org.sgae.eval;

import org.sgae.data.vg.FrequencyStats;

/**
 * neural-motifs' FREQ baseline (models/eval_rel_count.py, MOST_COMMON_MODE): a pair's relation scores are the
 * training statistics' predicate distribution given its subject and object labels, with nothing from the image.
 * As motifs does it: normalised counts, not a softmax of the log prior. Per label pair (s, o), in float32:
 * <pre>
 *   row[0] = bg[s,o] + 1,  row[c] = fg[s,o,c] (c ≥ 1),  relScores = row / Σ row     ([numRelClasses])
 * </pre>
 * The background column is kept in the scores (the evaluator never ranks it: §5.1 takes c ≥ 1); motifs zeroes it
 * before ranking, which gives the same recall. Pairs whose label pair never carried a relation in train (every
 * c ≥ 1 score 0) are dropped, as motifs drops pairs of score 0.
 */
public final class FreqPredictor {
    private final int numObj;
    private final int numRel;
    private final float[] dist; // [C·C·P]
    private final boolean[] seen; // [C·C] Σ_c≥1 fg > 0

    /** From the train split's statistics ({@link FrequencyStats#compute}, duplicates included, as SGB and motifs). */
    public FreqPredictor(FrequencyStats train) {
        numObj = train.numObjectClasses();
        numRel = train.numPredicateClasses();
        dist = new float[numObj * numObj * numRel];
        seen = new boolean[numObj * numObj];
        for (int so = 0; so < numObj * numObj; so++) {
            // Counts stay far below 2^24, so the float32 sum is exact in any order (numpy's float32 sum included).
            float sum = train.bg()[so] + 1f;
            long fg = 0;
            for (int c = 1; c < numRel; c++) {
                sum += train.fg()[so * numRel + c];
                fg += train.fg()[so * numRel + c];
            }
            seen[so] = fg > 0;
            dist[so * numRel] = (train.bg()[so] + 1f) / sum;
            for (int c = 1; c < numRel; c++) {
                dist[so * numRel + c] = (float) train.fg()[so * numRel + c] / sum;
            }
        }
    }

    /**
     * FREQ from the train split of the VG-layout data in {@code data} (the first {@code numValIm} train images held out,
     * as training does: 0 for the synthetic world, 5000 for VG).
     */
    public static FreqPredictor fromTrainSplit(java.nio.file.Path data, int numValIm) {
        org.sgae.data.vg.VgConfig train = org.sgae.data.vg.VgConfig.of(data, org.sgae.data.vg.VgSplit.TRAIN)
                .withNumValIm(numValIm);
        return new FreqPredictor(FrequencyStats.compute(org.sgae.data.vg.VgDataset.open(train)));
    }

    public int numRelClasses() {
        return numRel;
    }

    /** The [numRelClasses] scores of label pair (s, o), a copy. */
    public float[] distribution(int subjectLabel, int objectLabel) {
        int so = subjectLabel * numObj + objectLabel;
        return java.util.Arrays.copyOfRange(dist, so * numRel, (so + 1) * numRel);
    }

    /** Whether train saw a relation between these labels (otherwise FREQ predicts no pair for them). */
    public boolean seen(int subjectLabel, int objectLabel) {
        return seen[subjectLabel * numObj + objectLabel];
    }

    /**
     * FREQ in PredCls, needing no model: the GT objects with scores 1 and every ordered pair (s ≠ o) in row-major
     * order whose label pair train has seen, scored by {@link #distribution}.
     */
    public SgPrediction predCls(SgGt gt) {
        int g = gt.numObjects();
        int[] pairs = new int[2 * g * Math.max(0, g - 1)];
        int m = 0;
        for (int s = 0; s < g; s++) {
            for (int o = 0; o < g; o++) {
                if (s != o) {
                    pairs[2 * m] = s;
                    pairs[2 * m + 1] = o;
                    m++;
                }
            }
        }
        float[] ones = new float[g];
        java.util.Arrays.fill(ones, 1f);
        return replaceRelScores(new SgPrediction(gt.boxes(), gt.labels(), ones, pairs, new float[m * numRel]));
    }

    /**
     * FREQ on a model's objects: the same boxes, labels, scores and pairs (in the model's order), the relation scores
     * replaced by the label-pair distribution; pairs with an unseen label pair are dropped. Gives the SGCls and
     * SGGen FREQ rows from the model's sgcls and sgdet predictions.
     */
    public SgPrediction replaceRelScores(SgPrediction p) {
        int m = p.numPairs();
        int[] pairs = new int[2 * m];
        float[] rs = new float[m * numRel];
        int kept = 0;
        for (int i = 0; i < m; i++) {
            int s = p.relPairs()[2 * i];
            int o = p.relPairs()[2 * i + 1];
            int ls = p.labels()[s];
            int lo = p.labels()[o];
            if (ls < 0 || ls >= numObj || lo < 0 || lo >= numObj) {
                throw new IllegalArgumentException("freq: pair " + i + " has labels (" + ls + ", " + lo
                        + ") outside 0.." + (numObj - 1));
            }
            int so = ls * numObj + lo;
            if (!seen[so]) {
                continue;
            }
            pairs[2 * kept] = s;
            pairs[2 * kept + 1] = o;
            System.arraycopy(dist, so * numRel, rs, kept * numRel, numRel);
            kept++;
        }
        return new SgPrediction(p.boxes(), p.labels(), p.scores(), java.util.Arrays.copyOf(pairs, 2 * kept),
                java.util.Arrays.copyOf(rs, kept * numRel));
    }
}
