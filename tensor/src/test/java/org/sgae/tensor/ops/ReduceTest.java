package org.sgae.tensor.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.sgae.tensor.DType;
import org.sgae.tensor.ExactSoftmax;
import org.sgae.tensor.Rand;
import org.sgae.tensor.Shape;
import org.sgae.tensor.Tensor;
import org.sgae.tensor.TensorAsserts;
import org.sgae.tensor.Tolerances;
import org.sgae.tensor.attrs.ReduceOp;
import org.sgae.tensor.cpu.ref.ReduceRef;

/** Reductions (F32 fast paths) against double loops over the same data. */
class ReduceTest {
    @Test
    void sumMeanMaxMinAlongEachDim() {
        for (long seed = 1; seed <= 3; seed++) {
            int[] shape = {3, 37, 5};
            Tensor x = Rand.f32(seed, shape);
            double[] v = x.toDoubleArray();
            for (int d = 0; d < 3; d++) {
                for (ReduceOp op : ReduceOp.values()) {
                    Tensor out = reduce(op, x, d);
                    double[] ref = reference(op, v, shape, d);
                    TensorAsserts.assertClose(out.toDoubleArray(), ref, Tolerances.f32Reduction(shape[d]),
                            op + " dim " + d);
                }
            }
        }
    }

    private static Tensor reduce(ReduceOp op, Tensor x, int d) {
        switch (op) {
            case SUM: return Reduce.sum(x, new int[] {d}, false);
            case MEAN: return Reduce.mean(x, new int[] {d}, false);
            case MAX: return Reduce.max(x, d, false);
            case MIN: return Reduce.min(x, d, false);
            default: return Reduce.logsumexp(x, d, false);
        }
    }

    /** ReduceRef over the [outer, n, inner] split of shape s at dim d. */
    private static double[] reference(ReduceOp op, double[] v, int[] s, int d) {
        int[] split = split(s, d);
        return ReduceRef.reduce(op, v, split[0], split[1], split[2]);
    }

    private static int[] split(int[] s, int d) {
        int outer = 1;
        for (int i = 0; i < d; i++) {
            outer *= s[i];
        }
        int inner = 1;
        for (int i = d + 1; i < s.length; i++) {
            inner *= s[i];
        }
        return new int[] {outer, s[d], inner};
    }

    private static Tensor smallInts(long seed, int... shape) {
        java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
        float[] v = new float[shape[0] * shape[1] * shape[2]];
        for (int i = 0; i < v.length; i++) {
            v[i] = r.nextInt(4);
        }
        return Tensor.of(v, shape);
    }

    /** Softmax, log-softmax and the arg reductions along each dim against ReduceRef (ties from rounded values). */
    @Test
    void softmaxAndArgReductionsMatchReference() {
        for (long seed = 1; seed <= 3; seed++) {
            int[] shape = {3, 37, 5};
            Tensor x = Rand.uniform(seed, DType.F32, -30, 30, shape);
            Tensor ties = smallInts(seed, shape);
            for (int d = 0; d < 3; d++) {
                int[] k = split(shape, d);
                double[] v = x.toDoubleArray();
                TensorAsserts.assertClose(Reduce.softmax(x, d).toDoubleArray(),
                        ReduceRef.softmax(v, k[0], k[1], k[2], false), Tolerances.f32Reduction(k[1]), "softmax " + d);
                TensorAsserts.assertClose(Reduce.logSoftmax(x, d).toDoubleArray(),
                        ReduceRef.softmax(v, k[0], k[1], k[2], true), Tolerances.f32Reduction(k[1]),
                        "log_softmax " + d);
                double[] t = ties.toDoubleArray();
                assertArrayEquals(ReduceRef.argReduce(true, t, k[0], k[1], k[2]),
                        Reduce.argmax(ties, d, false).toLongArray(), "argmax " + d);
                assertArrayEquals(ReduceRef.argReduce(false, t, k[0], k[1], k[2]),
                        Reduce.argmin(ties, d, false).toLongArray(), "argmin " + d);
            }
        }
    }

    @Test
    void multiDimSumKeepDimAndArgmax() {
        Tensor x = Tensor.of(new float[] {1, 5, 2, 7, 0, 3}, 2, 3);
        Tensor s = Reduce.sum(x, new int[] {0, 1}, true);
        assertEquals(Shape.of(1, 1), s.shape());
        assertEquals(18, s.item(), 0);
        assertArrayEquals(new long[] {1, 0}, Reduce.argmax(x, 1, false).toLongArray());
        assertArrayEquals(new long[] {0, 1}, Reduce.argmin(x, 1, false).toLongArray());
        assertEquals(DType.I64, Reduce.argmax(x, 1, false).dtype());
    }

