package org.sgae.data.synth;

/**
 * Synthetic world settings (vg150-format.md §8.8).
 *
 * @param numImages  number of images (≥ 1)
 * @param width      nominal image width in pixels
 * @param height     nominal image height in pixels
 * @param sizeJitter per-image size factor drawn from [1 − j, 1 + j] per axis, to exercise box scaling (0 = off)
 * @param seed       the one seed; image i uses the stream SplittableRandom(mix(seed, i))
 * @param meanRels   target mean of annotated relations per image (≈ 4)
 * @param threads    worker threads for generation (output does not depend on it)
 * @param noise      annotation noise
 */
public record SynthConfig(int numImages, int width, int height, double sizeJitter, long seed, double meanRels,
                          int threads, NoiseConfig noise) {
    public SynthConfig {
        if (numImages < 1) {
            throw new IllegalArgumentException("numImages must be >= 1, got " + numImages);
        }
        if (width < 32 || height < 32) {
            throw new IllegalArgumentException("width and height must be >= 32, got " + width + "x" + height);
        }
        if (!(sizeJitter >= 0 && sizeJitter < 0.5)) {
            throw new IllegalArgumentException("sizeJitter must be in [0, 0.5), got " + sizeJitter);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
    }

    public static SynthConfig of(int numImages, int size, long seed) {
        return new SynthConfig(numImages, size, size, 0, seed, 4.0, Runtime.getRuntime().availableProcessors(),
                NoiseConfig.defaults());
    }

    public SynthConfig withNoise(NoiseConfig n) {
        return new SynthConfig(numImages, width, height, sizeJitter, seed, meanRels, threads, n);
    }

    public SynthConfig withThreads(int t) {
        return new SynthConfig(numImages, width, height, sizeJitter, seed, meanRels, t, noise);
    }

    public SynthConfig withSizeJitter(double j) {
        return new SynthConfig(numImages, width, height, j, seed, meanRels, threads, noise);
    }

    /** SplittableRandom seed of image i: a 64-bit mix so neighbouring indices give unrelated streams. */
    public static long mix(long seed, long i) {
        long z = seed * 0x9E3779B97F4A7C15L + (i + 1) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
