package org.sgae.tensor.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.sgae.tensor.DType;
import org.sgae.tensor.Tensor;
import org.sgae.tensor.attrs.ReduceOp;
import org.sgae.tensor.cpu.ref.SegmentSoftmaxRef;
import org.sgae.tensor.memory.CpuStorage;
import org.sgae.tensor.ops.Op;
import org.sgae.tensor.ops.OpPart.Role;
import org.sgae.tensor.ops.OpPart;
import org.sgae.tensor.spi.ReduceKernels;

/**
 * CPU reductions over [outer, n, inner]. F32 with inner = 1 (the common "last axis" case) reduces each row with
 * 16-lane vector accumulators; other F32 layouts accumulate whole inner rows at once. Non-F32 dtypes take the
 * double-precision scalar path, which is also the reference. Segment softmax: F32 runs {@link SegmentSoftmaxCpu},
 * other dtypes {@link SegmentSoftmaxRef}.
 */
@OpPart(role = Role.CPU, ops = {Op.SUM, Op.MEAN, Op.MAX, Op.MIN, Op.ARGMAX, Op.ARGMIN, Op.LOGSUMEXP, Op.SOFTMAX,
        Op.LOG_SOFTMAX})
public final class CpuReduce implements ReduceKernels {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

    @Override
    public void reduce(ReduceOp op, Tensor x, int outer, int n, int inner, Tensor out) {
        if (out.numel() == 0) {
            return;
        }
        if (x.dtype() == DType.F32 && op != ReduceOp.LOGSUMEXP && inner >= S.length() && n > 0) {
            reduceColumnsF32(op, x.cpu().f32(), x.offset(), outer, n, inner, out.cpu().f32(), out.offset());
            return;
        }
        if (x.dtype() == DType.F32 && op != ReduceOp.LOGSUMEXP) {
            float[] a = x.cpu().f32();
            float[] o = out.cpu().f32();
            int xo = x.offset();
            int oo = out.offset();
            CpuParallel.forRange(outer * inner, Math.max(1, (1 << 14) / Math.max(1, n)), (from, to) -> {
                for (int j = from; j < to; j++) {
                    int b = j / inner;
                    int c = j - b * inner;
                    o[oo + j] = reduceF32(op, a, xo + b * n * inner + c, inner, n);
                }
            });
            return;
        }
        CpuStorage xs = x.cpu();
        CpuStorage os = out.cpu();
        int xo = x.offset();
        int oo = out.offset();
        CpuParallel.forRange(outer * inner, Math.max(1, (1 << 12) / Math.max(1, n)), (from, to) -> {
            for (int j = from; j < to; j++) {
                int b = j / inner;
                int c = j - b * inner;
                os.setDouble(oo + j, reduceRef(op, xs, xo + b * n * inner + c, inner, n));
            }
        });
    }

    /**
     * Reduction over the middle axis of [outer, n, inner] when inner is wide: whole rows of {@code inner} elements
     * are combined with vector ops (row 0 initialises the accumulator, which is the output itself), instead of n
     * strided loads per output. Work is split over (outer × column blocks of 1024), each written by one thread.
     * NaN: MAX/MIN use Math.max/min lane semantics (NaN propagates), like the scalar path.
     */
    static void reduceColumnsF32(ReduceOp op, float[] a, int xo, int outer, int n, int inner, float[] o, int oo) {
        final int block = 1024;
        int blocksPerRow = (inner + block - 1) / block;
        CpuParallel.forRange(outer * blocksPerRow, Math.max(1, (1 << 15) / Math.max(1, n * Math.min(block, inner))),
                (from, to) -> {
                    for (int t = from; t < to; t++) {
                        int b = t / blocksPerRow;
                        int c0 = (t - b * blocksPerRow) * block;
                        int len = Math.min(block, inner - c0);
                        int src = xo + b * n * inner + c0;
                        int dst = oo + b * inner + c0;
                        System.arraycopy(a, src, o, dst, len);
                        for (int i = 1; i < n; i++) {
                            combineRow(op, a, src + i * inner, o, dst, len);
                        }
                        if (op == ReduceOp.MEAN) {
                            float inv = 1f / n;
                            for (int j = 0; j < len; j++) {
                                o[dst + j] *= inv;
                            }
                        }
                    }
                });
    }

