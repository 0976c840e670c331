package org.sgae.kernels;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.sgae.tensor.DType;
import org.sgae.tensor.ExactSoftmax;
import org.sgae.tensor.Tensor;
import org.sgae.tensor.TensorAsserts;
import org.sgae.tensor.Tolerances;
import org.sgae.tensor.attrs.ReduceOp;

/**
 * reduce.k against the CPU backend's double path: both kernel layouts (inner = 1 rows, inner > 1 cols), row
 * lengths below, at and above the 256-thread group, empty and single outputs, three seeds.
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
}