    @Test
    void softmaxRowsSumToOneAndLogSoftmaxMatches() {
        Tensor x = Rand.uniform(3, DType.F32, -30, 30, 4, 9);
        double[] p = Reduce.softmax(x, 1).toDoubleArray();
        double[] lp = Reduce.logSoftmax(x, 1).toDoubleArray();
        for (int r = 0; r < 4; r++) {
            double s = 0;
            for (int c = 0; c < 9; c++) {
                s += p[r * 9 + c];
                TensorAsserts.assertClose(lp[r * 9 + c], Math.log(p[r * 9 + c]), Tolerances.F32_TRANSCENDENTAL, "log_softmax vs log(softmax)");
            }
            TensorAsserts.assertClose(s, 1, Tolerances.f32Reduction(9), "softmax row sum");
        }
    }

    /** issue 10: log-softmax must subtract m and log s separately, or the error grows with the max logit. */
    @Test
    void softmaxAndLogSoftmaxKeepPrecisionAtLargeLogits() {
        float[] pair = {-80f, -85f};
        // log_softmax([-80, -85])[0] = −log(1 + e⁻⁵) = −0.00671535 (the engine gave −0.00671387)
        TensorAsserts.assertClose(Reduce.logSoftmax(Tensor.of(pair, 1, 2), 1).toDoubleArray(),
                new double[] {-Math.log1p(Math.exp(-5)), -5 - Math.log1p(Math.exp(-5))}, Tolerances.f32Reduction(2),
                "log_softmax([-80, -85])");
        int[][] layouts = {{8, 7, 1}, {4, 5, 3}};
        for (int[] l : layouts) {
            float[] x = ExactSoftmax.largeOffsetLogits(5, l[0], l[1], l[2]);
            Tensor t = Tensor.of(x, l);
            for (boolean log : new boolean[] {false, true}) {
                Tensor out = log ? Reduce.logSoftmax(t, 1) : Reduce.softmax(t, 1);
                TensorAsserts.assertClose(out.toDoubleArray(), ExactSoftmax.of(x, l[0], l[1], l[2], log),
                        Tolerances.f32Reduction(l[1]), (log ? "log_softmax " : "softmax ") + Arrays.toString(l));
            }
            TensorAsserts.assertClose(Reduce.logsumexp(t, 1, false).toDoubleArray(),
                    ExactSoftmax.logSumExp(x, l[0], l[1], l[2]), Tolerances.f32Reduction(l[1]),
                    "logsumexp " + Arrays.toString(l));
        }
    }

    @Test
    void sumToUndoesBroadcast() {
        Tensor g = Tensor.ones(4, 2, 3);
        Tensor r = Reduce.sumTo(g, Shape.of(2, 1));
        assertEquals(Shape.of(2, 1), r.shape());
        assertArrayEquals(new double[] {12, 12}, r.toDoubleArray());
    }

    /** The wide-inner path (whole rows combined with vector ops): values, odd widths, NaN propagation. */
    @Test
    void wideInnerReductionsMatchReferenceAndPropagateNaN() {
        for (long seed = 1; seed <= 3; seed++) {
            int[] shape = {2, 9, 1037};
            Tensor x = Rand.f32(seed, shape);
            double[] v = x.toDoubleArray();
            for (ReduceOp op : new ReduceOp[] {ReduceOp.SUM, ReduceOp.MEAN, ReduceOp.MAX, ReduceOp.MIN}) {
                TensorAsserts.assertClose(reduce(op, x, 1).toDoubleArray(), reference(op, v, shape, 1),
                        Tolerances.f32Reduction(9), op + " wide");
            }
        }
        float[] d = new float[4 * 100];
        d[2 * 100 + 7] = Float.NaN;
        double[] mx = Reduce.max(Tensor.of(d, 4, 100), 0, false).toDoubleArray();
        double[] mn = Reduce.min(Tensor.of(d, 4, 100), 0, false).toDoubleArray();
        for (int j = 0; j < 100; j++) {
            assertEquals(j == 7, Double.isNaN(mx[j]), "max column " + j);
            assertEquals(j == 7, Double.isNaN(mn[j]), "min column " + j);
        }
    }
}
