package org.sgae.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Eval-spec §7 and worked example F (§9). */
class ImageMetricsTest {
    private static final int N = 3 * 64 * 64;

    private static float[] constant(float v) {
        float[] a = new float[N];
        Arrays.fill(a, v);
        return a;
    }

    @Test
    void workedExampleFConstantImages() {
        float a = 0.5f;
        float b = 0.6f; // float32 0.6 = 0.60000002384…: the closed forms below use it
        ImageMetrics.Values v = ImageMetrics.of(constant(a), constant(b), 3, 64, 64);
        double d = (double) b - a;
        assertEquals(d, v.l1(), 1e-15);
        assertEquals(0.1, v.l1(), 1e-7);
        assertEquals(10 * Math.log10(1 / (d * d)), v.psnr(), 1e-12);
        assertEquals(20, v.psnr(), 1e-5);
        // Constant images: σ = 0, so SSIM = (2μaμb + C1)/(μa² + μb² + C1) · C2/C2.
        double expected = (2.0 * a * b + 1e-4) / ((double) a * a + (double) b * b + 1e-4);
        assertEquals(expected, v.ssim(), 1e-12);
        assertEquals(0.983609, v.ssim(), 5e-7); // the spec's 0.6001/0.6101
    }

    @Test
    void identicalImagesGiveZeroL1HundredDbAndSsimOne() {
        float[] a = noise(new SplittableRandom(1), constant(0.5f), 0.3);
        ImageMetrics.Values v = ImageMetrics.of(a, a.clone(), 3, 64, 64);
        assertEquals(0, v.l1());
        assertEquals(100, v.psnr(), 1e-12); // MSE clamped at 1e-10
        assertEquals(1, v.ssim(), 1e-12);
    }

    @Test
    void ssimDecreasesWithNoise() {
        SplittableRandom rng = new SplittableRandom(7);
        float[] img = new float[N];
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < 64; y++) {
                for (int x = 0; x < 64; x++) {
                    img[(c * 64 + y) * 64 + x] = (float) (0.5 + 0.4 * Math.sin(x / 5.0 + c) * Math.cos(y / 7.0));
                }
            }
        }
        double previous = 1;
        for (double amount : new double[] {0.02, 0.05, 0.1, 0.2}) {
            double s = ImageMetrics.ssim(img, noise(rng, img, amount), 3, 64, 64);
            assertTrue(s < previous, "SSIM " + s + " at noise " + amount + " should be below " + previous);
            previous = s;
        }
        assertTrue(previous < 0.5, "heavy noise gives a low SSIM: " + previous);
    }

    @Test
    void wrongSizesAreOneClearError() {
        String m = assertThrows(IllegalArgumentException.class,
                () -> ImageMetrics.of(new float[N], new float[N - 1], 3, 64, 64)).getMessage();
        assertTrue(m.contains("[3, 64, 64]") && m.contains(String.valueOf(N - 1)), m);
    }

    private static float[] noise(SplittableRandom rng, float[] img, double amount) {
        float[] out = img.clone();
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) Math.min(1, Math.max(0, out[i] + amount * (2 * rng.nextDouble() - 1)));
        }
        return out;
    }
}
