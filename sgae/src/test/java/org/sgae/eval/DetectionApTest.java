package org.sgae.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sgae.eval.DetectionAp.ImageDets;
import org.sgae.eval.DetectionAp.ImageGt;
import org.sgae.tensor.TensorAsserts;
import org.sgae.tensor.Tolerances;

/** Eval-spec §6 and worked example E (§9); the other cases are worked the same way by hand. */
class DetectionApTest {
    private static void assertAp(double expected, double actual, String name) {
        // The 2⁻⁵² in the precision's denominator moves the result by < 1e-15 (eval-spec §9 E).
        TensorAsserts.assertClose(new double[] {actual}, new double[] {expected}, Tolerances.F64_EXACTISH, name);
    }

    private static ImageGt gt(int label, float... boxes) {
        int[] labels = new int[boxes.length / 4];
        java.util.Arrays.fill(labels, label);
        return new ImageGt(boxes, labels);
    }

    private static ImageDets dets(int label, double[] scores, float... boxes) {
        int[] labels = new int[scores.length];
        java.util.Arrays.fill(labels, label);
        return new ImageDets(boxes, scores, labels);
    }

    /** Example E: GT a1, a2 in image 1 and a3 in image 2; detections TP, FP, TP, TP by score. */
    private static List<ImageGt> exampleEGt() {
        return List.of(gt(1, 0, 0, 9, 9, 20, 20, 29, 29), gt(1, 0, 0, 9, 9));
    }

    private static List<ImageDets> exampleEDets() {
        return List.of(
                dets(1, new double[] {0.9, 0.7}, 0, 0, 9, 9, 20, 20, 29, 29),
                dets(1, new double[] {0.8, 0.6}, 50, 50, 59, 59, 0, 0, 9, 9));
    }

    @Test
    void workedExampleE() {
        // Recall 1/3, 1/3, 2/3, 1; precision 1, 1/2, 2/3, 3/4 → monotone 1, 3/4, 3/4, 3/4.
        // r = 0.00..0.33 (34 thresholds) → 1; r = 0.34..1.00 (67) → 0.75. AP = (34 + 67·0.75)/101.
        double expected = (34 + 67 * 0.75) / 101;
        assertAp(0.8341584158415842, expected, "the spec's decimal");
        DetectionAp.Result r = DetectionAp.evaluate(exampleEGt(), exampleEDets());
        assertAp(expected, r.ap50(), "AP50");
        // Every TP is an exact box: the same at all 10 IoU thresholds.
        assertAp(expected, r.ap(), "AP[.5:.95]");
        assertAp(expected, r.ap50PerClass().get(1), "AP50 of class 1");
    }

    @Test
    void classWithGtButNoDetectionsCountsZeroAndClassWithoutGtIsExcluded() {
        // Class 1 as in E; class 2 has one GT in image 1 and no detection (AP 0); class 3 has a detection but no
        // GT (excluded). Mean over classes {1, 2} = (E + 0)/2.
        ImageGt img1 = new ImageGt(new float[] {0, 0, 9, 9, 20, 20, 29, 29, 40, 40, 49, 49}, new int[] {1, 1, 2});
        ImageDets d1 = new ImageDets(new float[] {0, 0, 9, 9, 20, 20, 29, 29, 40, 40, 49, 49},
                new double[] {0.9, 0.7, 0.95}, new int[] {1, 1, 3});
        DetectionAp.Result r = DetectionAp.evaluate(List.of(img1, exampleEGt().get(1)),
                List.of(d1, exampleEDets().get(1)));
        double e = (34 + 67 * 0.75) / 101;
        assertEquals(List.of(1, 2), List.copyOf(r.ap50PerClass().keySet()));
        assertAp(0, r.ap50PerClass().get(2), "AP50 of class 2");
        assertAp(e / 2, r.ap50(), "AP50");
        assertAp(e / 2, r.ap(), "AP[.5:.95]");
    }

