package org.sgae.eval;

import java.util.Arrays;

/**
 * The scene-graph relation evaluator of eval-spec §5: R@K, ng-R@K, mR@K and ng-mR@K of one mode, accumulated image
 * by image ({@link #add}) and averaged over the evaluated images ({@link #result}, §5.4), with the counters of §5.5.
 * Plain arrays, no tensors. Not thread-safe.
 */
public final class SgEvaluator {
    /** The reported K values. */
    public static final int[] KS = {20, 50, 100};
    /** ng-R@K keeps the first 100 (pair, predicate) entries per image (§5.2 step 2). */
    public static final int NG_KEEP = 100;

    private final SgMode mode;
    private final int numObjClasses;
    private final int numRelClasses;
    private final boolean sgbSkipEmpty;
    private final int[] ks;
    private final double[] sumRecall;
    private final double[] sumNgRecall;
    private final double[][] sumPerPred; // [K][C] sums of per-image recall_c
    private final double[][] sumNgPerPred;
    private final int[] imagesPerPred; // [C] images whose GT holds predicate c (the length of list_c)
    private long imagesSeen;
    private long evaluated;
    private long skippedNoGt;
    private long emptyPredictions;
    private long gtTriplets;
    private long sumPairs;

    /**
     * @param numObjClasses object classes including background 0 (151 for VG150)
     * @param numRelClasses relation classes including background 0 (51 for VG150): relScores' row length
     * @param sgbSkipEmpty  skip images with GT but no predicted pair, as SGB does, instead of counting recall 0 (§5.1)
     */
    public SgEvaluator(SgMode mode, int numObjClasses, int numRelClasses, boolean sgbSkipEmpty) {
        this(mode, numObjClasses, numRelClasses, sgbSkipEmpty, KS);
    }

    /** With other K values (ascending, ≥ 1); the worked examples of eval-spec §9 use K = 1, 2, 5. */
    public SgEvaluator(SgMode mode, int numObjClasses, int numRelClasses, boolean sgbSkipEmpty, int[] ks) {
        if (numRelClasses < 2 || numObjClasses < 2) {
            throw new IllegalArgumentException("sg_eval: need at least one object and one predicate class besides"
                    + " background, got numObjClasses " + numObjClasses + ", numRelClasses " + numRelClasses);
        }
        for (int k = 0; k < ks.length; k++) {
            if (ks[k] < 1 || (k > 0 && ks[k] <= ks[k - 1])) {
                throw new IllegalArgumentException("sg_eval: K values must be ascending and >= 1, got "
                        + Arrays.toString(ks));
            }
        }
        this.mode = mode;
        this.numObjClasses = numObjClasses;
        this.numRelClasses = numRelClasses;
        this.sgbSkipEmpty = sgbSkipEmpty;
        this.ks = ks.clone();
        sumRecall = new double[ks.length];
        sumNgRecall = new double[ks.length];
        sumPerPred = new double[ks.length][numRelClasses];
        sumNgPerPred = new double[ks.length][numRelClasses];
        imagesPerPred = new int[numRelClasses];
    }

    public SgMode mode() {
        return mode;
    }

    /**
     * Adds one image (in split order). Validates both inputs (one message naming image and field), applies the
     * substitution rules of §2 and the skip rules of §5.1. Returns the image's counts, or null when it is skipped.
     *
     * @param where names the image in error messages, e.g. "image 12 (id 2343728)"
     */
    public SgImageRecall add(String where, SgGt gt, SgPrediction pred) {
        imagesSeen++;
        gt.validate(where, numObjClasses, numRelClasses);
        SgPrediction p = effective(mode, gt, pred, where);
        p.validate(where, numObjClasses, numRelClasses);
        if (gt.numRels() == 0) {
            skippedNoGt++;
            return null;
        }
        if (p.numPairs() == 0) {
            emptyPredictions++;
            if (sgbSkipEmpty) {
                return null;
            }
        }
        SgImageRecall r = SgImageRecall.of(mode, gt, p, numRelClasses, ks);
        evaluated++;
        gtTriplets += r.numGt();
        sumPairs += r.numPairs();
        for (int k = 0; k < ks.length; k++) {
            sumRecall[k] += r.recall(k);
            sumNgRecall[k] += r.ngRecall(k);
        }
        for (int c = 1; c < numRelClasses; c++) {
            int n = r.gtPerPred()[c];
            if (n == 0) {
                continue;
            }
            imagesPerPred[c]++;
            for (int k = 0; k < ks.length; k++) {
                sumPerPred[k][c] += (double) r.hitsPerPred()[k][c] / n;
                sumNgPerPred[k][c] += (double) r.ngHitsPerPred()[k][c] / n;
            }
        }
        return r;
    }

    /**
     * The prediction as mode scores it (§2): PredCls takes the GT boxes, labels and scores 1; SGCls the GT boxes and
     * needs exactly G objects; SGGen and PhrDet take the prediction as it is.
     */
    static SgPrediction effective(SgMode mode, SgGt gt, SgPrediction pred, String where) {
        if (!mode.gtBoxes()) {
            return pred;
        }
        int g = gt.numObjects();
        if (pred.labels() != null && pred.labels().length != g && (mode == SgMode.SGCLS
                || pred.labels().length != 0)) {
            throw new IllegalArgumentException(where + ": " + mode.title() + " needs exactly the " + g
                    + " GT objects in GT order, the prediction has " + pred.labels().length);
        }
        float[] scores = pred.scores();
        int[] labels = pred.labels();
        if (mode == SgMode.PREDCLS) {
            scores = new float[g];
            Arrays.fill(scores, 1f);
            labels = gt.labels();
        }
        return new SgPrediction(gt.boxes(), labels, scores, pred.relPairs(), pred.relScores());
    }

    /** The dataset values so far (§5.4): means over the evaluated images, and the counters of §5.5. */
    public SgResult result() {
        int nk = ks.length;
        double[] recall = new double[nk];
        double[] ngRecall = new double[nk];
        double[] mr = new double[nk];
        double[] ngMr = new double[nk];
        double[][] perPred = new double[nk][numRelClasses];
        double[][] ngPerPred = new double[nk][numRelClasses];
        int preds = numRelClasses - 1;
        for (int k = 0; k < nk; k++) {
            recall[k] = evaluated == 0 ? 0 : sumRecall[k] / evaluated;
            ngRecall[k] = evaluated == 0 ? 0 : sumNgRecall[k] / evaluated;
            double s = 0;
            double ng = 0;
            for (int c = 1; c < numRelClasses; c++) {
                // An empty list_c contributes 0 and still counts among the classes (§5.3).
                perPred[k][c] = imagesPerPred[c] == 0 ? 0 : sumPerPred[k][c] / imagesPerPred[c];
                ngPerPred[k][c] = imagesPerPred[c] == 0 ? 0 : sumNgPerPred[k][c] / imagesPerPred[c];
                s += perPred[k][c];
                ng += ngPerPred[k][c];
            }
            mr[k] = s / preds;
            ngMr[k] = ng / preds;
        }
        SgResult.Counters counters = new SgResult.Counters(imagesSeen, evaluated, skippedNoGt, emptyPredictions,
                gtTriplets, evaluated == 0 ? 0 : (double) sumPairs / evaluated);
        return new SgResult(mode, ks.clone(), sgbSkipEmpty, recall, ngRecall, mr, ngMr, perPred, ngPerPred,
                imagesPerPred.clone(), counters);
    }
}
