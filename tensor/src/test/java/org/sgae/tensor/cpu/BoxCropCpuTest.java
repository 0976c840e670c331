package org.sgae.tensor.cpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.sgae.tensor.Rand;
import org.sgae.tensor.Shape;
import org.sgae.tensor.Tensor;
import org.sgae.tensor.TensorAsserts;
import org.sgae.tensor.Tolerances;
import org.sgae.tensor.attrs.BoxCropAttrs;
import org.sgae.tensor.cpu.ref.BoxCropRef;
import org.sgae.tensor.ops.Layout;

/** Box crops: the F32 fast path against the double reference, worked values, and the input checks. */
class BoxCropCpuTest {
    @ParameterizedTest(name = "seed {0} B={1} C={2} {3}x{4} O={5} S={6}")
    @CsvSource({
        "1, 1, 3, 16, 16, 5, 8",
        "2, 3, 2, 13, 9, 7, 5",
        "3, 2, 1, 7, 11, 9, 1",
        "4, 2, 3, 1, 1, 3, 4",
        "5, 4, 2, 6, 6, 0, 3",
        "6, 2, 4, 20, 17, 11, 32",
    })
    void fastMatchesReference(long seed, int b, int c, int h, int w, int o, int s) {
        Random r = new Random(seed);
        BoxCropAttrs a = new BoxCropAttrs(s);
        float[] img = Rand.gaussian(r, b * c * h * w);
        float[] bx = LayoutWarpCpuTest.boxes(r, o);
        int[] idx = LayoutWarpCpuTest.images(r, o, b);
        float[] out = new float[o * c * s * s];
        BoxCropCpu.forward(img, 0, c, h, w, bx, 0, idx, a, out, 0);
        double[] ref = new double[o * c * s * s];
        BoxCropRef.forward(TensorAsserts.toDouble(img), b, c, h, w, TensorAsserts.toDouble(bx), idx, a, ref);
        TensorAsserts.assertClose(out, ref, Tolerances.F32_VS_REF, "box_crop fwd");

        float[] go = Rand.gaussian(r, o * c * s * s);
        float[] gi = new float[b * c * h * w];
        float[] gb = new float[o * 4];
        BoxCropCpu.backward(go, 0, img, 0, b, c, h, w, bx, 0, idx, a, gi, 0, gb, 0);
        double[] gir = new double[b * c * h * w];
        double[] gbr = new double[o * 4];
        BoxCropRef.backward(TensorAsserts.toDouble(go), TensorAsserts.toDouble(img), b, c, h, w,
                TensorAsserts.toDouble(bx), idx, a, gir, gbr);
        TensorAsserts.assertClose(gi, gir, Tolerances.F32_ACCUM_BWD, "box_crop grad images");
        TensorAsserts.assertClose(gb, gbr, Tolerances.F32_ACCUM_BWD, "box_crop grad boxes");

        // each gradient alone gives the same values as both together
        float[] giOnly = new float[b * c * h * w];
        BoxCropCpu.backward(go, 0, img, 0, b, c, h, w, bx, 0, idx, a, giOnly, 0, null, 0);
        assertArrayEquals(gi, giOnly);
        float[] gbOnly = new float[o * 4];
        BoxCropCpu.backward(go, 0, img, 0, b, c, h, w, bx, 0, idx, a, null, 0, gbOnly, 0);
        assertArrayEquals(gb, gbOnly);
    }

    /** The box [0,0,1,1] with S = H = W samples every pixel centre exactly: the crop is the image, bit for bit. */
    @Test
    void wholeImageBoxReturnsTheImage() {
        for (int n : new int[] {1, 5, 32}) {
            Tensor img = Rand.f32(11, 2, 3, n, n);
            Tensor boxes = Tensor.of(new float[] {0, 0, 1, 1, 0, 0, 1, 1}, 2, 4);
            Tensor idx = Tensor.ofInts(new int[] {1, 0}, 2);
            Tensor out = Layout.boxCrop(img, boxes, idx, n);
            assertEquals(Shape.of(2, 3, n, n), out.shape());
            float[] all = img.toFloatArray();
            float[] got = out.toFloatArray();
            int plane = 3 * n * n;
            assertArrayEquals(java.util.Arrays.copyOfRange(all, plane, 2 * plane),
                    java.util.Arrays.copyOfRange(got, 0, plane), "crop of image 1");
            assertArrayEquals(java.util.Arrays.copyOfRange(all, 0, plane),
                    java.util.Arrays.copyOfRange(got, plane, 2 * plane), "crop of image 0");
            Tensor out64 = Layout.boxCrop(img.to(org.sgae.tensor.DType.F64), boxes.to(org.sgae.tensor.DType.F64),
                    idx, n);
            assertArrayEquals(out.toDoubleArray(), out64.toDoubleArray(), "F64 reference, same exact values");
        }
    }