    private static void combineRow(ReduceOp op, float[] a, int ao, float[] o, int oo, int len) {
        int j = 0;
        for (int bound = S.loopBound(len); j < bound; j += S.length()) {
            FloatVector u = FloatVector.fromArray(S, a, ao + j);
            FloatVector v = FloatVector.fromArray(S, o, oo + j);
            (op == ReduceOp.MAX ? maxNan(v, u) : op == ReduceOp.MIN ? minNan(v, u) : v.add(u)).intoArray(o, oo + j);
        }
        for (; j < len; j++) {
            float u = a[ao + j];
            float v = o[oo + j];
            o[oo + j] = op == ReduceOp.MAX ? Math.max(v, u) : op == ReduceOp.MIN ? Math.min(v, u) : v + u;
        }
    }

    /** Lanewise max that returns NaN when either lane is NaN (Math.max semantics). */
    private static FloatVector maxNan(FloatVector v, FloatVector u) {
        FloatVector m = v.max(u);
        return m.blend(u, u.test(jdk.incubator.vector.VectorOperators.IS_NAN))
                .blend(v, v.test(jdk.incubator.vector.VectorOperators.IS_NAN));
    }

    private static FloatVector minNan(FloatVector v, FloatVector u) {
        FloatVector m = v.min(u);
        return m.blend(u, u.test(jdk.incubator.vector.VectorOperators.IS_NAN))
                .blend(v, v.test(jdk.incubator.vector.VectorOperators.IS_NAN));
    }

    /** Reduction of n elements a[base + i*step] in float; vectorised when step = 1. */
    static float reduceF32(ReduceOp op, float[] a, int base, int step, int n) {
        boolean isMax = op == ReduceOp.MAX;
        boolean isMin = op == ReduceOp.MIN;
        int i = 0;
        float acc;
        if (isMax || isMin) {
            acc = isMax ? Float.NEGATIVE_INFINITY : Float.POSITIVE_INFINITY;
        } else {
            acc = 0f;
        }
        if (step == 1 && n >= S.length()) {
            FloatVector v = FloatVector.broadcast(S, acc);
            int bound = S.loopBound(n);
            for (; i < bound; i += S.length()) {
                FloatVector u = FloatVector.fromArray(S, a, base + i);
                v = isMax ? v.max(u) : isMin ? v.min(u) : v.add(u);
            }
            acc = v.reduceLanes(isMax ? VectorOperators.MAX : isMin ? VectorOperators.MIN : VectorOperators.ADD);
        }
        boolean nan = false;
        for (; i < n; i++) {
            float u = a[base + i * step];
            nan |= u != u;
            acc = isMax ? Math.max(acc, u) : isMin ? Math.min(acc, u) : acc + u;
        }
        if (nan && (isMax || isMin)) {
            return Float.NaN;
        }
        return op == ReduceOp.MEAN ? acc / n : acc;
    }

    /** Double-precision reference of one reduction (also the path for F64 and integer dtypes). */
    static double reduceRef(ReduceOp op, CpuStorage s, int base, int step, int n) {
        switch (op) {
            case SUM:
            case MEAN: {
                double acc = 0;
                for (int i = 0; i < n; i++) {
                    acc += s.getDouble(base + i * step);
                }
                return op == ReduceOp.MEAN ? acc / n : acc;
            }
            case MAX:
            case MIN: {
                double acc = op == ReduceOp.MAX ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
                for (int i = 0; i < n; i++) {
                    double u = s.getDouble(base + i * step);
                    acc = op == ReduceOp.MAX ? Math.max(acc, u) : Math.min(acc, u);
                }
                return acc;
            }
            case LOGSUMEXP: {
                double m = Double.NEGATIVE_INFINITY;
                for (int i = 0; i < n; i++) {
                    m = Math.max(m, s.getDouble(base + i * step));
                }
                if (Double.isInfinite(m)) {
                    return m;
                }
                double acc = 0;
                for (int i = 0; i < n; i++) {
                    acc += Math.exp(s.getDouble(base + i * step) - m);
                }
                return m + Math.log(acc);
            }
            default:
                throw new IllegalStateException("unknown reduction " + op);
        }
    }

