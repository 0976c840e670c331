package org.sgae.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.sgae.tensor.DType;
import org.sgae.tensor.ExactSoftmax;
import org.sgae.tensor.Tensor;
import org.sgae.tensor.TensorAsserts;
import org.sgae.tensor.Tolerances;
import org.sgae.tensor.attrs.ReduceOp;
import org.sgae.tensor.ops.Reduce;

/**
 * reduce.k against the CPU backend's double path: both kernel layouts (inner = 1 rows, inner > 1 cols), row
 * lengths below, at and above the 256-thread group, empty and single outputs, three seeds. Segment softmax
 * (segment_softmax.k) against the F64 reference through the facade: [E] and [E,H], empty and one-row segments, I32
 * and I64 offsets, large logits, determinism, and bad offsets reported at the next synchronisation.
 */
public abstract class ReduceParityContract extends ParityBase {
    /** {outer, n, inner}; {2, 20001, 1} takes the two-stage row path (5 chunks, the last one short). */
    private static final int[][] LAYOUTS = {{3, 1000, 1}, {2, 257, 5}, {1, 1, 1}, {5, 3, 1}, {7, 256, 1},
        {0, 5, 1}, {2, 4, 0}, {1, 300, 33}, {2, 20001, 1}};

    @ParameterizedTest
    @EnumSource(ReduceOp.class)
    void reduce(ReduceOp op) {
        for (long seed : ParityBase.SEEDS) {
            for (int[] l : LAYOUTS) {
                Tensor x = uniform(seed, -1f, 2f, l[0], l[1], l[2]);
                Tensor ref = cpuEmpty(DType.F64, l[0], l[2]);
                cpu().reduce().reduce(op, x.to(DType.F64), l[0], l[1], l[2], ref);
                Tensor out = devEmpty(DType.F32, l[0], l[2]);
                dev().reduce().reduce(op, on(x), l[0], l[1], l[2], out);
                TensorAsserts.assertClose(out.toDoubleArray(), ref.toDoubleArray(), Tolerances.f32Reduction(l[1]),
                        op + " " + java.util.Arrays.toString(l) + " seed " + seed);
            }
        }
    }

    @Test
    void meanOfEmptyIsNaN() {
        Tensor out = devEmpty(DType.F32, 2, 3);
        dev().reduce().reduce(ReduceOp.MEAN, devEmpty(DType.F32, 2, 0, 3), 2, 0, 3, out);
        for (double v : out.toDoubleArray()) {
            org.junit.jupiter.api.Assertions.assertTrue(Double.isNaN(v));
        }
    }

    @Test
    void argReduceWithTies() {
        for (long seed : ParityBase.SEEDS) {
            for (int[] l : LAYOUTS) {
                if (l[1] == 0) {
                    continue;
                }
                // few distinct values: many ties, the first index must win
                float[] v = uniform(seed, 0f, 6f, l[0], l[1], l[2]).toFloatArray();
                for (int i = 0; i < v.length; i++) {
                    v[i] = (float) Math.floor(v[i]);
                }
                Tensor x = Tensor.of(v, l[0], l[1], l[2]);
                for (boolean max : new boolean[] {true, false}) {
                    Tensor ref = cpuEmpty(DType.I64, l[0], l[2]);
                    cpu().reduce().argReduce(max, x, l[0], l[1], l[2], ref);
                    Tensor out = devEmpty(DType.I64, l[0], l[2]);
                    dev().reduce().argReduce(max, on(x), l[0], l[1], l[2], out);
                    TensorAsserts.assertExact(out, ref, (max ? "argmax " : "argmin ") + java.util.Arrays.toString(l));
                }
            }
        }
    }

    @Test
    void softmaxAndLogSoftmax() {
        for (long seed : ParityBase.SEEDS) {
            for (int[] l : LAYOUTS) {
                Tensor x = randn(seed, l[0], l[1], l[2]).mul(4);
                for (boolean log : new boolean[] {false, true}) {
                    Tensor ref = cpuEmpty(DType.F64, l[0], l[1], l[2]);
                    cpu().reduce().softmax(x.to(DType.F64), l[0], l[1], l[2], log, ref);
                    Tensor out = devEmpty(DType.F32, l[0], l[1], l[2]);
                    dev().reduce().softmax(on(x), l[0], l[1], l[2], log, out);
                    TensorAsserts.assertClose(out.toDoubleArray(), ref.toDoubleArray(), Tolerances.f32Reduction(l[1]),
                            (log ? "log_softmax " : "softmax ") + java.util.Arrays.toString(l));
                }
            }
        }
    }
    /**
     * issue 10: rows at ±80 and ±300 against softmax computed in double from the same floats. log-softmax must be
     * (x − m) − log s (not x − (m + log s), whose rounding grows with |m|) and softmax exp(x − m) / s (not
     * exp(x − lse), which scales each row by the rounding of lse). Both layouts; logsumexp on the same rows.
     */
    @Test
    void softmaxOfLargeOffsetRows() {
        for (long seed : ParityBase.SEEDS) {
            for (int[] l : new int[][] {{8, 7, 1}, {4, 300, 1}, {4, 5, 3}, {4, 9, 40}}) {
                float[] x = ExactSoftmax.largeOffsetLogits(seed, l[0], l[1], l[2]);
                for (boolean log : new boolean[] {false, true}) {
                    Tensor out = devEmpty(DType.F32, l);
                    dev().reduce().softmax(on(Tensor.of(x, l)), l[0], l[1], l[2], log, out);
                    TensorAsserts.assertClose(out.toDoubleArray(), ExactSoftmax.of(x, l[0], l[1], l[2], log),
                            Tolerances.f32Reduction(l[1]), (log ? "log_softmax " : "softmax ")
                            + java.util.Arrays.toString(l) + " seed " + seed);
                }
                // logsumexp = m + log s keeps its relative precision (one rounding of a value of size |m|)
                Tensor lse = devEmpty(DType.F32, l[0], l[2]);
                dev().reduce().reduce(ReduceOp.LOGSUMEXP, on(Tensor.of(x, l)), l[0], l[1], l[2], lse);
                TensorAsserts.assertClose(lse.toDoubleArray(), ExactSoftmax.logSumExp(x, l[0], l[1], l[2]),
                        Tolerances.f32Reduction(l[1]), "logsumexp " + java.util.Arrays.toString(l) + " seed " + seed);
            }
        }
    }