    /**
     * Hand-computed half-pixel samples on the 3×3 image 0..8 (row-major): the box x 0.25..0.75 at y = 0.25 with
     * S = 2 samples X = 0.5 and 1.5 (W−1 = 2) on row Y = 0.5, i.e. the means of 2×2 blocks: (0+1+3+4)/4 = 2 and
     * (1+2+4+5)/4 = 3. A box starting at x = −0.25 samples X = −0.5: half of column 0, half of the zero padding.
     * S = 1 samples the box's corner (x0, y0) only.
     */
    @Test
    void halfPixelWorkedValues() {
        for (org.sgae.tensor.DType dt : new org.sgae.tensor.DType[] {org.sgae.tensor.DType.F32,
            org.sgae.tensor.DType.F64}) {
            Tensor img = Tensor.of(new float[] {0, 1, 2, 3, 4, 5, 6, 7, 8}, 1, 1, 3, 3).to(dt);
            Tensor idx = Tensor.ofLongs(new long[] {0, 0}, 2);
            Tensor boxes = Tensor.of(new float[] {0.25f, 0.25f, 0.75f, 0.25f, -0.25f, 0.5f, 0.25f, 0.5f}, 2, 4)
                    .to(dt);
            double[] got = Layout.boxCrop(img, boxes, idx, 2).toDoubleArray();
            // box 0: row Y = 0.5 twice (y0 = y1); box 1: row Y = 1, X = −0.5 and 0.5
            assertArrayEquals(new double[] {2, 3, 2, 3, 0.5 * 3, 3.5, 0.5 * 3, 3.5}, got, 1e-6, dt.toString());
            double[] one = Layout.boxCrop(img, boxes, idx, 1).toDoubleArray();
            assertArrayEquals(new double[] {2, 0.5 * 3}, one, 1e-6, "S = 1 " + dt);
        }
    }

    /** A box wholly outside the image crops zeros, and its gradients are zero. */
    @Test
    void boxOutsideTheImageIsZero() {
        Tensor img = Rand.f32(3, 1, 2, 5, 5);
        Tensor boxes = Tensor.of(new float[] {1.5f, 0.1f, 2.5f, 0.9f}, 1, 4);
        Tensor idx = Tensor.ofInts(new int[] {0}, 1);
        assertArrayEquals(new float[2 * 4 * 4], Layout.boxCrop(img, boxes, idx, 4).toFloatArray());
        Tensor[] g = Layout.boxCropBackward(Rand.f32(4, 1, 2, 4, 4), img, boxes, idx, new BoxCropAttrs(4), true,
                true);
        assertArrayEquals(new float[2 * 5 * 5], g[0].toFloatArray());
        assertArrayEquals(new float[4], g[1].toFloatArray());
        assertNull(Layout.boxCropBackward(Rand.f32(4, 1, 2, 4, 4), img, boxes, idx, new BoxCropAttrs(4), false,
                true)[0]);
    }

    @Test
    void badInputsNameTheOpAndShapes() {
        Tensor img = Rand.f32(1, 2, 3, 5, 5);
        Tensor boxes = Tensor.of(new float[] {0, 0, 1, 1}, 1, 4);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Layout.boxCrop(img, boxes, Tensor.ofInts(new int[] {2}, 1), 4));
        assertEquals("box_crop: imageIndex[0] = 2 outside [0,2)", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Layout.boxCrop(img, Tensor.of(new float[] {0, 0, 1}, 1, 3), Tensor.ofInts(new int[] {0}, 1),
                        4));
        assertEquals("box_crop: expected boxes [O,4] and imageIndex [O], got [1, 3] and [1]", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Layout.boxCrop(img, boxes, Tensor.ofInts(new int[] {0}, 1), 0));
        assertEquals("box_crop: crop size must be >= 1, got 0", e.getMessage());
    }
}