    @Override
    public void argReduce(boolean max, Tensor x, int outer, int n, int inner, Tensor out) {
        CpuStorage xs = x.cpu();
        long[] o = out.cpu().i64();
        int xo = x.offset();
        int oo = out.offset();
        CpuParallel.forRange(outer * inner, Math.max(1, (1 << 12) / Math.max(1, n)), (from, to) -> {
            for (int j = from; j < to; j++) {
                int b = j / inner;
                int c = j - b * inner;
                int base = xo + b * n * inner + c;
                int best = 0;
                double bv = xs.getDouble(base);
                for (int i = 1; i < n && bv == bv; i++) {
                    double u = xs.getDouble(base + i * inner);
                    if (u != u || (max ? u > bv : u < bv)) {
                        best = i;
                        bv = u;
                    }
                }
                o[oo + j] = best;
            }
        });
    }

    @Override
    public void softmax(Tensor x, int outer, int n, int inner, boolean log, Tensor out) {
        if (out.numel() == 0) {
            return;
        }
        CpuStorage xs = x.cpu();
        CpuStorage os = out.cpu();
        int xo = x.offset();
        int oo = out.offset();
        boolean f32 = x.dtype() == DType.F32;
        CpuParallel.forRange(outer * inner, Math.max(1, (1 << 12) / Math.max(1, n)), (from, to) -> {
            for (int j = from; j < to; j++) {
                int b = j / inner;
                int c = j - b * inner;
                int off = b * n * inner + c;
                if (f32) {
                    softmaxF32(xs.f32(), xo + off, os.f32(), oo + off, inner, n, log);
                } else {
                    softmaxRef(xs, xo + off, os, oo + off, inner, n, log);
                }
            }
        });
    }

    private static void softmaxF32(float[] x, int xb, float[] o, int ob, int step, int n, boolean log) {
        float m = Float.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            m = Math.max(m, x[xb + i * step]);
        }
        double sum = 0;
        for (int i = 0; i < n; i++) {
            float e = (float) Math.exp(x[xb + i * step] - m);
            sum += e;
            if (!log) {
                o[ob + i * step] = e;
            }
        }
        if (log) {
            // NOTE: (x − m) − log s, never x − (m + log s): rounding m + log s to float costs ulp(m), which at
            // |m| = 300 is 3e-5, more than a small log-probability can afford (x − m is exact near the max).
            float logSum = (float) Math.log(sum);
            for (int i = 0; i < n; i++) {
                o[ob + i * step] = (x[xb + i * step] - m) - logSum;
            }
        } else {
            float inv = (float) (1.0 / sum);
            for (int i = 0; i < n; i++) {
                o[ob + i * step] *= inv;
            }
        }
    }

    /** Double-precision reference softmax along one strided line. */
    static void softmaxRef(CpuStorage x, int xb, CpuStorage o, int ob, int step, int n, boolean log) {
        double m = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            m = Math.max(m, x.getDouble(xb + i * step));
        }
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += Math.exp(x.getDouble(xb + i * step) - m);
        }
        double logSum = Math.log(sum);
        for (int i = 0; i < n; i++) {
            double shifted = x.getDouble(xb + i * step) - m;
            o.setDouble(ob + i * step, log ? shifted - logSum : Math.exp(shifted) / sum);
        }
    }

    @Override
    public void segmentSoftmax(Tensor x, Tensor offsets, int rows, int cols, Tensor out) {
        int[] off = HostArrays.ints(offsets);
        SegmentSoftmaxRef.checkOffsets(off, rows);
        if (HostArrays.f32(x)) {
            SegmentSoftmaxCpu.forward(HostArrays.f(x), x.offset(), off, cols, HostArrays.f(out), out.offset());
            return;
        }
        double[] r = new double[out.numel()];
        SegmentSoftmaxRef.forward(HostArrays.d(x), off, rows, cols, r);
        HostArrays.store(r, out);
    }

    @Override
    public void segmentSoftmaxBackward(Tensor gradOut, Tensor y, Tensor offsets, int rows, int cols, Tensor gradX) {
        int[] off = HostArrays.ints(offsets);
        SegmentSoftmaxRef.checkOffsets(off, rows);
        if (HostArrays.f32(y)) {
            SegmentSoftmaxCpu.backward(HostArrays.f(gradOut), gradOut.offset(), HostArrays.f(y), y.offset(), off,
                    cols, HostArrays.f(gradX), gradX.offset());
            return;
        }
        double[] r = new double[gradX.numel()];
        SegmentSoftmaxRef.backward(HostArrays.d(gradOut), HostArrays.d(y), off, rows, cols, r);
        HostArrays.store(r, gradX);
    }
}
