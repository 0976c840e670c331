package org.sgae.eval;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Bad evaluator input is one IllegalArgumentException naming the image and the field (item 1 of the evaluator). */
class SgValidationTest {
    private static final int OBJ = 4;
    private static final int REL = 5;
    private static final float[] BOXES = {0, 0, 9, 9, 20, 0, 29, 9};
    private static final SgGt GT = new SgGt(BOXES, new int[] {1, 2}, new int[] {0, 1, 1});

    private static SgPrediction pred(float[] boxes, int[] labels, float[] scores, int[] pairs, float[] rs) {
        return new SgPrediction(boxes, labels, scores, pairs, rs);
    }

    private static SgPrediction good() {
        return pred(BOXES, new int[] {1, 2}, new float[] {1, 1}, new int[] {0, 1}, new float[REL]);
    }

    private static void assertRefused(SgMode mode, SgGt gt, SgPrediction p, String... parts) {
        SgEvaluator ev = new SgEvaluator(mode, OBJ, REL, false);
        String m = assertThrows(IllegalArgumentException.class, () -> ev.add("image 7", gt, p)).getMessage();
        assertFalse(m.contains("\n"), m);
        assertTrue(m.startsWith("image 7: "), m);
        for (String s : parts) {
            assertTrue(m.contains(s), "'" + s + "' in: " + m);
        }
    }

    @Test
    void predictionFields() {
        assertRefused(SgMode.SGGEN, GT, pred(new float[] {0, 0, 9, 9, 30, 0, 29, 9}, new int[] {1, 2},
                new float[] {1, 1}, new int[] {0, 1}, new float[REL]), "boxes box 1", "x2 < x1");
        assertRefused(SgMode.SGGEN, GT, pred(BOXES, new int[] {1, 4}, new float[] {1, 1}, new int[] {0, 1},
                new float[REL]), "labels[1] = 4", "outside 1..3");
        assertRefused(SgMode.SGGEN, GT, pred(BOXES, new int[] {1, 2}, new float[] {1, 1}, new int[] {0, 2},
                new float[REL]), "relPairs row 0 = [0, 2]", "outside 0..1");
        assertRefused(SgMode.SGGEN, GT, pred(BOXES, new int[] {1, 2}, new float[] {1, 1}, new int[] {1, 1},
                new float[REL]), "relPairs row 0 = [1, 1]", "itself");
        assertRefused(SgMode.SGGEN, GT, pred(BOXES, new int[] {1, 2}, new float[] {1, 1}, new int[] {0, 1},
                new float[REL - 1]), "relScores has 4 values, expected 1 pairs x 5");
        assertRefused(SgMode.SGGEN, GT, pred(BOXES, new int[] {1, 2}, new float[] {1}, new int[] {0, 1},
                new float[REL]), "scores has 1 entries for 2 objects");
        assertRefused(SgMode.SGGEN, GT, pred(new float[7], new int[] {1, 2}, new float[] {1, 1}, new int[] {0, 1},
                new float[REL]), "boxes has 7 values, expected 2 objects x 4");
        float[] nan = new float[REL];
        nan[2] = Float.NaN;
        assertRefused(SgMode.SGGEN, GT, pred(BOXES, new int[] {1, 2}, new float[] {1, 1}, new int[] {0, 1}, nan),
                "relScores[2] = NaN");
    }

    @Test
    void gtFieldsAndSgClsObjectCount() {
        assertRefused(SgMode.PREDCLS, new SgGt(BOXES, new int[] {1, 2}, new int[] {0, 2, 1}), good(), "gt.rels",
                "row 0 = [0, 2, 1]");
        assertRefused(SgMode.PREDCLS, new SgGt(BOXES, new int[] {1, 2}, new int[] {0, 1, 5}), good(), "gt.rels",
                "predicate 5 outside 1..4");
        assertRefused(SgMode.PREDCLS, new SgGt(BOXES, new int[] {0, 2}, new int[] {0, 1, 1}), good(),
                "gt.labels[0] = 0");
        assertRefused(SgMode.PREDCLS, new SgGt(new float[] {0, 9, 9, 0, 20, 0, 29, 9}, new int[] {1, 2},
                new int[] {0, 1, 1}), good(), "gt.boxes box 0", "y2 < y1");
        assertRefused(SgMode.SGCLS, GT, pred(new float[12], new int[] {1, 2, 3}, new float[] {1, 1, 1},
                new int[] {0, 1}, new float[REL]), "SGCls needs exactly the 2 GT objects", "has 3");
    }

    @Test
    void imagesWithoutGtAreCountedNotScored() {
        SgEvaluator ev = new SgEvaluator(SgMode.SGGEN, OBJ, REL, false);
        assertNull(ev.add("empty", new SgGt(BOXES, new int[] {1, 2}, new int[0]), good()));
        assertTrue(ev.result().counters().skippedNoGt() == 1 && ev.result().counters().evaluated() == 0);
    }
}
