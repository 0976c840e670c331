package org.sgae.data.synth;

/**
 * Annotation noise knobs (vg150-format.md §8.5); each is a probability (boxJitter a fraction of box size).
 * All zero gives a noise-free world.
 */
public record NoiseConfig(double missingRel, double wrongPredicate, double duplicateRel, double missingObject,
                          double labelNoise, double boxJitter, boolean noiseOnTest) {
    public NoiseConfig {
        check("missingRel", missingRel);
        check("wrongPredicate", wrongPredicate);
        check("duplicateRel", duplicateRel);
        check("missingObject", missingObject);
        check("labelNoise", labelNoise);
        check("boxJitter", boxJitter);
    }

    private static void check(String name, double v) {
        if (!(v >= 0 && v < 1)) {
            throw new IllegalArgumentException("noise." + name + " must be in [0, 1), got " + v);
        }
    }

    public static NoiseConfig defaults() {
        return new NoiseConfig(0.3, 0.1, 0.05, 0.05, 0.02, 0.03, false);
    }

    public static NoiseConfig none() {
        return new NoiseConfig(0, 0, 0, 0, 0, 0, false);
    }

    /** The knobs that apply to the test split when noiseOnTest is false: only missingRel and duplicateRel. */
    public NoiseConfig forTest() {
        return noiseOnTest ? this : new NoiseConfig(missingRel, 0, duplicateRel, 0, 0, 0, false);
    }
}