    /** CSR offsets [segs+1] of random segment lengths 0..maxLen. */
    private static long[] segmentOffsets(long seed, int segs, int maxLen) {
        Random r = new Random(seed);
        long[] off = new long[segs + 1];
        for (int s = 0; s < segs; s++) {
            off[s + 1] = off[s] + r.nextInt(maxLen + 1);
        }
        return off;
    }

    @Test
    void segmentSoftmaxForwardAndBackward() {
        for (long seed : ParityBase.SEEDS) {
            for (int[] shape : new int[][] {{40, 6, 1}, {25, 9, 8}, {1, 1, 3}, {300, 40, 2}}) {
                int segs = shape[0], h = shape[2];
                long[] off = segmentOffsets(seed, segs, shape[1]);
                int rows = (int) off[segs];
                Tensor offsets = seed == 2 ? Tensor.ofInts(java.util.Arrays.stream(off).mapToInt(v -> (int) v)
                        .toArray(), segs + 1) : Tensor.ofLongs(off, segs + 1);
                Tensor x = h == 1 ? uniform(seed, -30f, 30f, rows) : uniform(seed, -30f, 30f, rows, h);
                Tensor g = h == 1 ? randn(seed + 9, rows) : randn(seed + 9, rows, h);
                String what = java.util.Arrays.toString(shape) + " seed " + seed;
                Tensor ref = Reduce.segmentSoftmax(f64(x), offsets);
                Tensor y = Reduce.segmentSoftmax(on(x), on(offsets));
                close(host(y), ref, Tolerances.F32_TRANSCENDENTAL, "segment_softmax fwd " + what);
                Tensor dxRef = Reduce.segmentSoftmaxBackward(f64(g), ref, offsets);
                Tensor dx = Reduce.segmentSoftmaxBackward(on(g), y, on(offsets));
                close(host(dx), dxRef, Tolerances.F32_TRANSCENDENTAL, "segment_softmax bwd " + what);
                Tensor again = Reduce.segmentSoftmaxBackward(on(g), y, on(offsets));
                assertArrayEquals(host(dx).toFloatArray(), host(again).toFloatArray(), "deterministic " + what);
            }
        }
    }

    /** ±1e3 logits stay finite and each segment sums to 1. */
    @Test
    void segmentSoftmaxLargeLogits() {
        Tensor x = Tensor.of(new float[] {1e3f, -1e3f, 999f, 5f, -1e3f, -1e3f}, 6);
        float[] y = host(Reduce.segmentSoftmax(on(x), on(Tensor.ofInts(new int[] {0, 3, 3, 4, 6}, 5))))
                .toFloatArray();
        for (float v : y) {
            assertTrue(Float.isFinite(v), java.util.Arrays.toString(y));
        }
        assertEquals(1.0, y[0] + y[1] + y[2], 1e-6);
        assertEquals(1.0f, y[3]);
        assertEquals(0.5f, y[4]);
    }

    @Test
    void segmentSoftmaxBadOffsetsAreReportedAtTheNextSynchronisation() {
        Tensor x = on(randn(3, 5, 2));
        Tensor y = Reduce.segmentSoftmax(x, on(Tensor.ofInts(new int[] {0, 3, 2, 5}, 4)));
        IndexOutOfBoundsException e = assertThrows(IndexOutOfBoundsException.class, y::toFloatArray);
        assertEquals("segment_softmax: offsets are not a CSR of the 5 rows (0 = offsets[0] <= ... <= offsets[S] = 5),"
                + " first bad segment 1 on " + device() + " (detected at the next synchronisation)", e.getMessage());
        Tensor dx = Reduce.segmentSoftmaxBackward(on(randn(4, 5, 2)), x, on(Tensor.ofLongs(new long[] {0, 2, 4}, 3)));
        e = assertThrows(IndexOutOfBoundsException.class, dx::toFloatArray);
        assertEquals("segment_softmax backward: offsets are not a CSR of the 5 rows (0 = offsets[0] <= ... <= "
                + "offsets[S] = 5), first bad segment 1 on " + device() + " (detected at the next synchronisation)",
                e.getMessage());
    }
}
