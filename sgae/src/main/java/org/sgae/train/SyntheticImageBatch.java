package org.sgae.train;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.sgae.data.pipeline.Batch;

/**
 * One batch of drawn images held in memory, for benchmarks that must not depend on a data set (the {@code vg}
 * preset's 600×1000 step): a grey background with {@code objects} filled rectangles of random colours per image,
 * each a GT box with a random foreground class. Raw pixels in [0, 1], as {@code LoaderConfig.withRawPixels()} gives.
 */
final class SyntheticImageBatch {
    private static final float BACKGROUND = 0.5f;
    private static final int MIN_SIDE = 32; // objects at least two stride-16 cells wide, so anchors can match them

    private SyntheticImageBatch() {
    }

    /** {@code n} images of {@code height}×{@code width}, classes drawn from 1 .. {@code classes} − 1 (0 is background). */
    static Batch of(int n, int height, int width, int objects, int classes, long seed) {
        // An object is at least MIN_SIDE and at most half the image on each side.
        if (height < 2 * MIN_SIDE || width < 2 * MIN_SIDE || objects < 1 || classes < 2) {
            throw new IllegalArgumentException("a synthetic batch needs sides >= " + 2 * MIN_SIDE
                    + ", >= 1 object and >= 2 classes, got " + height + "x" + width + ", " + objects + ", " + classes);
        }
        SplittableRandom r = new SplittableRandom(seed);
        int plane = height * width;
        float[] images = new float[n * 3 * plane];
        Arrays.fill(images, BACKGROUND);
        int[] labels = new int[n * objects];
        float[] boxes = new float[4 * n * objects];
        int[] objectOffsets = new int[n + 1];
        for (int i = 0; i < n; i++) {
            for (int o = 0; o < objects; o++) {
                int k = i * objects + o;
                int w = MIN_SIDE + r.nextInt(width / 2 - MIN_SIDE + 1);
                int h = MIN_SIDE + r.nextInt(height / 2 - MIN_SIDE + 1);
                int x = r.nextInt(width - w + 1);
                int y = r.nextInt(height - h + 1);
                for (int c = 0; c < 3; c++) {
                    float v = (float) r.nextDouble();
                    int base = (i * 3 + c) * plane;
                    for (int yy = y; yy < y + h; yy++) {
                        Arrays.fill(images, base + yy * width + x, base + yy * width + x + w, v);
                    }
                }
                labels[k] = 1 + r.nextInt(classes - 1);
                // "+1" boxes (model-spec §3.3): inclusive corner pixels
                boxes[4 * k] = x;
                boxes[4 * k + 1] = y;
                boxes[4 * k + 2] = x + w - 1;
                boxes[4 * k + 3] = y + h - 1;
            }
            objectOffsets[i + 1] = (i + 1) * objects;
        }
        int[] heights = new int[n];
        int[] widths = new int[n];
        float[] scales = new float[n];
        long[] ids = new long[n];
        for (int i = 0; i < n; i++) {
            heights[i] = height;
            widths[i] = width;
            scales[i] = 1;
            ids[i] = i;
        }
        return new Batch(images, n, height, width, heights, widths, scales, ids, objectOffsets, labels, boxes,
                new int[n + 1], new int[0]);
    }
}
