package org.sgae.tensor.cpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.sgae.tensor.DType;
import org.sgae.tensor.Shape;
import org.sgae.tensor.Tensor;
import org.sgae.tensor.TensorAsserts;
import org.sgae.tensor.Tolerances;
import org.sgae.tensor.attrs.BoxCoderAttrs;
import org.sgae.tensor.attrs.BoxConvention;
import org.sgae.tensor.cpu.ref.BoxRef;
import org.sgae.tensor.ops.Detection;

class NmsCpuTest {
    private static final BoxConvention TV = BoxConvention.TORCHVISION;

    static float[] boxes(Random r, int n, double size) {
        float[] b = new float[n * 4];
        for (int i = 0; i < n; i++) {
            double x = r.nextDouble() * 100;
            double y = r.nextDouble() * 100;
            b[4 * i] = (float) x;
            b[4 * i + 1] = (float) y;
            b[4 * i + 2] = (float) (x + 1 + r.nextDouble() * size);
            b[4 * i + 3] = (float) (y + 1 + r.nextDouble() * size);
        }
        return b;
    }

    static long[] longs(int[] a) {
        long[] l = new long[a.length];
        for (int i = 0; i < a.length; i++) {
            l[i] = a[i];
        }
        return l;
    }

    @Test
    void matchesTorchvision() {
        Tensor b = Tensor.of(new float[] {0, 0, 10, 10, 1, 1, 11, 11, 0, 0, 10, 10, 20, 20, 30, 30, 21, 19, 29, 31,
            5, 5, 15, 15}, 6, 4);
        Tensor s = Tensor.of(new float[] {0.9f, 0.8f, 0.9f, 0.7f, 0.75f, 0.6f}, 6);
        assertArrayEquals(longs(TorchFixtures.NMS_KEEP_05), Detection.nms(b, s, 0.5, TV).toLongArray());
        assertArrayEquals(longs(TorchFixtures.NMS_KEEP_01), Detection.nms(b, s, 0.1, TV).toLongArray());
        TensorAsserts.assertClose(Detection.boxIou(b, b, TV).toFloatArray(), TorchFixtures.IOU, Tolerances.F32_VS_TORCH, "iou");
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(ints = {1, 2, 3})
    void fastMatchesReference(int seed) {
        Random r = new Random(seed);
        int n = 50 + 37 * seed;
        float[] b = boxes(r, n, 30);
        float[] s = new float[n];
        long[] cls = new long[n];
        for (int i = 0; i < n; i++) {
            s[i] = r.nextInt(20) / 20f; // many ties
            cls[i] = r.nextInt(3);
        }
        for (BoxConvention c : BoxConvention.values()) {
            for (double thr : new double[] {0.3, 0.5, 0.7}) {
                int[] ref = BoxRef.nms(TensorAsserts.toDouble(b), TensorAsserts.toDouble(s), null, n, thr, c.offset());
                assertArrayEquals(ref, NmsCpu.nms(b, 0, s, 0, null, 0, n, thr, c.offset()), "nms " + c + " " + thr);
                int[] refc = BoxRef.nms(TensorAsserts.toDouble(b), TensorAsserts.toDouble(s), cls, n, thr, c.offset());
                Tensor kept = Detection.batchedNms(Tensor.of(b, n, 4), Tensor.of(s, n), Tensor.ofLongs(cls, n), thr, c);
                assertArrayEquals(longs(refc), kept.toLongArray(), "batched nms " + c + " " + thr);
            }
            int m = 7;
            float[] b2 = boxes(r, m, 30);
            double[] ref = new double[n * m];
            BoxRef.iouMatrix(TensorAsserts.toDouble(b), n, TensorAsserts.toDouble(b2), m, c.offset(), ref);
            TensorAsserts.assertClose(Detection.boxIou(Tensor.of(b, n, 4), Tensor.of(b2, m, 4), c).toFloatArray(), ref,
                    Tolerances.F32_VS_REF, "iou " + c);
        }
    }

    @Test
    void iouEdgeCases() {
        double[] a = {0, 0, 10, 10};
        assertEquals(1.0, BoxRef.iou(a, 0, a, 0, 0));
        assertEquals(0.0, BoxRef.iou(a, 0, new double[] {10, 0, 20, 10}, 0, 0), "touching boxes, +0");
        // with +1 widths the touching column overlaps: inter 1x11, union 2*121 - 11
        TensorAsserts.assertClose(BoxRef.iou(a, 0, new double[] {10, 0, 20, 10}, 0, 1), 11.0 / 231, Tolerances.F64_EXACTISH,
                "iou");
        assertEquals(0.0, BoxRef.iou(new double[] {3, 3, 3, 3}, 0, new double[] {3, 3, 3, 3}, 0, 0),
                "two empty boxes: union 0 gives 0, not NaN");
        assertEquals(1.0, BoxRef.iou(new double[] {3, 3, 3, 3}, 0, new double[] {3, 3, 3, 3}, 0, 1), "+1: one pixel");
        Tensor e = Detection.boxIou(Tensor.zeros(0, 4), Tensor.of(new float[] {0, 0, 1, 1}, 1, 4), TV);
        assertEquals(Shape.of(0, 1), e.shape());
    }

    @Test
    void nmsEdgeCases() {
        assertEquals(0, Detection.nms(Tensor.zeros(0, 4), Tensor.zeros(0), 0.5, TV).numel());
        assertArrayEquals(new long[] {0}, Detection.nms(Tensor.of(new float[] {0, 0, 1, 1}, 1, 4),
                Tensor.of(new float[] {0.1f}, 1), 0.5, TV).toLongArray());
        // IoU exactly at the threshold does not suppress (strictly greater suppresses): [0,0,2,1] vs [1,0,3,1]
        // overlap 1, union 3 -> IoU 1/3
        Tensor b = Tensor.of(new float[] {0, 0, 2, 1, 1, 0, 3, 1}, 2, 4);
        Tensor s = Tensor.of(new float[] {0.5f, 0.5f}, 2);
        assertArrayEquals(new long[] {0, 1}, Detection.nms(b, s, 1.0 / 3, TV).toLongArray());
        assertArrayEquals(new long[] {0}, Detection.nms(b, s, 0.33, TV).toLongArray());
        // equal scores: lower index wins; different classes never suppress
        Tensor same = Tensor.of(new float[] {0, 0, 5, 5, 0, 0, 5, 5, 0, 0, 5, 5}, 3, 4);
        Tensor sc = Tensor.of(new float[] {0.2f, 0.9f, 0.9f}, 3);
        assertArrayEquals(new long[] {1}, Detection.nms(same, sc, 0.5, TV).toLongArray());
        assertArrayEquals(new long[] {1, 0}, Detection.batchedNms(same, sc, Tensor.ofInts(new int[] {1, 0, 0}, 3),
                0.5, TV).toLongArray());
        assertEquals(DType.I64, Detection.nms(same, sc, 0.5, TV).dtype());
        // F64 goes through the reference and agrees
        assertArrayEquals(new long[] {1}, Detection.nms(same.to(DType.F64), sc.to(DType.F64), 0.5, TV).toLongArray());
    }

    @Test
    void encodeDecodeRoundTripAndClamp() {
        Random r = new Random(5);
        int n = 9;
        float[] ref = boxes(r, n, 40);
        float[] gt = boxes(r, n, 40);
        for (BoxConvention c : BoxConvention.values()) {
            BoxCoderAttrs a = new BoxCoderAttrs(10, 10, 5, 5, BoxCoderAttrs.DEFAULT_CLIP, c);
            Tensor d = Detection.boxEncode(Tensor.of(ref, n, 4), Tensor.of(gt, n, 4), a);
            Tensor back = Detection.boxDecode(d, Tensor.of(ref, n, 4), a);
            TensorAsserts.assertClose(back.toFloatArray(), gt, Tolerances.F32_BOX_CODER, "roundtrip " + c);
        }
        // a huge dw is clamped at ln(1000/16): width = 62.5 * anchor width
        BoxCoderAttrs a = BoxCoderAttrs.of(1, 1, 1, 1);
        Tensor out = Detection.boxDecode(Tensor.of(new double[] {0, 0, 50, 0}, 1, 4),
                Tensor.of(new double[] {0, 0, 2, 2}, 1, 4), a);
        double[] o = out.toDoubleArray();
        TensorAsserts.assertClose(o[2] - o[0], 125.0, Tolerances.F64_EXACTISH, "clamped width");
        TensorAsserts.assertClose(o[3] - o[1], 2.0, Tolerances.F64_EXACTISH, "height");
        // class-specific deltas [N, 4J]: two classes decoded against the same box
        Tensor two = Detection.boxDecode(Tensor.zeros(1, 8), Tensor.of(new float[] {1, 2, 3, 4}, 1, 4), a);
        assertArrayEquals(new float[] {1, 2, 3, 4, 1, 2, 3, 4}, two.toFloatArray());
        Tensor twoP1 = Detection.boxDecode(Tensor.zeros(1, 4), Tensor.of(new float[] {1, 2, 3, 4}, 1, 4),
                a.withConvention(BoxConvention.PLUS_ONE));
        assertArrayEquals(new float[] {1, 2, 3, 4}, twoP1.toFloatArray());
    }

    @Test
    void badInputsNameTheOpAndShapes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Detection.nms(Tensor.zeros(3, 5), Tensor.zeros(3), 0.5, TV));
        assertTrue(e.getMessage().contains("nms") && e.getMessage().contains("[3, 5]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Detection.nms(Tensor.zeros(3, 4), Tensor.zeros(2), 0.5, TV));
        assertTrue(e.getMessage().contains("[2]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Detection.boxIou(Tensor.zeros(3, 4), Tensor.zeros(3, 3), TV));
        assertTrue(e.getMessage().contains("box_iou"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Detection.boxDecode(Tensor.zeros(3, 6),
                Tensor.zeros(3, 4), BoxCoderAttrs.of(1, 1, 1, 1)));
        assertTrue(e.getMessage().contains("box_decode") && e.getMessage().contains("[3, 6]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Detection.boxEncode(Tensor.zeros(3, 4),
                Tensor.zeros(2, 4), BoxCoderAttrs.of(1, 1, 1, 1)));
        assertTrue(e.getMessage().contains("box_encode"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> BoxCoderAttrs.of(0, 1, 1, 1));
    }
}