    @Test
    void duplicateDetectionOfOneGtIsAFalsePositive() {
        // GT g1 [0,0,9,9], g2 [20,0,29,9]. Detections: g1's box 0.9 (TP), g1's box again 0.8 (FP: g1 is taken),
        // g2's box 0.7 (TP). Recall 1/2, 1/2, 1; precision 1, 1/2, 2/3 → monotone 1, 2/3, 2/3.
        // r = 0.00..0.50 (51) → 1; r = 0.51..1.00 (50) → 2/3. AP = (51 + 50·2/3)/101 = 253/303.
        List<ImageGt> g = List.of(gt(1, 0, 0, 9, 9, 20, 0, 29, 9));
        List<ImageDets> d = List.of(dets(1, new double[] {0.9, 0.8, 0.7}, 0, 0, 9, 9, 0, 0, 9, 9, 20, 0, 29, 9));
        DetectionAp.Result r = DetectionAp.evaluate(g, d);
        assertAp(253.0 / 303, r.ap50(), "AP50");
        assertAp(253.0 / 303, r.ap(), "AP[.5:.95]");
    }

    @Test
    void apAveragesTheTenIouThresholds() {
        // One GT [0,0,9,9], one detection [0,0,8,7]: IoU 9·8/100 = 0.72, a TP at t = 0.50..0.70 (5 thresholds) and
        // an FP at 0.75..0.95 (5). AP per threshold 1 or 0: AP50 = 1, AP[.5:.95] = 5/10.
        DetectionAp.Result r = DetectionAp.evaluate(List.of(gt(1, 0, 0, 9, 9)),
                List.of(dets(1, new double[] {0.5}, 0, 0, 8, 7)));
        assertAp(1, r.ap50(), "AP50");
        assertAp(0.5, r.ap(), "AP[.5:.95]");
    }

    @Test
    void equalIouGoesToTheLaterGt() {
        // g0 [0,0,9,19], g1 [0,10,9,29] (200 px each). d1 [0,5,9,24] (0.9): 150/250 = 0.6 with both → takes g1,
        // the later one (pycocotools). d2 [0,0,9,14] (0.8): IoU 0.75 with g0, 50/300 with g1 → takes g0: TP.
        // Both TP: AP50 = 1. Had d1 taken g0, d2 would be an FP and AP50 = 51/101.
        DetectionAp.Result r = DetectionAp.evaluate(List.of(gt(1, 0, 0, 9, 19, 0, 10, 9, 29)),
                List.of(dets(1, new double[] {0.9, 0.8}, 0, 5, 9, 24, 0, 0, 9, 14)));
        assertAp(1, r.ap50(), "AP50");
    }

    @Test
    void maxDetsCutsEachImagesClassList() {
        // maxDets 1: only the best detection per image and class counts. Image 1 keeps its TP (0.9), image 2 its
        // FP (0.8): recall 1/3, 1/3, precision 1, 1/2. r = 0..0.33 (34) → 1; r ≥ 0.34 is never reached → 0.
        // AP = 34/101.
        DetectionAp.Result r = DetectionAp.evaluate(exampleEGt(), exampleEDets(), 1);
        assertAp(34.0 / 101, r.ap50(), "AP50");
    }

    @Test
    void badInputNamesTheArgument() {
        List<ImageGt> g = exampleEGt();
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> DetectionAp.evaluate(g, List.of(exampleEDets().get(0)))).getMessage()
                .contains("same images"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> DetectionAp.evaluate(g, List.of(dets(1, new double[] {0.5}, 5, 0, 4, 9), exampleEDets().get(1))))
                .getMessage().startsWith("dets[0].boxes: box 0 has x2 < x1"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> DetectionAp.evaluate(List.of(gt(1, 0, 0, Float.NaN, 9), g.get(1)), exampleEDets()))
                .getMessage().startsWith("gts[0].boxes: box 0 has a non-finite"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> DetectionAp.evaluate(g, List.of(dets(1, new double[] {Double.NaN}, 0, 0, 9, 9),
                        exampleEDets().get(1)))).getMessage().startsWith("dets[0].scores[0] is NaN"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> DetectionAp.evaluate(g, List.of(new ImageDets(new float[4], new double[2], new int[1]),
                        exampleEDets().get(1)))).getMessage().startsWith("dets[0].scores"));
    }
}
