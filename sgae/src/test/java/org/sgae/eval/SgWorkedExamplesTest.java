package org.sgae.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.sgae.eval.SgEvalFixtures.HAT;
import static org.sgae.eval.SgEvalFixtures.HORSE;
import static org.sgae.eval.SgEvalFixtures.NEAR;
import static org.sgae.eval.SgEvalFixtures.OBJ;
import static org.sgae.eval.SgEvalFixtures.ON;
import static org.sgae.eval.SgEvalFixtures.PERSON;
import static org.sgae.eval.SgEvalFixtures.REL;
import static org.sgae.eval.SgEvalFixtures.RIDING;
import static org.sgae.eval.SgEvalFixtures.WEARING;
import static org.sgae.eval.SgEvalFixtures.evaluator;
import static org.sgae.eval.SgEvalFixtures.f;
import static org.sgae.eval.SgEvalFixtures.i;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Worked examples A–D of eval-spec §9 with the exact rationals they state (example E, detector AP, is in
 * DetectionApTest; F, image metrics, in ImageMetricsTest). K = 1, 2, 5 (or 1, 2, 3) as the examples use.
 */
class SgWorkedExamplesTest {
    // ---- A. SGGen vs PhrDet ----
    private static final SgGt A_GT = new SgGt(f(100, 50, 199, 249, 80, 150, 279, 349, 130, 40, 169, 79),
            i(PERSON, HORSE, HAT), i(0, 1, RIDING, 0, 2, WEARING, 2, 0, ON));
    private static final SgPrediction A_PRED = new SgPrediction(
            f(102, 52, 201, 251, 80, 150, 279, 349, 150, 60, 189, 99), i(PERSON, HORSE, HAT), f(0.9, 0.8, 0.6),
            i(0, 1, 0, 2, 2, 0, 1, 0, 1, 2),
            f(.1, .1, 0, .2, .6,
              .2, .1, .5, .2, 0,
              .3, .6, 0, .1, 0,
              .5, .1, 0, .4, 0,
              .6, 0, 0, .4, 0));

    @Test
    void exampleATripletScoresRankAndIous() {
        int[] argmax = new int[5];
        long[] keys = SgImageRecall.graphKeys(A_PRED, REL, argmax);
        assertArrayEquals(i(RIDING, WEARING, ON, NEAR, NEAR), argmax);
        long[] ranked = SgRanking.smallest(keys, 5, 5);
        assertArrayEquals(i(0, 2, 3, 1, 4), Arrays.stream(ranked).mapToInt(k -> SgRanking.index(k)).toArray());
        // The §5.1 and §5.2 associations differ for m2: (0.6·0.6)·0.9 = 0.324 but (0.6·0.9)·0.6 = 0.32400003.
        assertEquals(0.324f, (0.6f * 0.6f) * 0.9f);
        assertEquals(0.32400003f, (0.6f * 0.9f) * 0.6f);
        assertEquals(19404f / 20596f, BoxIou.iou(A_PRED.boxes(), 0, A_GT.boxes(), 0));
        assertEquals(1f, BoxIou.iou(A_PRED.boxes(), 1, A_GT.boxes(), 1));
        assertEquals(400f / 2800f, BoxIou.iou(A_PRED.boxes(), 2, A_GT.boxes(), 2));
        float[] u = new float[8];
        BoxIou.union(A_GT.boxes(), 0, 2, u, 0);
        BoxIou.union(A_PRED.boxes(), 0, 2, u, 1);
        assertArrayEquals(f(100, 40, 199, 249, 102, 52, 201, 251), u);
        assertEquals(0.8985, BoxIou.iou(u, 0, u, 1), 5e-5);
    }

