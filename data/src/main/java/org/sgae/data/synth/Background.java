package org.sgae.data.synth;

import java.util.SplittableRandom;

/**
 * Backgrounds (outdoor sky and ground with a horizon, or indoor wall and floor), as vertical gradients
 * plus low-frequency noise; and the final global jitter and pixel noise. Works on packed 0xRRGGBB ints.
 */
final class Background {
    private static final int GRID = 5;

    private Background() {
    }

    static void paint(int[] px, int w, int h, boolean indoor, double horizon, SplittableRandom r) {
        double[][] top;
        double[][] bottom;
        if (indoor) {
            double[] wall = pick(r, new double[][] {{225, 215, 195}, {200, 210, 220}, {230, 200, 190}, {215, 225, 205}});
            double[] floor = pick(r, new double[][] {{150, 110, 75}, {120, 120, 125}, {185, 160, 120}});
            top = new double[][] {scale(wall, 1.05, r), scale(wall, 0.92, r)};
            bottom = new double[][] {scale(floor, 0.85, r), scale(floor, 1.1, r)};
        } else {
            top = new double[][] {scale(new double[] {110, 160, 225}, 1.0, r), scale(new double[] {190, 215, 240}, 1.0, r)};
            double[] ground = pick(r, new double[][] {{95, 150, 70}, {150, 130, 90}, {120, 140, 90}, {170, 160, 140}});
            bottom = new double[][] {scale(ground, 0.85, r), scale(ground, 1.1, r)};
        }
        double[] noise = new double[(GRID + 1) * (GRID + 1)];
        for (int i = 0; i < noise.length; i++) {
            noise[i] = (r.nextDouble() - 0.5) * 24; // ± 12 levels, low frequency
        }
        int hz = (int) Math.round(horizon);
        for (int y = 0; y < h; y++) {
            double[][] band = y < hz ? top : bottom;
            double t = y < hz ? y / Math.max(1.0, hz) : (y - hz) / Math.max(1.0, h - hz);
            double gy = (double) y / h * GRID;
            int iy = Math.min(GRID - 1, (int) gy);
            double fy = gy - iy;
            for (int x = 0; x < w; x++) {
                double gx = (double) x / w * GRID;
                int ix = Math.min(GRID - 1, (int) gx);
                double fx = gx - ix;
                double n = (noise[iy * (GRID + 1) + ix] * (1 - fx) + noise[iy * (GRID + 1) + ix + 1] * fx) * (1 - fy)
                        + (noise[(iy + 1) * (GRID + 1) + ix] * (1 - fx) + noise[(iy + 1) * (GRID + 1) + ix + 1] * fx) * fy;
                int rr = Draw.clamp(band[0][0] + (band[1][0] - band[0][0]) * t + n);
                int gg = Draw.clamp(band[0][1] + (band[1][1] - band[0][1]) * t + n);
                int bb = Draw.clamp(band[0][2] + (band[1][2] - band[0][2]) * t + n);
                px[y * w + x] = (rr << 16) | (gg << 8) | bb;
            }
        }
    }

    /** Global brightness (± 8 %) and contrast (± 10 %) jitter, then pixel noise with σ ≈ 2 levels. */
    static void finish(int[] px, SplittableRandom r) {
        double gain = 1 + (r.nextDouble() - 0.5) * 0.2;
        double bias = (r.nextDouble() - 0.5) * 0.16 * 255;
        int[] lut = new int[256];
        for (int v = 0; v < 256; v++) {
            lut[v] = Draw.clamp((v - 128) * gain + 128 + bias);
        }
        for (int i = 0; i < px.length; i++) {
            int p = px[i];
            long bits = r.nextLong(); // 6 random bytes per pixel: two per channel
            int rr = lut[(p >> 16) & 255] + noise(bits);
            int gg = lut[(p >> 8) & 255] + noise(bits >>> 16);
            int bb = lut[p & 255] + noise(bits >>> 32);
            px[i] = (Draw.clamp(rr) << 16) | (Draw.clamp(gg) << 8) | Draw.clamp(bb);
        }
    }

    /**
     * Pixel noise from two random bytes: their sum is triangular with σ = 255/√6 ≈ 104, so dividing by 52
     * gives σ ≈ 2 levels. Cheaper than Gaussians (one nextLong per pixel) and close enough here.
     */
    private static int noise(long bits) {
        int s = (int) (bits & 255) + (int) ((bits >>> 8) & 255) - 255;
        return Math.round(s / 52f);
    }

    private static double[] pick(SplittableRandom r, double[][] options) {
        return options[r.nextInt(options.length)];
    }

    private static double[] scale(double[] c, double f, SplittableRandom r) {
        double v = f * (0.9 + 0.2 * r.nextDouble());
        return new double[] {c[0] * v, c[1] * v, c[2] * v};
    }
}
