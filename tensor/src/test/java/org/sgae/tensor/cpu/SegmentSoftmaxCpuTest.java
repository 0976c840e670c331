package org.sgae.tensor.cpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.sgae.tensor.DType;
import org.sgae.tensor.Rand;
import org.sgae.tensor.Shape;
import org.sgae.tensor.Tensor;
import org.sgae.tensor.TensorAsserts;
import org.sgae.tensor.Tolerances;
import org.sgae.tensor.cpu.ref.SegmentSoftmaxRef;
import org.sgae.tensor.ops.Reduce;

/** Segment softmax: the F32 fast path against the double reference, its defining properties, and the checks. */
class SegmentSoftmaxCpuTest {
    /** CSR offsets of random segment sizes 0..maxLen (empty segments included) over segs segments. */
    static int[] offsets(Random r, int segs, int maxLen) {
        int[] off = new int[segs + 1];
        for (int s = 0; s < segs; s++) {
            off[s + 1] = off[s] + r.nextInt(maxLen + 1);
        }
        return off;
    }

    @ParameterizedTest(name = "seed {0} S={1} maxLen={2} H={3}")
    @CsvSource({
        "1, 7, 5, 1",
        "2, 13, 9, 8",
        "3, 1, 1, 3",
        "4, 0, 3, 2",
        "5, 512, 15, 1",
        "6, 64, 12, 8",
    })
    void fastMatchesReference(long seed, int segs, int maxLen, int h) {
        Random r = new Random(seed);
        int[] off = offsets(r, segs, maxLen);
        int rows = off[segs];
        float[] x = Rand.gaussian(r, rows * h);
        for (int i = 0; i < x.length; i++) {
            x[i] *= 4;
        }
        float[] y = new float[rows * h];
        SegmentSoftmaxCpu.forward(x, 0, off, h, y, 0);
        double[] ref = new double[rows * h];
        SegmentSoftmaxRef.forward(TensorAsserts.toDouble(x), off, rows, h, ref);
        TensorAsserts.assertClose(y, ref, Tolerances.F32_TRANSCENDENTAL, "segment_softmax fwd");

        float[] g = Rand.gaussian(r, rows * h);
        float[] dx = new float[rows * h];
        SegmentSoftmaxCpu.backward(g, 0, y, 0, off, h, dx, 0);
        double[] dxr = new double[rows * h];
        SegmentSoftmaxRef.backward(TensorAsserts.toDouble(g), TensorAsserts.toDouble(y), off, rows, h, dxr);
        TensorAsserts.assertClose(dx, dxr, Tolerances.F32_TRANSCENDENTAL, "segment_softmax bwd");
    }

    /** Each non-empty segment sums to 1 per column; a one-row segment is exactly 1; ±1e3 logits stay finite. */
    @Test
    void segmentsSumToOneAndLargeLogitsStayFinite() {
        int[] off = {0, 3, 3, 4, 8, 8};
        float[] x = {1e3f, -1e3f, 999f, 5f, -1e3f, -1e3f, -999.5f, 1e3f};
        for (DType dt : new DType[] {DType.F32, DType.F64}) {
            Tensor y = Reduce.segmentSoftmax(Tensor.of(x, 8).to(dt), Tensor.ofInts(off, 6));
            double[] v = y.toDoubleArray();
            for (double e : v) {
                assertTrue(Double.isFinite(e) && e >= 0 && e <= 1, dt + " " + java.util.Arrays.toString(v));
            }
            assertEquals(1.0, v[0] + v[1] + v[2], 1e-6, "segment 0 " + dt);
            assertEquals(1.0, v[3], 0.0, "one-row segment " + dt);
            assertEquals(1.0, v[4] + v[5] + v[6] + v[7], 1e-6, "segment 3 " + dt);
            assertEquals(1 / (1 + Math.exp(-1)), v[0], 1e-6, "1e3 vs 999 " + dt);
            assertEquals(0.0, v[1], 0.0, "exp(-2000) underflows to 0, not NaN " + dt);
        }
        // [E,H]: per column
        Random r = new Random(9);
        int[] off2 = offsets(r, 20, 6);
        int rows = off2[20];
        Tensor y = Reduce.segmentSoftmax(Rand.f32(3, rows, 8), Tensor.ofInts(off2, 21));
        assertEquals(Shape.of(rows, 8), y.shape());
        float[] v = y.toFloatArray();
        for (int s = 0; s < 20; s++) {
            for (int c = 0; c < 8 && off2[s] < off2[s + 1]; c++) {
                double sum = 0;
                for (int row = off2[s]; row < off2[s + 1]; row++) {
                    sum += v[row * 8 + c];
                }
                assertEquals(1.0, sum, 1e-5, "segment " + s + " column " + c);
            }
        }
    }

    /** No segments and no rows: an empty result. */
    @Test
    void noSegments() {
        Tensor y = Reduce.segmentSoftmax(Tensor.zeros(0, 4), Tensor.ofLongs(new long[] {0}, 1));
        assertEquals(Shape.of(0, 4), y.shape());
        assertArrayEquals(new float[0], y.toFloatArray());
    }

    @Test
    void badOffsetsNameTheEntry() {
        Tensor x = Rand.f32(1, 5);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Reduce.segmentSoftmax(x, Tensor.ofInts(new int[] {0, 3, 2, 5}, 4)));
        assertEquals("segment_softmax: offsets must be a CSR of the 5 rows (0 = offsets[0] <= ... <= offsets[S] = 5),"
                + " got offsets[2] = 2", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Reduce.segmentSoftmax(x, Tensor.ofInts(new int[] {0, 3, 4}, 3)));
        assertEquals("segment_softmax: offsets must be a CSR of the 5 rows (0 = offsets[0] <= ... <= offsets[S] = 5),"
                + " got offsets[2] = 4", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Reduce.segmentSoftmax(Rand.f32(1, 2, 2, 2), Tensor.ofInts(new int[] {0, 2}, 2)));
        assertEquals("segment_softmax: x must be [E] or [E,H], got [2, 2, 2]", e.getMessage());
    }
}
