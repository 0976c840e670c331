package org.sgae.tensor.cpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.sgae.tensor.ArrayGradCheck;
import org.sgae.tensor.DType;
import org.sgae.tensor.Rand;
import org.sgae.tensor.Shape;
import org.sgae.tensor.Tensor;
import org.sgae.tensor.TensorAsserts;
import org.sgae.tensor.Tolerances;
import org.sgae.tensor.attrs.LayoutGrid;
import org.sgae.tensor.attrs.LayoutWarpAttrs;
import org.sgae.tensor.cpu.ref.LayoutWarpRef;
import org.sgae.tensor.ops.Layout;

class LayoutWarpCpuTest {
    /** Boxes (x0,y0,x1,y1) with sizes 0.05..0.65, some sticking out of [0,1]. */
    static float[] boxes(Random r, int o) {
        float[] b = new float[o * 4];
        for (int i = 0; i < o; i++) {
            double bw = 0.05 + 0.6 * r.nextDouble();
            double bh = 0.05 + 0.6 * r.nextDouble();
            double x0 = r.nextDouble() * 1.2 - 0.15;
            double y0 = r.nextDouble() * 1.2 - 0.15;
            b[i * 4] = (float) x0;
            b[i * 4 + 1] = (float) y0;
            b[i * 4 + 2] = (float) (x0 + bw);
            b[i * 4 + 3] = (float) (y0 + bh);
        }
        return b;
    }

    static int[] images(Random r, int o, int b) {
        int[] img = new int[o];
        for (int i = 0; i < o; i++) {
            img[i] = r.nextInt(b);
        }
        return img;
    }

    @ParameterizedTest(name = "seed {0} B={1} O={2} D={3} {4}x{5} M={6} {7}")
    @CsvSource({
        "1, 1, 5, 3, 16, 16, 8, PIXEL_CENTERS",
        "2, 3, 7, 5, 13, 9, 8, PIXEL_CENTERS",
        "3, 2, 9, 4, 11, 17, 8, SG2IM",
        "4, 1, 1, 1, 1, 1, 8, PIXEL_CENTERS",
        "5, 2, 4, 3, 7, 5, 1, SG2IM",
        "6, 4, 0, 3, 6, 6, 8, PIXEL_CENTERS",
        "7, 2, 6, 2, 10, 12, 3, PIXEL_CENTERS",
    })
    void fastMatchesReference(long seed, int b, int o, int d, int h, int w, int m, LayoutGrid grid) {
        Random r = new Random(seed);
        LayoutWarpAttrs a = new LayoutWarpAttrs(b, h, w, m, grid);
        float[] v = Rand.gaussian(r, o * d);
        float[] bx = boxes(r, o);
        int[] img = images(r, o, b);
        float[] out = new float[b * d * h * w];
        LayoutWarpCpu.forward(v, 0, o, d, bx, 0, img, a, out, 0);
        double[] ref = new double[b * d * h * w];
        LayoutWarpRef.forward(TensorAsserts.toDouble(v), false, o, d, TensorAsserts.toDouble(bx), img, a, ref);
        TensorAsserts.assertClose(out, ref, Tolerances.F32_VS_REF, "layout fwd");

        float[] go = Rand.gaussian(r, b * d * h * w);
        float[] gv = new float[o * d];
        float[] gb = new float[o * 4];
        LayoutWarpCpu.backward(go, 0, v, 0, o, d, bx, 0, img, a, gv, 0, gb, 0);
        double[] gvr = new double[o * d];
        double[] gbr = new double[o * 4];
        LayoutWarpRef.backward(TensorAsserts.toDouble(go), TensorAsserts.toDouble(v), false, o, d, TensorAsserts.toDouble(bx), img, a,
                gvr, gbr);
        TensorAsserts.assertClose(gv, gvr, Tolerances.F32_ACCUM_BWD, "layout grad vecs");
        TensorAsserts.assertClose(gb, gbr, Tolerances.F32_ACCUM_BWD, "layout grad boxes");
    }

    @Test
    void matchesTorchAffineGridAndSg2imGrid() {
        Tensor v = Tensor.of(TorchFixtures.LAY_VECS, 3, 2);
        Tensor bx = Tensor.of(TorchFixtures.LAY_BOXES, 3, 4);
        Tensor img = Tensor.ofLongs(new long[] {0, 1, 0}, 3);
        Tensor y = Layout.layoutWarp(v, bx, img, LayoutWarpAttrs.of(2, 9, 11));
        assertEquals(Shape.of(2, 2, 9, 11), y.shape());
        TensorAsserts.assertClose(y.toFloatArray(), TorchFixtures.LAY_OUT, Tolerances.F32_VS_TORCH, "anchor convention");
        Tensor y2 = Layout.layoutWarp(v, bx, img, new LayoutWarpAttrs(2, 9, 11, 8, LayoutGrid.SG2IM));
        TensorAsserts.assertClose(y2.toFloatArray(), TorchFixtures.LAY_OUT_SG2IM, Tolerances.F32_VS_TORCH, "sg2im convention");
        Tensor y64 = Layout.layoutWarp(v.to(DType.F64), bx.to(DType.F64), img, LayoutWarpAttrs.of(2, 9, 11));
        TensorAsserts.assertClose(y64.toFloatArray(), TorchFixtures.LAY_OUT, Tolerances.F32_VS_TORCH, "anchor convention f64");
    }

