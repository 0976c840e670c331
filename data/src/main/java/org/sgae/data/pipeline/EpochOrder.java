package org.sgae.data.pipeline;

import java.util.SplittableRandom;
import org.sgae.data.synth.SynthConfig;

/** The visiting order of an epoch: identity, or a Fisher–Yates shuffle seeded by (seed, epoch). */
public final class EpochOrder {
    private EpochOrder() {
    }

    public static int[] of(int size, boolean shuffle, long seed, int epoch) {
        int[] order = new int[size];
        for (int i = 0; i < size; i++) {
            order[i] = i;
        }
        if (shuffle) {
            SplittableRandom r = new SplittableRandom(SynthConfig.mix(seed, epoch));
            for (int i = size - 1; i > 0; i--) {
                int j = r.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
        }
        return order;
    }
}
