package org.sgae.model.generator;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.sgae.autograd.GradCheck;
import org.sgae.tensor.Tensor;
import org.sgae.tensor.memory.MemoryScope;

class LayoutAndCropTest {
    /** Double arithmetic of a few terms. */
    private static final double F64 = 1e-12;

    /** A constant ones map of side M sampled bilinearly at source coordinate i with zero padding (align_corners). */
    private static double ones(double i, int m) {
        if (i <= -1 || i >= m) {
            return 0;
        }
        if (i < 0) {
            return 1 + i;
        }
        return i > m - 1 ? m - i : 1;
    }

    /**
     * §8's formula: X = x/63, X′ = (X − x0)/(x1 − x0), source column X′·7 (align_corners = true on the 8×8 map), the
     * vector times the sampled ones map, summed over objects. Two objects of one image and one of another.
     */
    @Test
    void layoutEqualsTheGridSampleFormula() {
        double[][] boxes = {{0.3, 0.1, 0.62, 0.9}, {0.05, 0.5, 0.45, 0.7}, {0.2, 0.2, 0.8, 0.8}};
        long[] img = {0, 0, 1};
        double[] vec = {1.5, -2, 0.5, 3, 1, 1};      // [3 objects, D = 2]
        try (MemoryScope scope = MemoryScope.open()) {
            Tensor out = BoxLayout.layout(Tensor.of(vec, 3, 2), Tensor.of(flat(boxes), 3, 4), Tensor.ofLongs(img, 3),
                    2, 64, 8);
            double[] got = out.toDoubleArray();
            for (int b = 0; b < 2; b++) {
                for (int d = 0; d < 2; d++) {
                    for (int y = 0; y < 64; y++) {
                        for (int x = 0; x < 64; x++) {
                            double e = 0;
                            for (int o = 0; o < 3; o++) {
                                if (img[o] != b) {
                                    continue;
                                }
                                double[] bx = boxes[o];
                                double ix = (x / 63.0 - bx[0]) / (bx[2] - bx[0]) * 7;
                                double iy = (y / 63.0 - bx[1]) / (bx[3] - bx[1]) * 7;
                                e += vec[o * 2 + d] * ones(ix, 8) * ones(iy, 8);
                            }
                            assertEquals(e, got[((b * 2 + d) * 64 + y) * 64 + x], 1e-6,
                                    "layout at b=" + b + " d=" + d + " y=" + y + " x=" + x);
                        }
                    }
                }
            }
            // A worked edge value: object 0 at x = 16: X′ = (16/63 − 0.3)/0.32 = −0.14385, ix = −1.00694 → outside,
            // 0; at x = 17: ix = −0.65972, weight 0.34028; row y = 20 is inside (iy = 1.90) and outside object 1. Channel 0: 1.5·0.34028.
            assertEquals(0, got[(0 * 64 + 20) * 64 + 16], 1e-6);
            assertEquals(1.5 * (1 + (17 / 63.0 - 0.3) / 0.32 * 7), got[(0 * 64 + 20) * 64 + 17], 1e-6);
        }
    }

    /** The layout is differentiable w.r.t. the boxes (and vectors): F64 finite differences. */
    @Test
    void layoutGradientMatchesFiniteDifferences() {
        try (MemoryScope scope = MemoryScope.open()) {
            Tensor vec = GraphTripleConvTest.rand(2, 3, new SplittableRandom(1)).requiresGrad(true);
            Tensor boxes = Tensor.of(new double[] {0.13, 0.21, 0.71, 0.64, 0.37, 0.05, 0.93, 0.58}, 2, 4)
                    .requiresGrad(true);
            Tensor img = Tensor.ofLongs(new long[] {0, 0}, 2);
            GradCheck.assertGradients("layout", in -> BoxLayout.layout(in[0], in[1], img, 1, 16, 8), vec, boxes);
        }
    }

    /** grid_sample(align_corners = true, zeros) at x = x0 + (x1 − x0)·u/(S−1), pixel coordinate x·(W−1). */
    private static double sample(double[] im, int h, int w, double py, double px) {
        int x0 = (int) Math.floor(px);
        int y0 = (int) Math.floor(py);
        double fx = px - x0;
        double fy = py - y0;
        return (1 - fy) * ((1 - fx) * at(im, h, w, y0, x0) + fx * at(im, h, w, y0, x0 + 1))
                + fy * ((1 - fx) * at(im, h, w, y0 + 1, x0) + fx * at(im, h, w, y0 + 1, x0 + 1));
    }

    private static double at(double[] im, int h, int w, int y, int x) {
        return y < 0 || y >= h || x < 0 || x >= w ? 0 : im[y * w + x];
    }

    /** Crops equal grid_sample's bilinear formula, a box partly outside the image included (zero padding). */
    @Test
    void cropEqualsBilinearSampling() {
        int h = 9;
        int w = 11;
        double[] im = GraphTripleConvTest.rand(2, h * w, new SplittableRandom(4)).toDoubleArray(); // [2,1,9,11]
        double[][] boxes = {{0.1, 0.2, 0.7, 0.9}, {-0.1, 0.35, 0.5, 1.15}};
        long[] idx = {1, 0};
        int s = 5;
        try (MemoryScope scope = MemoryScope.open()) {
            double[] got = BoxCrop.crop(Tensor.of(im, 2, 1, h, w), Tensor.of(flat(boxes), 2, 4),
                    Tensor.ofLongs(idx, 2), s).toDoubleArray();
            for (int o = 0; o < 2; o++) {
                double[] one = java.util.Arrays.copyOfRange(im, (int) idx[o] * h * w, (int) (idx[o] + 1) * h * w);
                for (int v = 0; v < s; v++) {
                    for (int u = 0; u < s; u++) {
                        double px = (boxes[o][0] + (boxes[o][2] - boxes[o][0]) * u / (s - 1.0)) * (w - 1);
                        double py = (boxes[o][1] + (boxes[o][3] - boxes[o][1]) * v / (s - 1.0)) * (h - 1);
                        assertEquals(sample(one, h, w, py, px), got[(o * s + v) * s + u], F64,
                                "crop " + o + " at (" + v + "," + u + ")");
                    }
                }
            }
        }
    }

    /** Crops are differentiable w.r.t. the box and the image: F64 finite differences. */
    @Test
    void cropGradientMatchesFiniteDifferences() {
        try (MemoryScope scope = MemoryScope.open()) {
            Tensor im = GraphTripleConvTest.rand(1, 2 * 7 * 8, new SplittableRandom(2)).reshape(1, 2, 7, 8)
                    .contiguous().requiresGrad(true);
            Tensor boxes = Tensor.of(new double[] {0.113, 0.207, 0.791, 0.643, -0.05, 0.31, 0.52, 1.07}, 2, 4)
                    .requiresGrad(true);
            Tensor idx = Tensor.ofLongs(new long[] {0, 0}, 2);
            GradCheck.assertGradients("crop", in -> BoxCrop.crop(in[0], in[1], idx, 4), im, boxes);
        }
    }

    private static double[] flat(double[][] a) {
        double[] f = new double[a.length * 4];
        for (int i = 0; i < a.length; i++) {
            System.arraycopy(a[i], 0, f, 4 * i, 4);
        }
        return f;
    }
}
