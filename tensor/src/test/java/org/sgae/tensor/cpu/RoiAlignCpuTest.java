package org.sgae.tensor.cpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.sgae.tensor.ArrayGradCheck;
import org.sgae.tensor.Rand;
import org.sgae.tensor.Shape;
import org.sgae.tensor.Tensor;
import org.sgae.tensor.TensorAsserts;
import org.sgae.tensor.Tolerances;
import org.sgae.tensor.attrs.RoiAlignAttrs;
import org.sgae.tensor.cpu.ref.RoiAlignRef;
import org.sgae.tensor.ops.Detection;

class RoiAlignCpuTest {
    /** k random rois over an image of (h/scale, w/scale) pixels, some reaching outside it, batch in [0, n). */
    static float[] rois(Random r, int k, int n, int h, int w, double scale) {
        float[] b = new float[k * 5];
        double ih = h / scale;
        double iw = w / scale;
        for (int i = 0; i < k; i++) {
            double x1 = (r.nextDouble() * 1.2 - 0.1) * iw;
            double y1 = (r.nextDouble() * 1.2 - 0.1) * ih;
            b[i * 5] = r.nextInt(n);
            b[i * 5 + 1] = (float) x1;
            b[i * 5 + 2] = (float) y1;
            b[i * 5 + 3] = (float) (x1 + r.nextDouble() * 0.7 * iw);
            b[i * 5 + 4] = (float) (y1 + r.nextDouble() * 0.7 * ih);
        }
        return b;
    }

    @ParameterizedTest(name = "seed {0} n={1} c={2} {3}x{4} k={5} out {6}x{7} sr={8} aligned={9}")
    @CsvSource({
        "1, 1, 3, 7, 9, 5, 3, 3, 2, true",
        "2, 2, 5, 11, 6, 13, 7, 5, 0, true",
        "3, 2, 4, 5, 13, 9, 2, 3, -1, false",
        "4, 1, 1, 1, 1, 3, 1, 1, 2, false",
        "5, 3, 2, 8, 8, 1, 4, 4, 3, false",
        "6, 1, 7, 9, 10, 17, 5, 5, 0, false",
    })
    void fastMatchesReference(long seed, int n, int c, int h, int w, int k, int ph, int pw, int sr, boolean aligned) {
        Random r = new Random(seed);
        double scale = 1.0 / 4;
        float[] x = Rand.gaussian(r, n * c * h * w);
        float[] rois = rois(r, k, n, h, w, scale);
        RoiAlignAttrs a = new RoiAlignAttrs(ph, pw, scale, sr, aligned);
        float[] out = new float[k * c * ph * pw + 3];
        RoiAlignCpu.forward(x, 0, n, c, h, w, rois, 0, k, a, out, 3);
        double[] ref = new double[k * c * ph * pw];
        RoiAlignRef.forward(TensorAsserts.toDouble(x), n, c, h, w, TensorAsserts.toDouble(rois), k, a, ref);
        TensorAsserts.assertClose(java.util.Arrays.copyOfRange(out, 3, out.length), ref, Tolerances.F32_VS_REF, "roi fwd");

        float[] go = Rand.gaussian(r, k * c * ph * pw);
        float[] gi = new float[n * c * h * w];
        java.util.Arrays.fill(gi, 99f); // must be overwritten
        RoiAlignCpu.backward(go, 0, rois, 0, k, n, c, h, w, a, gi, 0);
        double[] gref = new double[n * c * h * w];
        RoiAlignRef.backward(TensorAsserts.toDouble(go), TensorAsserts.toDouble(rois), k, n, c, h, w, a, gref);
        TensorAsserts.assertClose(gi, gref, Tolerances.F32_ACCUM_BWD, "roi bwd");
    }

