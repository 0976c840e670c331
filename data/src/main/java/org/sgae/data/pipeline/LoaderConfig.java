package org.sgae.data.pipeline;

/**
 * Batching settings.
 *
 * @param batchSize  images per batch
 * @param minSize    target length of the shorter side (pixels) after resizing
 * @param maxSize    limit of the longer side; the scale is min(minSize / shorter, maxSize / longer)
 * @param stride     padded batch height and width are multiples of this (the backbone's total stride)
 * @param mean       per-channel mean (RGB) subtracted after scaling pixels to [0, 1]
 * @param std        per-channel standard deviation (RGB) divided after that
 * @param shuffle    shuffle the order each epoch (deterministic in seed and epoch)
 * @param seed       seed of the shuffles and of the per-access duplicate-relation draws
 * @param hflip      random horizontal flip; off by default because it breaks left/right predicates (when on,
 *                   "left of" and "right of" are swapped so the annotation stays true)
 * @param workers    producer threads (daemons)
 * @param prefetch   bound of the queue of prepared batches
 * @param dropLast   drop a final incomplete batch
 */
public record LoaderConfig(int batchSize, int minSize, int maxSize, int stride, float[] mean, float[] std,
                           boolean shuffle, long seed, boolean hflip, int workers, int prefetch, boolean dropLast) {
    public static final float[] IMAGENET_MEAN = {0.485f, 0.456f, 0.406f};
    public static final float[] IMAGENET_STD = {0.229f, 0.224f, 0.225f};

    public LoaderConfig {
        positive("batchSize", batchSize);
        positive("minSize", minSize);
        positive("maxSize", maxSize);
        positive("stride", stride);
        positive("workers", workers);
        positive("prefetch", prefetch);
        if (mean.length != 3 || std.length != 3) {
            throw new IllegalArgumentException("mean and std need 3 channels, got " + mean.length + " and " + std.length);
        }
        for (float s : std) {
            if (!(s > 0)) {
                throw new IllegalArgumentException("std must be > 0, got " + s);
            }
        }
        mean = mean.clone();
        std = std.clone();
    }

    private static void positive(String name, int v) {
        if (v <= 0) {
            throw new IllegalArgumentException(name + " must be > 0, got " + v);
        }
    }

    /** Defaults for the 128-px synthetic world: no resize, stride 16, 2 workers, 4 batches ahead. */
    public static LoaderConfig synthetic(int batchSize, long seed) {
        return new LoaderConfig(batchSize, 128, 128, 16, IMAGENET_MEAN, IMAGENET_STD, true, seed, false, 2, 4, false);
    }

    public LoaderConfig withShuffle(boolean s) {
        return new LoaderConfig(batchSize, minSize, maxSize, stride, mean, std, s, seed, hflip, workers, prefetch,
                dropLast);
    }

    public LoaderConfig withSizes(int min, int max, int str) {
        return new LoaderConfig(batchSize, min, max, str, mean, std, shuffle, seed, hflip, workers, prefetch, dropLast);
    }

    /**
     * Pixels in [0, 1], padded with 0: for a model that normalises its input itself (the detector's input transform,
     * model-spec §1–2, whose pad is 0 after normalisation).
     */
    public LoaderConfig withRawPixels() {
        return new LoaderConfig(batchSize, minSize, maxSize, stride, new float[3], new float[] {1, 1, 1}, shuffle, seed,
                hflip, workers, prefetch, dropLast);
    }

    public LoaderConfig withHflip(boolean f) {
        return new LoaderConfig(batchSize, minSize, maxSize, stride, mean, std, shuffle, seed, f, workers, prefetch,
                dropLast);
    }

    public LoaderConfig withWorkers(int w, int queue) {
        return new LoaderConfig(batchSize, minSize, maxSize, stride, mean, std, shuffle, seed, hflip, w, queue,
                dropLast);
    }
}
