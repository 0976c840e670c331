package org.sgae.data.vg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sgae.tensor.TensorAsserts;
import org.sgae.tensor.Tolerances;

class VgDatasetTest {
    @TempDir
    Path root;

    @Test
    void splitsFollowTheLoaders() {
        VgFixture.write(root);
        // train rows with boxes and relations: 0, 2, 3 (row 1 has none); val = first 1 of them
        VgDataset val = VgDataset.open(VgFixture.config(root, VgSplit.VAL));
        VgDataset train = VgDataset.open(VgFixture.config(root, VgSplit.TRAIN));
        VgDataset test = VgDataset.open(VgFixture.config(root, VgSplit.TEST));
        assertEquals(1, val.size());
        assertEquals(0, val.raw(0).h5Row());
        assertEquals(2, train.size());
        assertEquals(2, train.raw(0).h5Row());
        assertEquals(3, train.raw(1).h5Row());
        assertEquals(1, test.size(), "row 5 has no relations");
        assertEquals(1595, test.raw(0).info().imageId(), "1592 is skipped, so row 4 is the 5th usable entry");
        VgDataset withEmpty = VgDataset.open(VgFixture.config(root, VgSplit.TRAIN).withFilters(false, false, true));
        assertEquals(3, withEmpty.size());
    }

    @Test
    void graphsAreDecodedAndScaled() {
        VgFixture.write(root);
        VgGraph g = VgDataset.open(VgFixture.config(root, VgSplit.VAL)).raw(0);
        assertArrayEquals(new int[] {1, 2}, g.labels());
        assertArrayEquals(new int[] {0, 1, 1}, g.relations());
        // [100, 100, 80, 60] -> (60, 70, 140, 130) in the 1024 frame, then x 100/1024
        assertArrayEquals(new int[] {60, 70, 140, 130, 120, 90, 180, 150}, java.util.Arrays.copyOf(g.boxes1024(), 8));
        float s = 100f / 1024;
        assertEquals((float) (60 * (100.0 / 1024)), g.boxes()[0]);
        TensorAsserts.assertClose(g.boxes()[3], Math.min(79f, (float) (130 * (100.0 / 1024))), Tolerances.F32_ELEMENTWISE, "g.boxes()[3]");
        assertTrue(g.boxes()[2] <= 99 && s > 0);
        assertTrue(g.imageFile().toString().endsWith("VG_100K/1590.png"));
    }

    @Test
    void duplicateRelationsAreRedrawnAtEveryAccess() {
        VgFixture.write(root);
        VgDataset train = VgDataset.open(VgFixture.config(root, VgSplit.TRAIN));
        assertEquals(3, train.raw(0).numRelations(), "raw keeps duplicates");
        Set<Integer> seen = new HashSet<>();
        SplittableRandom r = new SplittableRandom(5);
        for (int k = 0; k < 40; k++) {
            VgGraph g = train.graph(0, r);
            assertEquals(2, g.numRelations(), "one predicate for (3,4) plus (3,5)");
            seen.add(g.relations()[2]);
        }
        assertEquals(Set.of(1, 2), seen, "both predicates of the duplicated pair get drawn");
        VgDataset test = VgDataset.open(VgFixture.config(root, VgSplit.TEST));
        assertEquals(2, test.graph(0).numRelations(), "test keeps all duplicates");
    }

    @Test
    void nonOverlapFilterDropsRelationsAndImages() {
        VgFixture.write(root);
        VgDataset train = VgDataset.open(VgFixture.config(root, VgSplit.TRAIN).withFilters(true, true, false));
        assertEquals(2, train.size());
        assertEquals(2, train.raw(0).numRelations(), "(3,5) boxes are disjoint");
        VgDataset val = VgDataset.open(VgFixture.config(root, VgSplit.VAL).withFilters(true, true, false));
        assertEquals(1, val.raw(0).numRelations(), "val is not filtered");
    }

    @Test
    void frequencyStatistics() {
        VgFixture.write(root);
        VgDataset train = VgDataset.open(VgFixture.config(root, VgSplit.TRAIN).withFilters(true, false, false));
        FrequencyStats st = FrequencyStats.compute(train);
        int c = 4;
        int p = 3;
        assertEquals(1, st.fg()[(1 * c + 2) * p + 1]); // a -> b : p (row 2)
        assertEquals(1, st.fg()[(1 * c + 2) * p + 2]); // a -> b : q
        assertEquals(1, st.fg()[(1 * c + 3) * p + 2]); // a -> c : q
        assertEquals(1, st.fg()[(2 * c + 1) * p + 2]); // b -> a : q (row 3)
        // row 2: boxes 3 (a) and 4 (b) overlap, both orders; 5 overlaps nothing; row 3: 6 (b) and 7 (a) overlap
        assertEquals(2, st.bg()[1 * c + 2]);
        assertEquals(2, st.bg()[2 * c + 1]);
        assertEquals(0, st.bg()[1 * c + 3]);
        float[] prior = st.logPrior();
        // a -> b: counts (bg + 1, p, q) = (3, 1, 1) -> log(1/5 + 1e-3) and log(3/5 + 1e-3)
        TensorAsserts.assertClose(prior[(1 * c + 2) * p + 1], (float) Math.log(0.2 + 1e-3), Tolerances.F32_ELEMENTWISE, "prior[(1 * c + 2) * p + 1]");
        TensorAsserts.assertClose(prior[(1 * c + 2) * p], (float) Math.log(0.6 + 1e-3), Tolerances.F32_ELEMENTWISE, "prior[(1 * c + 2) * p]");
        // an unseen pair: (1, 0, 0) -> log(1 + 1e-3) for background
        TensorAsserts.assertClose(prior[(3 * c + 3) * p], (float) Math.log(1 + 1e-3), Tolerances.F32_ELEMENTWISE, "prior[(3 * c + 3) * p]");
    }
}