    @Test
    void exampleASgGenMissesTheHatPhrDetHitsItThroughTheUnionBox() {
        SgEvaluator sggen = evaluator(SgMode.SGGEN, false, 1, 2, 5);
        sggen.add("A", A_GT, A_PRED);
        SgResult g = sggen.result();
        assertArrayEquals(new double[] {1.0 / 3, 1.0 / 3, 1.0 / 3}, g.recall());
        assertArrayEquals(new double[] {1.0 / 3, 1.0 / 3, 1.0 / 3}, g.ngRecall());

        SgEvaluator phr = evaluator(SgMode.PHRDET, false, 1, 2, 5);
        phr.add("A", A_GT, A_PRED);
        SgResult p = phr.result();
        assertArrayEquals(new double[] {1.0 / 3, 2.0 / 3, 1.0}, p.recall());
        assertArrayEquals(new double[] {1.0 / 3, 2.0 / 3, 1.0}, p.ngRecall());
    }

    // ---- B. Duplicate GT triplet and a tie (PredCls) ----
    private static final SgGt B_GT = new SgGt(f(0, 0, 99, 99, 50, 50, 149, 149), i(PERSON, HORSE),
            i(0, 1, ON, 0, 1, ON, 0, 1, NEAR));

    private static SgPrediction bPred(boolean swapped) {
        float[] m0 = f(.1, .5, 0, .4, 0);
        float[] m1 = f(.5, 0, 0, .5, 0);
        float[] rows = new float[10];
        System.arraycopy(swapped ? m1 : m0, 0, rows, 0, 5);
        System.arraycopy(swapped ? m0 : m1, 0, rows, 5, 5);
        // PredCls: the evaluator substitutes GT labels and scores 1, whatever the prediction says.
        return new SgPrediction(f(0, 0, 1, 1, 0, 0, 1, 1), i(HAT, HAT), f(0.1, 0.2),
                swapped ? i(1, 0, 0, 1) : i(0, 1, 1, 0), rows);
    }

    @Test
    void exampleBDuplicatesBothHitAndTheTieGoesToTheLowerIndex() {
        SgEvaluator ev = evaluator(SgMode.PREDCLS, false, 1, 2, 3);
        ev.add("B", B_GT, bPred(false));
        SgResult r = ev.result();
        assertArrayEquals(new double[] {2.0 / 3, 2.0 / 3, 2.0 / 3}, r.recall());
        assertArrayEquals(new double[] {2.0 / 3, 2.0 / 3, 1.0}, r.ngRecall());

        // Had the tie gone to m1 (here: m1 listed first), R@1 would be 0.
        SgEvaluator swapped = evaluator(SgMode.PREDCLS, false, 1, 2, 3);
        swapped.add("B swapped", B_GT, bPred(true));
        assertEquals(0.0, swapped.result().recall()[0]);
        assertEquals(2.0 / 3, swapped.result().recall()[1]);
    }

    // ---- C. Near-miss IoU and the +1 convention (SGGen) ----
    private static double exampleC(float subY2) {
        SgGt gt = new SgGt(f(0, 0, 99, 99, 200, 0, 299, 99), i(PERSON, HORSE), i(0, 1, ON));
        SgPrediction p = new SgPrediction(f(0, 0, 99, subY2, 200, 0, 299, 99), i(PERSON, HORSE), f(0.9, 0.9),
                i(0, 1), f(0, .7, .1, .1, .1));
        SgEvaluator ev = evaluator(SgMode.SGGEN, false, 1);
        ev.add("C", gt, p);
        return ev.result().recall()[0];
    }

    @Test
    void exampleCPlusOneIou() {
        assertEquals(0.49f, BoxIou.iou(f(0, 0, 99, 99), 0, f(0, 0, 99, 48), 0));
        assertEquals(0.5f, BoxIou.iou(f(0, 0, 99, 99), 0, f(0, 0, 99, 49), 0)); // exact in float32
        assertEquals(0.0, exampleC(48));
        assertEquals(1.0, exampleC(49));
    }

    // ---- D. Aggregation, skip rules, mR ----
    /**
     * The four images of D in PredCls with disjoint boxes (so a pair hits only its own GT objects): image 1 GT on, on,
     * wearing, riding with on (1 of 2), wearing, riding matched; image 2 on, near with on matched; image 3 no GT;
     * image 4 riding with no prediction.
     */
    private static void feedD(SgEvaluator ev) {
        feedD(ev, REL);
    }

