package org.sgae.train;

import java.util.SplittableRandom;
import org.sgae.data.synth.SynthConfig;

/**
 * The separate random streams of model-spec §11.4, derived from one seed by splitting a root stream in a fixed
 * order. Each consumer owns its stream, so (for instance) the generator's noise draws never shift which anchors
 * or ROIs the scene-graph side samples: with λ_img = 0 the scene-graph weights are then bit-identical whether or
 * not the generator runs.
 *
 * @param dataOrder     epoch shuffles
 * @param sgSampling    anchor and ROI sampling, duplicate choice (the detector's {@code BalancedSampler})
 * @param dropout       dropout masks
 * @param generatorNoise the generator's noise channels
 * @param discriminator discriminator-side draws
 */
public record RandomStreams(SplittableRandom dataOrder, SplittableRandom sgSampling, SplittableRandom dropout,
                            SplittableRandom generatorNoise, SplittableRandom discriminator) {
    /** The five streams of a seed; the split order is part of the reproducibility contract, do not reorder. */
    public static RandomStreams of(long seed) {
        SplittableRandom root = new SplittableRandom(seed);
        return new RandomStreams(root.split(), root.split(), root.split(), root.split(), root.split());
    }

    /**
     * The streams of one training iteration: those of a seed mixed from (seed, iteration). Deriving them per
     * iteration, rather than drawing on through a run, makes (seed, iteration) the streams' whole state, so a
     * checkpoint that stores both resumes the exact draws of an uninterrupted run (SplittableRandom's own state
     * cannot be read or restored).
     */
    public static RandomStreams forIteration(long seed, long iteration) {
        return of(SynthConfig.mix(seed, iteration));
    }
}
