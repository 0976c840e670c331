package org.sgae.tensor.cpu.ref;

import org.sgae.tensor.attrs.ReduceOp;
import org.sgae.tensor.ops.Op;
import org.sgae.tensor.ops.OpPart.Role;
import org.sgae.tensor.ops.OpPart;

/**
 * Plain-loop references of the reductions and of softmax, double accumulators, over a contiguous [outer, n, inner]
 * view of x: element (o, i, c) at {@code (o·n + i)·inner + c}, reduced along i. Results are [outer, inner],
 * row-major. Max-shifted logsumexp and softmax, as the kernels compute them, so that large logits do not overflow.
 * MAX and MIN propagate NaN (Math.max/min); arg reductions return the first index of the extreme value.
 */
@OpPart(role = Role.REFERENCE, ops = {Op.SUM, Op.MEAN, Op.MAX, Op.MIN, Op.ARGMAX, Op.ARGMIN, Op.LOGSUMEXP, Op.SOFTMAX,
        Op.LOG_SOFTMAX})
public final class ReduceRef {
    private ReduceRef() {
    }

    private static double at(double[] x, int n, int inner, int o, int i, int c) {
        return x[(o * n + i) * inner + c];
    }

    /** SUM, MEAN (NaN when n = 0), MAX, MIN, LOGSUMEXP along n. */
    public static double[] reduce(ReduceOp op, double[] x, int outer, int n, int inner) {
        double[] r = new double[outer * inner];
        for (int o = 0; o < outer; o++) {
            for (int c = 0; c < inner; c++) {
                r[o * inner + c] = reduceOne(op, x, n, inner, o, c);
            }
        }
        return r;
    }

    private static double reduceOne(ReduceOp op, double[] x, int n, int inner, int o, int c) {
        if (op == ReduceOp.LOGSUMEXP) {
            double m = max(x, n, inner, o, c);
            if (Double.isInfinite(m)) {
                return m; // all -inf (or an +inf): exp of the shifted values would be NaN
            }
            double s = 0;
            for (int i = 0; i < n; i++) {
                s += Math.exp(at(x, n, inner, o, i, c) - m);
            }
            return m + Math.log(s);
        }
        if (op == ReduceOp.MAX) {
            return max(x, n, inner, o, c);
        }
        double acc = op == ReduceOp.MIN ? Double.POSITIVE_INFINITY : 0;
        for (int i = 0; i < n; i++) {
            double v = at(x, n, inner, o, i, c);
            acc = op == ReduceOp.MIN ? Math.min(acc, v) : acc + v;
        }
        return op == ReduceOp.MEAN ? acc / n : acc;
    }

    private static double max(double[] x, int n, int inner, int o, int c) {
        double m = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            m = Math.max(m, at(x, n, inner, o, i, c));
        }
        return m;
    }

    /** Index along n of the largest (max) or smallest value; ties keep the first. n ≥ 1. */
    public static long[] argReduce(boolean max, double[] x, int outer, int n, int inner) {
        long[] r = new long[outer * inner];
        for (int o = 0; o < outer; o++) {
            for (int c = 0; c < inner; c++) {
                int best = 0;
                for (int i = 1; i < n; i++) {
                    double v = at(x, n, inner, o, i, c);
                    double b = at(x, n, inner, o, best, c);
                    if (max ? v > b : v < b) {
                        best = i;
                    }
                }
                r[o * inner + c] = best;
            }
        }
        return r;
    }

    /** softmax (or log-softmax) along n: exp(x − m) / Σ exp(x − m) with m the max; same layout as x. */
    public static double[] softmax(double[] x, int outer, int n, int inner, boolean log) {
        double[] r = new double[x.length];
        for (int o = 0; o < outer; o++) {
            for (int c = 0; c < inner; c++) {
                double m = max(x, n, inner, o, c);
                double s = 0;
                for (int i = 0; i < n; i++) {
                    s += Math.exp(at(x, n, inner, o, i, c) - m);
                }
                for (int i = 0; i < n; i++) {
                    double shifted = at(x, n, inner, o, i, c) - m;
                    r[(o * n + i) * inner + c] = log ? shifted - Math.log(s) : Math.exp(shifted) / s;
                }
            }
        }
        return r;
    }
}