    @Test
    void matchesTorchvision() {
        Tensor x = Tensor.of(TorchFixtures.ROI_X, 2, 2, 5, 6);
        Tensor rois = Tensor.of(TorchFixtures.ROI_ROIS, 4, 5);
        float[][] expect = {TorchFixtures.ROI_TRUE_2, TorchFixtures.ROI_TRUE_0, TorchFixtures.ROI_FALSE_2,
            TorchFixtures.ROI_FALSE_0};
        boolean[] aligned = {true, true, false, false};
        int[] sr = {2, 0, 2, 0};
        for (int i = 0; i < 4; i++) {
            RoiAlignAttrs a = new RoiAlignAttrs(3, 2, 1.0 / 16, sr[i], aligned[i]);
            Tensor y = Detection.roiAlign(x, rois, a);
            assertEquals(Shape.of(4, 2, 3, 2), y.shape());
            TensorAsserts.assertClose(y.toFloatArray(), expect[i], Tolerances.F32_VS_TORCH, "torchvision " + a);
            Tensor y64 = Detection.roiAlign(x.to(org.sgae.tensor.DType.F64), rois.to(org.sgae.tensor.DType.F64), a);
            TensorAsserts.assertClose(y64.toFloatArray(), expect[i], Tolerances.F32_VS_TORCH, "torchvision f64 " + a);
        }
    }

    @Test
    void emptyAndDegenerate() {
        RoiAlignAttrs a = RoiAlignAttrs.of(2, 1.0, 2, true);
        Tensor x = Tensor.ones(1, 3, 4, 4);
        Tensor none = Detection.roiAlign(x, Tensor.zeros(0, 5), a);
        assertEquals(Shape.of(0, 3, 2, 2), none.shape());
        Tensor g = Detection.roiAlignBackward(none, Tensor.zeros(0, 5), x.shape(), a);
        assertArrayEquals(new float[48], g.toFloatArray());
        // an aligned roi with x2 < x1 samples nothing under adaptive sampling: zeros, as torchvision
        Tensor flipped = Tensor.of(new float[] {0, 3, 3, 1, 1}, 1, 5);
        Tensor y = Detection.roiAlign(x, flipped, RoiAlignAttrs.of(2, 1.0, 0, true));
        assertArrayEquals(new float[12], y.toFloatArray());
        // a roi entirely outside the map samples nothing either
        Tensor far = Tensor.of(new float[] {0, 50, 50, 60, 60}, 1, 5);
        assertArrayEquals(new float[12], Detection.roiAlign(x, far, a).toFloatArray());
        // a roi over a constant map averages to the constant
        Tensor inside = Tensor.of(new float[] {0, 0.5f, 0.5f, 3.2f, 2.9f}, 1, 5);
        for (float v : Detection.roiAlign(x, inside, a).toFloatArray()) {
            TensorAsserts.assertClose(v, 1.0, Tolerances.F32_ELEMENTWISE, "constant map");
        }
    }

    @Test
    void gradientF64() {
        Random r = new Random(11);
        int n = 2, c = 2, h = 5, w = 6, k = 4;
        RoiAlignAttrs a = new RoiAlignAttrs(3, 2, 0.5, 0, false);
        double[] rois = TensorAsserts.toDouble(rois(r, k, n, h, w, 0.5));
        double[] x = TensorAsserts.toDouble(Rand.gaussian(r, n * c * h * w));
        double[] go = TensorAsserts.toDouble(Rand.gaussian(r, k * c * 6));
        double[] analytic = Detection.roiAlignBackward(Tensor.of(go, k, c, 3, 2), Tensor.of(rois, k, 5),
                Shape.of(n, c, h, w), a).toDoubleArray();
        ArrayGradCheck.check("roi_align dL/dx", x, xx -> {
            double[] out = Detection.roiAlign(Tensor.of(xx, n, c, h, w), Tensor.of(rois, k, 5), a).toDoubleArray();
            return ArrayGradCheck.dot(out, go);
        }, analytic);
    }

    @Test
    void badInputsNameTheOpAndShapes() {
        RoiAlignAttrs a = RoiAlignAttrs.of(2, 1.0, 2, true);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Detection.roiAlign(Tensor.zeros(1, 2, 4, 4), Tensor.zeros(3, 4), a));
        assertTrue(e.getMessage().contains("roi_align") && e.getMessage().contains("[3, 4]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Detection.roiAlign(Tensor.zeros(2, 4, 4), Tensor.zeros(3, 5), a));
        assertTrue(e.getMessage().contains("roi_align"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Detection.roiAlign(Tensor.zeros(1, 2, 4, 4), Tensor.of(new float[] {1, 0, 0, 1, 1}, 1, 5), a));
        assertTrue(e.getMessage().contains("batch index"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Detection.roiAlignBackward(Tensor.zeros(2, 2, 2, 2), Tensor.zeros(3, 5), Shape.of(1, 2, 4, 4), a));
        assertTrue(e.getMessage().contains("roi_align_backward"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> RoiAlignAttrs.of(0, 1.0, 2, true));
    }
}
