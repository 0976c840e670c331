package org.sgae.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.sgae.data.vg.FrequencyStats;

/**
 * FREQ (neural-motifs eval_rel_count.py): normalised counts with bg + 1 in column 0, pairs of unseen label pairs
 * dropped. The hand-made set is data's FreqBaselineTest's (classes 1 cup, 2 table, 3 rock; predicates 1 on, 2 near,
 * 3 under; train: cup-table on 3, near 1; table-cup under 2; cup-rock near 1), with background counts added.
 */
class FreqPredictorTest {
    private static final int C = 4;
    private static final int P = 4;
    private static final FreqPredictor FREQ = new FreqPredictor(stats());

    private static FrequencyStats stats() {
        long[] fg = new long[C * C * P];
        fg[(1 * C + 2) * P + 1] = 3;
        fg[(1 * C + 2) * P + 2] = 1;
        fg[(2 * C + 1) * P + 3] = 2;
        fg[(1 * C + 3) * P + 2] = 1;
        long[] bg = new long[C * C];
        bg[1 * C + 2] = 5; // cup-table overlapped 5 times in train
        bg[3 * C + 1] = 7; // rock-cup overlapped but never carried a relation
        return new FrequencyStats(C, P, fg, bg);
    }

    @Test
    void distributionIsCountsOverBgPlusOnePlusForeground() {
        // cup-table: [bg 5 + 1, on 3, near 1, under 0] / 10
        assertArrayEquals(new float[] {6f / 10, 3f / 10, 1f / 10, 0}, FREQ.distribution(1, 2));
        // table-cup: [0 + 1, 0, 0, 2] / 3; cup-rock: [1, 0, 1, 0] / 2
        assertArrayEquals(new float[] {1f / 3, 0, 0, 2f / 3}, FREQ.distribution(2, 1));
        assertArrayEquals(new float[] {0.5f, 0, 0.5f, 0}, FREQ.distribution(1, 3));
        assertTrue(FREQ.seen(1, 2));
        assertFalse(FREQ.seen(3, 1), "background counts alone do not make a label pair seen");
    }

    /** cup 0, table 1, rock 2, far apart. GT: cup on table, cup near table, table under cup, rock near cup. */
    private static final SgGt CUP_TABLE_ROCK = new SgGt(new float[] {0, 0, 9, 9, 40, 0, 79, 29, 100, 0, 119, 19},
            new int[] {1, 2, 3}, new int[] {0, 1, 1, 0, 1, 2, 1, 0, 3, 2, 0, 2});

    @Test
    void predClsScoresEveryOrderedSeenPairInRowMajorOrder() {
        SgPrediction p = FREQ.predCls(CUP_TABLE_ROCK);
        // (0,1) cup-table, (0,2) cup-rock, (1,0) table-cup; (1,2), (2,0), (2,1) are unseen label pairs.
        assertArrayEquals(new int[] {0, 1, 0, 2, 1, 0}, p.relPairs());
        assertArrayEquals(new float[] {1, 1, 1}, p.scores());
        SgEvaluator ev = new SgEvaluator(SgMode.PREDCLS, C, P, false, new int[] {1, 2, 3});
        ev.add("cup-table-rock", CUP_TABLE_ROCK, p);
        // Ranked by t: table-cup under 2/3, cup-rock near 1/2, cup-table on 3/10.
        // R@1 = 1/4 (table under cup), R@2 = 1/4 (cup near rock is not GT), R@3 = 2/4 (+ cup on table).
        assertArrayEquals(new double[] {0.25, 0.25, 0.5}, ev.result().recall());
        // ng: under 2/3, near(cup-rock) 1/2, on(cup-table) 3/10, then near(cup-table) 1/10: ng-R@3 = 2/4.
        assertArrayEquals(new double[] {0.25, 0.25, 0.5}, ev.result().ngRecall());
        SgEvaluator all = new SgEvaluator(SgMode.PREDCLS, C, P, false, new int[] {4});
        all.add("cup-table-rock", CUP_TABLE_ROCK, p);
        assertEquals(0.75, all.result().ngRecall()[0], "cup near table comes 4th without the graph constraint");
        assertEquals(0.5, all.result().recall()[0], "one predicate per pair: cup near table is never predicted");
    }

    @Test
    void replaceRelScoresKeepsTheModelsObjectsAndPairOrder() {
        // A model's sgdet output: 3 detections, pairs in its own order, one unseen label pair (rock-cup).
        SgPrediction model = new SgPrediction(new float[] {0, 0, 9, 9, 40, 0, 79, 29, 100, 0, 119, 19},
                new int[] {2, 1, 3}, new float[] {0.9f, 0.8f, 0.7f}, new int[] {1, 0, 2, 1, 0, 1},
                new float[] {1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0});
        SgPrediction f = FREQ.replaceRelScores(model);
        assertArrayEquals(model.boxes(), f.boxes());
        assertArrayEquals(model.labels(), f.labels());
        assertArrayEquals(model.scores(), f.scores());
        assertArrayEquals(new int[] {1, 0, 0, 1}, f.relPairs()); // (cup, table) then (table, cup); rock-cup dropped
        float[] expected = new float[2 * P];
        System.arraycopy(FREQ.distribution(1, 2), 0, expected, 0, P);
        System.arraycopy(FREQ.distribution(2, 1), 0, expected, P, P);
        assertArrayEquals(expected, f.relScores());
    }
}