    private static void feedD(SgEvaluator ev, int width) {
        float[] boxes5 = f(0, 0, 9, 9, 20, 0, 29, 9, 40, 0, 49, 9, 60, 0, 69, 9, 80, 0, 89, 9);
        int[] labels5 = i(PERSON, HORSE, HAT, PERSON, HORSE);
        SgGt g1 = new SgGt(boxes5, labels5, i(0, 1, ON, 3, 4, ON, 0, 2, WEARING, 3, 1, RIDING));
        SgPrediction p1 = new SgPrediction(boxes5, labels5, f(1, 1, 1, 1, 1), i(0, 1, 0, 2, 3, 1),
                widen(f(0, .9, 0, 0, 0, 0, 0, .8, 0, 0, 0, 0, 0, 0, .7), width));
        float[] boxes2 = Arrays.copyOf(boxes5, 8);
        int[] labels2 = i(PERSON, HORSE);
        SgGt g2 = new SgGt(boxes2, labels2, i(0, 1, ON, 1, 0, NEAR));
        SgPrediction p2 = new SgPrediction(boxes2, labels2, f(1, 1), i(0, 1), widen(f(0, .9, 0, 0, 0), width));
        SgGt g3 = new SgGt(boxes2, labels2, i());
        SgPrediction p3 = new SgPrediction(boxes2, labels2, f(1, 1), i(0, 1), widen(f(0, .9, 0, 0, 0), width));
        SgGt g4 = new SgGt(boxes2, labels2, i(0, 1, RIDING));
        SgPrediction p4 = new SgPrediction(boxes2, labels2, f(1, 1), i(), f());
        ev.add("D1", g1, p1);
        ev.add("D2", g2, p2);
        ev.add("D3", g3, p3);
        ev.add("D4", g4, p4);
    }

    @Test
    void exampleDOursCountsEmptyPredictionsAsZero() {
        SgEvaluator ev = new SgEvaluator(SgMode.PREDCLS, OBJ, REL, false, new int[] {20});
        feedD(ev);
        SgResult r = ev.result();
        assertEquals((0.75 + 0.5 + 0) / 3, r.recall()[0]);
        assertEquals(0.416667, r.recall()[0], 5e-7);
        assertEquals(0.5625, r.meanRecall()[0]); // (0.75 + 1 + 0 + 0.5) / 4
        assertArrayEquals(new double[] {0, 0.75, 1, 0, 0.5}, r.perPredicate()[0]);
        assertArrayEquals(i(0, 2, 1, 1, 2), r.imagesPerPredicate());
        assertEquals(new SgResult.Counters(4, 3, 1, 1, 7, (3 + 1 + 0) / 3.0), r.counters());
    }

    @Test
    void exampleDSgbCompatSkipsEmptyPredictions() {
        SgEvaluator ev = new SgEvaluator(SgMode.PREDCLS, OBJ, REL, true, new int[] {20});
        feedD(ev);
        SgResult r = ev.result();
        assertEquals(0.625, r.recall()[0]); // (3/4 + 1/2) / 2
        assertEquals(0.6875, r.meanRecall()[0]); // riding: mean(1) = 1
        assertEquals(new SgResult.Counters(4, 2, 1, 1, 6, 2.0), r.counters());
    }

    @Test
    void exampleDWithFiftyPredicatesUnseenClassesAddZeros() {
        SgEvaluator ev = new SgEvaluator(SgMode.PREDCLS, OBJ, 51, false, new int[] {20});
        feedD(ev, 51);
        assertEquals(2.25 / 50, ev.result().meanRecall()[0]);
        assertEquals(0.045, ev.result().meanRecall()[0], 1e-15);
    }

    /** Rows of REL columns widened to {@code width} columns with zeros. */
    private static float[] widen(float[] rows, int width) {
        int m = rows.length / REL;
        float[] out = new float[m * width];
        for (int k = 0; k < m; k++) {
            System.arraycopy(rows, k * REL, out, k * width, REL);
        }
        return out;
    }
}
