package org.sgae.eval;

import java.util.Arrays;

/**
 * One image's relation recall (eval-spec §5.1–5.3): how many GT triplets the first K ranked predictions hit, with
 * and without the graph constraint, in total and per predicate. Counts are exact; recalls are count / R in double.
 *
 * @param numGt       R, the GT triplets (duplicates kept)
 * @param numPairs    M, the predicted pairs
 * @param ks          the K values
 * @param hits        [K] GT triplets hit by the first K graph-constrained predictions (§5.1)
 * @param ngHits      [K] the same for the no-graph-constraint entries (§5.2)
 * @param gtPerPred   [numRelClasses] GT triplets per predicate
 * @param hitsPerPred [K][numRelClasses] hit GT triplets per predicate, graph-constrained
 * @param ngHitsPerPred [K][numRelClasses] the same without the constraint
 */
public record SgImageRecall(int numGt, int numPairs, int[] ks, int[] hits, int[] ngHits, int[] gtPerPred,
                            int[][] hitsPerPred, int[][] ngHitsPerPred) {

    /** R@ks[k] of this image: hits / R. */
    public double recall(int k) {
        return (double) hits[k] / numGt;
    }

    /** ng-R@ks[k] of this image. */
    public double ngRecall(int k) {
        return (double) ngHits[k] / numGt;
    }

    /**
     * Scores one image. {@code pred} must already hold what the mode evaluates (see {@link SgEvaluator#effective});
     * gt must have R ≥ 1. M = 0 gives zero hits.
     */
    static SgImageRecall of(SgMode mode, SgGt gt, SgPrediction pred, int numRelClasses, int[] ks) {
        int maxK = Arrays.stream(ks).max().orElse(0);
        int r = gt.numRels();
        int[] gtPerPred = new int[numRelClasses];
        for (int g = 0; g < r; g++) {
            gtPerPred[gt.rels()[3 * g + 2]]++;
        }
        Matcher matcher = new Matcher(mode, gt, pred);
        int m = pred.numPairs();
        int preds = numRelClasses - 1;
        int[] pairs = pred.relPairs();
        int[] argmax = new int[m];
        long[] ranked = SgRanking.smallest(graphKeys(pred, numRelClasses, argmax), m, maxK);
        int[][] gc = matcher.count(ranked, ks, numRelClasses, (key) -> {
            int i = SgRanking.index(key);
            return new int[] {pairs[2 * i], pairs[2 * i + 1], argmax[i]};
        });
        long[] ngRanked = SgRanking.smallest(ngKeys(pred, numRelClasses), m * preds,
                Math.min(SgEvaluator.NG_KEEP, maxK));
        int[][] ng = matcher.count(ngRanked, ks, numRelClasses, (key) -> {
            int flat = SgRanking.index(key);
            int i = flat / preds;
            return new int[] {pairs[2 * i], pairs[2 * i + 1], flat % preds + 1};
        });
        int nk = ks.length;
        return new SgImageRecall(r, m, ks.clone(), Arrays.copyOf(gc[nk], nk), Arrays.copyOf(ng[nk], nk), gtPerPred,
                Arrays.copyOf(gc, nk), Arrays.copyOf(ng, nk));
    }

    /**
     * §5.1 steps 3–5: each pair's predicate 1 + argmax over c ≥ 1 (lowest c on ties), written to argmax[M], and
     * its ranking key for t = (s_sub · p) · s_obj in float32, ties by lower pair index. Returns [M] keys.
     */
    static long[] graphKeys(SgPrediction pred, int numRelClasses, int[] argmax) {
        int m = pred.numPairs();
        float[] rs = pred.relScores();
        float[] sc = pred.scores();
        int[] pairs = pred.relPairs();
        long[] keys = new long[m];
        for (int i = 0; i < m; i++) {
            int row = i * numRelClasses;
            int best = 1;
            for (int c = 2; c < numRelClasses; c++) {
                if (rs[row + c] > rs[row + best]) {
                    best = c;
                }
            }
            argmax[i] = best;
            float t = (sc[pairs[2 * i]] * rs[row + best]) * sc[pairs[2 * i + 1]];
            keys[i] = SgRanking.key(t, i);
        }
        return keys;
    }

    /**
     * §5.2 step 1–2: the keys of every (pair, predicate c ≥ 1) entry for u = (s_sub · s_obj) · score in float32, ties
     * by the lower flat index m·(C−1) + (c − 1). Returns [M·(C−1)] keys.
     */
    static long[] ngKeys(SgPrediction pred, int numRelClasses) {
        int m = pred.numPairs();
        int preds = numRelClasses - 1;
        float[] rs = pred.relScores();
        float[] sc = pred.scores();
        int[] pairs = pred.relPairs();
        long[] keys = new long[m * preds];
        for (int i = 0; i < m; i++) {
            float so = sc[pairs[2 * i]] * sc[pairs[2 * i + 1]];
            int row = i * numRelClasses;
            for (int c = 1; c < numRelClasses; c++) {
                int flat = i * preds + (c - 1);
                keys[flat] = SgRanking.key(so * rs[row + c], flat);
            }
        }
        return keys;
    }

    /**
     * [M] whether pair m is in the graph-constrained top-k or has an entry in the no-graph-constraint top-k (the
     * dump's truncation rule, eval-spec §8), with the scores as given.
     */
    static boolean[] topPairs(SgPrediction pred, int numRelClasses, int k) {
        int m = pred.numPairs();
        int preds = numRelClasses - 1;
        boolean[] keep = new boolean[m];
        for (long key : SgRanking.smallest(graphKeys(pred, numRelClasses, new int[m]), m, k)) {
            keep[SgRanking.index(key)] = true;
        }
        for (long key : SgRanking.smallest(ngKeys(pred, numRelClasses), m * preds, k)) {
            keep[SgRanking.index(key) / preds] = true;
        }
        return keep;
    }

    /** Decodes a ranked key into (subject, object, predicate). */
    private interface Triplet {
        int[] of(long key);
    }

    /** The box and label tests of §2 for one image, with the per-object IoU ≥ 0.5 table computed once. */
    private static final class Matcher {
        private final SgMode mode;
        private final SgGt gt;
        private final SgPrediction pred;
        private final boolean[] overlap; // [N·G] IoU(pred n, gt g) ≥ 0.5, not used by PhrDet
        private final float[] a = new float[4];
        private final float[] b = new float[4];

        Matcher(SgMode mode, SgGt gt, SgPrediction pred) {
            this.mode = mode;
            this.gt = gt;
            this.pred = pred;
            int n = pred.numObjects();
            int g = gt.numObjects();
            overlap = new boolean[mode == SgMode.PHRDET ? 0 : n * g];
            if (mode != SgMode.PHRDET) {
                for (int i = 0; i < n; i++) {
                    for (int j = 0; j < g; j++) {
                        overlap[i * g + j] = BoxIou.iou(pred.boxes(), i, gt.boxes(), j) >= 0.5f;
                    }
                }
            }
        }

        /** Whether prediction (s, o, p) hits GT triplet k (labels, predicate, then the box test). */
        boolean hits(int s, int o, int p, int k) {
            int[] r = gt.rels();
            int gs = r[3 * k];
            int go = r[3 * k + 1];
            if (r[3 * k + 2] != p || pred.labels()[s] != gt.labels()[gs] || pred.labels()[o] != gt.labels()[go]) {
                return false;
            }
            if (mode == SgMode.PHRDET) {
                BoxIou.union(pred.boxes(), s, o, a, 0);
                BoxIou.union(gt.boxes(), gs, go, b, 0);
                return BoxIou.iou(a, 0, b, 0) >= 0.5f;
            }
            int g = gt.numObjects();
            return overlap[s * g + gs] && overlap[o * g + go];
        }

        /**
         * Goes through the ranked entries; returns [K + 1][...]: rows 0..K−1 the hits per predicate after the first
         * ks[k] entries (all of them when fewer), row K the total hits per K. Matching is not one-to-one (§5.1 step 6).
         */
        int[][] count(long[] ranked, int[] ks, int numRelClasses, Triplet decode) {
            int r = gt.numRels();
            boolean[] hit = new boolean[r];
            int[] perPred = new int[numRelClasses];
            int total = 0;
            int nk = ks.length;
            int[][] out = new int[nk + 1][];
            out[nk] = new int[nk];
            int done = 0;
            for (int k = 0; k < nk; k++) {
                int upto = Math.min(ks[k], ranked.length);
                for (; done < upto; done++) {
                    int[] t = decode.of(ranked[done]);
                    for (int g = 0; g < r; g++) {
                        if (!hit[g] && hits(t[0], t[1], t[2], g)) {
                            hit[g] = true;
                            perPred[gt.rels()[3 * g + 2]]++;
                            total++;
                        }
                    }
                }
                out[k] = perPred.clone();
                out[nk][k] = total;
            }
            return out;
        }
    }
}
