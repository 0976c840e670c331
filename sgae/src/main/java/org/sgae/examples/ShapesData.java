package org.sgae.examples;

import java.util.SplittableRandom;
import org.sgae.tensor.Tensor;

/**
 * A procedurally generated image-classification task: which filled shape is drawn on a 32×32 RGB image. Each image
 * has a random background colour, one shape (circle, square, triangle or cross) of random centre, size and colour,
 * and Gaussian pixel noise. Images are fully determined by the seed and the index, so a train set and a test set
 * from different seeds never share an image.
 */
public final class ShapesData {
    public static final int SIZE = 32;
    public static final int CHANNELS = 3;
    public static final String[] CLASSES = {"circle", "square", "triangle", "cross"};
    private static final double NOISE_STD = 0.08;

    private final float[] pixels; // [n, 3, 32, 32] row-major, values roughly in [-0.5, 0.5]
    private final long[] labels;  // [n]
    private final int n;

    private ShapesData(int n) {
        this.n = n;
        this.pixels = new float[n * CHANNELS * SIZE * SIZE];
        this.labels = new long[n];
    }

    /** n images with labels balanced round-robin (image i has class i mod 4), drawn from {@code seed}. */
    public static ShapesData generate(int n, long seed) {
        if (n < 1) {
            throw new IllegalArgumentException("ShapesData: need at least one image, got " + n);
        }
        ShapesData d = new ShapesData(n);
        SplittableRandom root = new SplittableRandom(seed);
        for (int i = 0; i < n; i++) {
            d.draw(i, i % CLASSES.length, root.split());
        }
        return d;
    }

    public int size() {
        return n;
    }

    public long label(int i) {
        return labels[i];
    }

    /** Images [count, 3, 32, 32] F32 for indices order[from .. from+count). */
    public Tensor images(int[] order, int from, int count) {
        int per = CHANNELS * SIZE * SIZE;
        float[] out = new float[count * per];
        for (int j = 0; j < count; j++) {
            System.arraycopy(pixels, order[from + j] * per, out, j * per, per);
        }
        return Tensor.of(out, count, CHANNELS, SIZE, SIZE);
    }

    /** Labels [count] I64 for the same indices. */
    public Tensor labels(int[] order, int from, int count) {
        long[] out = new long[count];
        for (int j = 0; j < count; j++) {
            out[j] = labels[order[from + j]];
        }
        return Tensor.ofLongs(out, count);
    }

    private void draw(int index, int cls, SplittableRandom r) {
        labels[index] = cls;
        double radius = r.nextDouble(5, 12);
        double cx = r.nextDouble(radius, SIZE - radius);
        double cy = r.nextDouble(radius, SIZE - radius);
        float[] bg = new float[CHANNELS];
        float[] fg = new float[CHANNELS];
        for (int c = 0; c < CHANNELS; c++) {
            bg[c] = (float) r.nextDouble(0, 0.4);
            fg[c] = (float) r.nextDouble(0.6, 1);
        }
        if (r.nextBoolean()) { // dark shapes on light backgrounds too, so brightness alone says nothing
            float[] t = bg;
            bg = fg;
            fg = t;
        }
        int base = index * CHANNELS * SIZE * SIZE;
        for (int y = 0; y < SIZE; y++) {
            for (int x = 0; x < SIZE; x++) {
                boolean in = inside(cls, (x + 0.5 - cx) / radius, (y + 0.5 - cy) / radius);
                for (int c = 0; c < CHANNELS; c++) {
                    double v = (in ? fg[c] : bg[c]) + NOISE_STD * r.nextGaussian() - 0.5;
                    pixels[base + (c * SIZE + y) * SIZE + x] = (float) v;
                }
            }
        }
    }

    /** Whether the point (u, v), in units of the radius around the centre, lies inside shape cls. */
    static boolean inside(int cls, double u, double v) {
        switch (cls) {
            case 0:
                return u * u + v * v <= 1;
            case 1:
                return Math.abs(u) <= 0.8 && Math.abs(v) <= 0.8;
            case 2: // apex up at (0, −1), base from (−1, 0.8) to (1, 0.8)
                return v <= 0.8 && v >= -1 && Math.abs(u) <= (v + 1) / 1.8;
            default:
                return (Math.abs(u) <= 0.3 && Math.abs(v) <= 1) || (Math.abs(v) <= 0.3 && Math.abs(u) <= 1);
        }
    }
}