    @Test
    void constantMapsEqualVectors() {
        Random r = new Random(21);
        int o = 4, d = 3, m = 8;
        LayoutWarpAttrs a = new LayoutWarpAttrs(2, 10, 12, m, LayoutGrid.PIXEL_CENTERS);
        float[] v = Rand.gaussian(r, o * d);
        float[] maps = new float[o * d * m * m];
        for (int i = 0; i < o * d; i++) {
            java.util.Arrays.fill(maps, i * m * m, (i + 1) * m * m, v[i]);
        }
        Tensor bx = Tensor.of(boxes(r, o), o, 4);
        Tensor img = Tensor.ofInts(new int[] {1, 0, 1, 1}, o);
        Tensor yv = Layout.layoutWarp(Tensor.of(v, o, d), bx, img, a);
        Tensor ym = Layout.layoutWarp(Tensor.of(maps, o, d, m, m), bx, img, a);
        TensorAsserts.assertClose(ym.toFloatArray(), yv.toFloatArray(), Tolerances.F32_VS_REF, "maps vs vectors");
        Tensor go = Tensor.of(Rand.gaussian(r, 2 * d * 120), 2, d, 10, 12);
        Tensor[] gv = Layout.layoutWarpBackward(go, Tensor.of(v, o, d), bx, img, a, true);
        Tensor[] gm = Layout.layoutWarpBackward(go, Tensor.of(maps, o, d, m, m), bx, img, a, true);
        float[] summed = new float[o * d];
        float[] gmf = gm[0].toFloatArray();
        for (int i = 0; i < o * d * m * m; i++) {
            summed[i / (m * m)] += gmf[i];
        }
        TensorAsserts.assertClose(summed, gv[0].toFloatArray(), Tolerances.F32_ACCUM_BWD, "map grads summed");
        TensorAsserts.assertClose(gm[1].toFloatArray(), gv[1].toFloatArray(), Tolerances.F32_ACCUM_BWD, "box grads");
        assertNull(Layout.layoutWarpBackward(go, Tensor.of(v, o, d), bx, img, a, false)[1]);
    }

    @ParameterizedTest(name = "{0} maps={1}")
    @CsvSource({"PIXEL_CENTERS, false", "SG2IM, false", "PIXEL_CENTERS, true", "SG2IM, true"})
    void gradientF64(LayoutGrid grid, boolean maps) {
        Random r = new Random(grid.ordinal() * 2 + (maps ? 1 : 0) + 31);
        int o = 3, d = 2, m = 4, b = 2, h = 7, w = 9;
        LayoutWarpAttrs a = new LayoutWarpAttrs(b, h, w, m, grid);
        int[] srcShape = maps ? new int[] {o, d, m, m} : new int[] {o, d};
        double[] src = TensorAsserts.toDouble(Rand.gaussian(r, maps ? o * d * m * m : o * d));
        double[] bx = TensorAsserts.toDouble(boxes(r, o));
        Tensor img = Tensor.ofLongs(new long[] {0, 1, 0}, o);
        double[] go = TensorAsserts.toDouble(Rand.gaussian(r, b * d * h * w));
        Tensor[] g = Layout.layoutWarpBackward(Tensor.of(go, b, d, h, w), Tensor.of(src, srcShape),
                Tensor.of(bx, o, 4), img, a, true);
        ArrayGradCheck.check("layout dL/dsrc", src, s -> ArrayGradCheck.dot(go,
                Layout.layoutWarp(Tensor.of(s, srcShape), Tensor.of(bx, o, 4), img, a).toDoubleArray()),
                g[0].toDoubleArray());
        ArrayGradCheck.check("layout dL/dboxes", bx, q -> ArrayGradCheck.dot(go,
                Layout.layoutWarp(Tensor.of(src, srcShape), Tensor.of(q, o, 4), img, a).toDoubleArray()),
                g[1].toDoubleArray());
    }

    @Test
    void emptyObjectsGiveZeroCanvas() {
        LayoutWarpAttrs a = LayoutWarpAttrs.of(2, 4, 4);
        Tensor y = Layout.layoutWarp(Tensor.zeros(0, 3), Tensor.zeros(0, 4), Tensor.ofLongs(new long[0], 0), a);
        assertArrayEquals(new float[2 * 3 * 16], y.toFloatArray());
        Tensor[] g = Layout.layoutWarpBackward(y, Tensor.zeros(0, 3), Tensor.zeros(0, 4),
                Tensor.ofLongs(new long[0], 0), a, true);
        assertEquals(Shape.of(0, 3), g[0].shape());
        assertEquals(Shape.of(0, 4), g[1].shape());
    }

    @Test
    void badInputsNameTheOpAndShapes() {
        LayoutWarpAttrs a = LayoutWarpAttrs.of(1, 4, 4);
        Tensor img = Tensor.ofLongs(new long[] {0, 0}, 2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Layout.layoutWarp(Tensor.zeros(2, 3), Tensor.zeros(3, 4), img, a));
        assertTrue(e.getMessage().contains("layout_warp") && e.getMessage().contains("[3, 4]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Layout.layoutWarp(Tensor.zeros(2, 3, 5, 5), Tensor.zeros(2, 4), img, a));
        assertTrue(e.getMessage().contains("[2, 3, 5, 5]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Layout.layoutWarp(Tensor.zeros(2, 3),
                Tensor.zeros(2, 4), Tensor.ofLongs(new long[] {0, 1}, 2), a));
        assertTrue(e.getMessage().contains("objToImg[1] = 1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Layout.layoutWarp(Tensor.zeros(2, 3), Tensor.zeros(2, 4), Tensor.zeros(2), a));
        assertTrue(e.getMessage().contains("layout_warp"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Layout.layoutWarpBackward(Tensor.zeros(1, 3, 5, 4),
                Tensor.zeros(2, 3), Tensor.zeros(2, 4), img, a, true));
        assertTrue(e.getMessage().contains("layout_warp_backward"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new LayoutWarpAttrs(1, 0, 4, 8, LayoutGrid.SG2IM));
    }
}
