package org.sgae.model.detector.boxes;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.sgae.train.config.SamplerConfig;

class BalancedSamplerTest {
    /** 10 positives at 0..9, 20 negatives at 10..29, 5 ignored at 30..34. */
    private static int[] labels() {
        int[] l = new int[35];
        Arrays.fill(l, 0, 10, 1);
        Arrays.fill(l, 30, 35, -1);
        return l;
    }

    private static void assertAscendingWithin(int[] idx, int lo, int hi) {
        for (int i = 0; i < idx.length; i++) {
            assertTrue(idx[i] >= lo && idx[i] < hi, "index " + idx[i] + " outside [" + lo + ", " + hi + ")");
            assertTrue(i == 0 || idx[i] > idx[i - 1], "indices must be ascending and distinct");
        }
    }

    @Test
    void positivesCappedAtTheFraction() {
        // batch 8, fraction 0.25 → ⌊2⌋ positives, 8 − 2 = 6 negatives.
        BalancedSampler.Sample s = new BalancedSampler(new SamplerConfig(8, 0.25)).sample(labels(),
                new SplittableRandom(1));
        assertEquals(2, s.positives().length);
        assertEquals(6, s.negatives().length);
        assertEquals(8, s.size());
        assertAscendingWithin(s.positives(), 0, 10);
        assertAscendingWithin(s.negatives(), 10, 30);
    }

    @Test
    void negativesFillWhenPositivesAreFew() {
        int[] l = labels();
        Arrays.fill(l, 1, 10, -1); // one positive left, at 0
        // batch 8, fraction 0.5 → min(4, 1) = 1 positive, 8 − 1 = 7 negatives.
        BalancedSampler.Sample s = new BalancedSampler(new SamplerConfig(8, 0.5)).sample(l, new SplittableRandom(1));
        assertArrayEquals(new int[] {0}, s.positives());
        assertEquals(7, s.negatives().length);
    }

    @Test
    void fewerCandidatesThanTheBatchTakesThemAll() {
        int[] l = {-1, 0, 1, -1, 0};
        BalancedSampler.Sample s = new BalancedSampler(new SamplerConfig(256, 0.5)).sample(l, new SplittableRandom(1));
        assertArrayEquals(new int[] {2}, s.positives());
        assertArrayEquals(new int[] {1, 4}, s.negatives());
        assertEquals(3, s.size());
    }

    @Test
    void sameStreamStateGivesTheSameSampleAndSeedsDiffer() {
        BalancedSampler sampler = new BalancedSampler(new SamplerConfig(8, 0.25));
        BalancedSampler.Sample a = sampler.sample(labels(), new SplittableRandom(42));
        BalancedSampler.Sample b = sampler.sample(labels(), new SplittableRandom(42));
        assertArrayEquals(a.positives(), b.positives());
        assertArrayEquals(a.negatives(), b.negatives());
        Set<String> distinct = new HashSet<>();
        for (long seed = 0; seed < 20; seed++) {
            BalancedSampler.Sample s = sampler.sample(labels(), new SplittableRandom(seed));
            distinct.add(Arrays.toString(s.positives()) + Arrays.toString(s.negatives()));
        }
        // C(10,2)·C(20,6) ≈ 1.7e6 possible samples: 20 seeds giving one sample would mean the seed is ignored.
        assertTrue(distinct.size() > 1);
    }

    @Test
    void takingEveryCandidateDrawsNothing() {
        // No choice, no draw: the SG-sampling stream (model-spec §11.4) stays where it was.
        SplittableRandom used = new SplittableRandom(7);
        new BalancedSampler(new SamplerConfig(256, 0.5)).sample(new int[] {-1, 0, 1, -1, 0}, used);
        assertEquals(new SplittableRandom(7).nextLong(), used.nextLong());
    }

    @Test
    void badLabelIsNamed() {
        BalancedSampler sampler = new BalancedSampler(new SamplerConfig(8, 0.25));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> sampler.sample(new int[] {1, 0, 0, 2}, new SplittableRandom(1))).getMessage()
                .contains("labels[3] = 2"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new BalancedSampler(new SamplerConfig(0, 0.5)))
                .getMessage().startsWith("SamplerConfig.batchSizePerImage"));
    }
}
