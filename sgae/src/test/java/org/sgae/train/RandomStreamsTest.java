package org.sgae.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;
import org.sgae.model.detector.boxes.BalancedSampler;
import org.sgae.train.config.Preset;

class RandomStreamsTest {
    private static int[] labels() {
        int[] l = new int[400];
        for (int i = 0; i < l.length; i++) {
            l[i] = i % 7 == 0 ? 1 : 0;
        }
        return l;
    }

    @Test
    void sgSamplingIgnoresDrawsOnTheOtherStreams() {
        BalancedSampler sampler = new BalancedSampler(Preset.VG.rpnSampler());
        RandomStreams quiet = RandomStreams.of(5);
        RandomStreams busy = RandomStreams.of(5);
        // The generator and discriminators draw a lot in one run and nothing in the other.
        for (int i = 0; i < 1000; i++) {
            busy.generatorNoise().nextGaussian();
            busy.discriminator().nextDouble();
            busy.dropout().nextInt();
        }
        BalancedSampler.Sample a = sampler.sample(labels(), quiet.sgSampling());
        BalancedSampler.Sample b = sampler.sample(labels(), busy.sgSampling());
        assertArrayEquals(a.positives(), b.positives());
        assertArrayEquals(a.negatives(), b.negatives());
    }

    @Test
    void sameSeedSameStreamsAndStreamsDiffer() {
        RandomStreams a = RandomStreams.of(9);
        RandomStreams b = RandomStreams.of(9);
        assertEquals(a.dataOrder().nextLong(), b.dataOrder().nextLong());
        assertEquals(a.sgSampling().nextLong(), b.sgSampling().nextLong());
        RandomStreams c = RandomStreams.of(9);
        assertNotEquals(c.dataOrder().nextLong(), c.sgSampling().nextLong());
        assertNotEquals(RandomStreams.of(1).sgSampling().nextLong(), RandomStreams.of(2).sgSampling().nextLong());
    }
}
