package org.sgae.model.relation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** §7 targets: detection labels, the pair matcher and its ties, duplicate draws. */
class RelationTargetsTest {
    // GT 0 and GT 1 are the same box; GT 2 elsewhere; GT 3 overlaps GT 2 by half
    private static final float[] GT = {0, 0, 9, 9, 0, 0, 9, 9, 50, 50, 69, 69, 60, 50, 79, 69};
    private static final int[] GT_LABELS = {3, 4, 5, 6};

    @Test
    void detectionLabelTakesTheBestGtAndTheLowestIndexOnTies() {
        float[] dets = {0, 0, 9, 9,          // IoU 1 with GT 0 and GT 1: the lower index, label 3
                50, 50, 69, 69,              // GT 2 exactly
                20, 20, 29, 29,              // nothing
                0, 0, 9, 19};                // IoU 100/200 = 0.5 with GT 0/1: exactly the threshold counts
        assertArrayEquals(new int[] {3, 5, 0, 3}, RelationTargets.detectionLabels(dets, GT, GT_LABELS, 0.5));
        assertArrayEquals(new int[0], RelationTargets.detectionLabels(new float[0], GT, GT_LABELS, 0.5));
        assertArrayEquals(new int[] {0}, RelationTargets.detectionLabels(new float[] {0, 0, 9, 9}, new float[0],
                new int[0], 0.5));
    }

    @Test
    void pairMatcherBreaksTiesByTheLowerGtPairIndex() {
        int g = 4;
        int[] relMap = new int[g * g];
        relMap[0 * g + 2] = 7;   // (GT0, GT2): predicate 7
        relMap[1 * g + 2] = 8;   // (GT1, GT2): the same quality, higher index
        relMap[2 * g + 1] = 9;   // (GT2, GT1) ties with (GT2, GT0) = unrelated: the lower index wins → 0
        float[] dets = {0, 0, 9, 9, 50, 50, 69, 69};
        int[] labels = RelationTargets.pairLabels(dets, GT, relMap, 0.5);
        assertArrayEquals(new int[] {0, 7, 0, 0}, labels);
    }

    @Test
    void pairBelowTheQualityThresholdIsBackground() {
        int g = 4;
        int[] relMap = new int[g * g];
        relMap[0 * g + 2] = 7;
        // det 1 overlaps nothing: the best quality is ½(1 + 0) = 0.5, reached by (GT0, GT1), (GT0, GT2), (GT0, GT3)
        // and (GT1, GT0), …; the lowest index (GT0, GT1) wins, and 0.5 ≥ 0.5 counts
        float[] far = {0, 0, 9, 9, 150, 150, 169, 169};
        assertEquals(0, RelationTargets.pairLabels(far, GT, relMap, 0.5)[1]);
        relMap[0 * g + 1] = 5;
        assertEquals(5, RelationTargets.pairLabels(far, GT, relMap, 0.5)[1]);
        assertEquals(0, RelationTargets.pairLabels(far, GT, relMap, 0.51)[1]);
        relMap[0 * g + 1] = 0;
        float[] third = {0, 0, 9, 9, 60, 50, 79, 69}; // = GT 3, IoU with GT 2 = 1/3: quality ½(1 + 1/3) = 0.67
        // the best pair is (GT0, GT3) with quality 1: unrelated
        assertEquals(0, RelationTargets.pairLabels(third, GT, relMap, 0.5)[1]);
        relMap[0 * g + 3] = 2;
        assertEquals(2, RelationTargets.pairLabels(third, GT, relMap, 0.5)[1]);
        assertEquals(2, RelationTargets.pairLabels(third, GT, relMap, 1.0)[1]); // quality exactly 1 ≥ 1
    }

    @Test
    void duplicatePredicatesAreRedrawnPerAccessAndSingleOnesDrawNothing() {
        int[] rels = {0, 1, 4, 0, 1, 6, 1, 0, 2};
        SplittableRandom rng = new SplittableRandom(3);
        Set<Integer> seen = new HashSet<>();
        for (int i = 0; i < 64; i++) {
            int[] map = RelationTargets.relationMap(2, rels, rng);
            assertTrue(map[1] == 4 || map[1] == 6);
            assertEquals(2, map[2]);
            seen.add(map[1]);
        }
        assertEquals(Set.of(4, 6), seen);
        // the same stream state gives the same draw; a group of one consumes nothing
        assertArrayEquals(RelationTargets.relationMap(2, rels, new SplittableRandom(5)),
                RelationTargets.relationMap(2, rels, new SplittableRandom(5)));
        SplittableRandom a = new SplittableRandom(9);
        RelationTargets.relationMap(2, new int[] {0, 1, 4}, a);
        assertEquals(new SplittableRandom(9).nextLong(), a.nextLong());
    }
}
