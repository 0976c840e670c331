package org.sgae.tensor.ops;

import java.util.Arrays;
import org.sgae.tensor.DType;
import org.sgae.tensor.Shape;
import org.sgae.tensor.Tensor;
import org.sgae.tensor.attrs.ReduceOp;
import org.sgae.tensor.spi.Backends;
import org.sgae.tensor.spi.ReduceKernels;

/**
 * Reductions and softmax along dims. A reduction over one dim runs as one kernel on the [outer, n, inner] view;
 * several dims are first permuted to the end (recorded views, so gradients need only the one-dim rule).
 */
public final class Reduce {
    private Reduce() {
    }

    /** Attributes recorded with a one-dim reduction; {@code indices} (I64, keepDim shape) only for MAX/MIN. */
    public record ReduceAttrs(int dim, boolean keepDim, Shape inputShape, Tensor indices) {
    }

    private static ReduceKernels kernels(Tensor t) {
        return Backends.of(t.device()).reduce();
    }

    public static Tensor sumAll(Tensor x) {
        return reduceAll(Op.SUM, ReduceOp.SUM, x);
    }

    public static Tensor meanAll(Tensor x) {
        return reduceAll(Op.MEAN, ReduceOp.MEAN, x);
    }

    private static Tensor reduceAll(Op op, ReduceOp kernel, Tensor x) {
        Tensor flat = x.rank() == 1 ? x : Views.reshape(x, x.numel());
        return reduceOne(op, kernel, flat, 0, false);
    }

    public static Tensor sum(Tensor x, int[] dims, boolean keepDim) {
        return reduceDims(Op.SUM, ReduceOp.SUM, x, dims, keepDim);
    }

    public static Tensor mean(Tensor x, int[] dims, boolean keepDim) {
        return reduceDims(Op.MEAN, ReduceOp.MEAN, x, dims, keepDim);
    }

    public static Tensor logsumexp(Tensor x, int dim, boolean keepDim) {
        Checks.floating("logsumexp", x);
        return reduceOne(Op.LOGSUMEXP, ReduceOp.LOGSUMEXP, x, dim, keepDim);
    }

    /** Max along dim (values; the gradient goes to the first maximal element). */
    public static Tensor max(Tensor x, int dim, boolean keepDim) {
        return reduceOne(Op.MAX, ReduceOp.MAX, x, dim, keepDim);
    }

    public static Tensor min(Tensor x, int dim, boolean keepDim) {
        return reduceOne(Op.MIN, ReduceOp.MIN, x, dim, keepDim);
    }

    public static Tensor argmax(Tensor x, int dim, boolean keepDim) {
        return argReduce(true, x, dim, keepDim);
    }

    public static Tensor argmin(Tensor x, int dim, boolean keepDim) {
        return argReduce(false, x, dim, keepDim);
    }

    public static Tensor softmax(Tensor x, int dim) {
        return softmax(Op.SOFTMAX, x, dim, false);
    }

    public static Tensor logSoftmax(Tensor x, int dim) {
        return softmax(Op.LOG_SOFTMAX, x, dim, true);
    }

    /** Reduces dims (any order, negative allowed); an empty dims array reduces everything. */
    private static Tensor reduceDims(Op op, ReduceOp kernel, Tensor x, int[] dims, boolean keepDim) {
        if (dims.length == 0) {
            Tensor r = reduceAll(op, kernel, x);
            return keepDim ? Views.reshape(r, ones(x.rank())) : r;
        }
        if (dims.length == 1) {
            return reduceOne(op, kernel, x, dims[0], keepDim);
        }
        boolean[] reduced = new boolean[x.rank()];
        for (int d : dims) {
            int a = x.shape().axis(d);
            Checks.check(!reduced[a], op.name().toLowerCase() + ": dim " + d + " repeated in " + Arrays.toString(dims));
            reduced[a] = true;
        }
        int[] order = new int[x.rank()];
        int[] kept = new int[x.rank() - dims.length];
        int[] keepShape = new int[x.rank()];
        int j = 0;
        int n = 1;
        for (int i = 0; i < x.rank(); i++) {
            keepShape[i] = reduced[i] ? 1 : x.dim(i);
            if (!reduced[i]) {
                kept[j] = x.dim(i);
                order[j++] = i;
            } else {
                n *= x.dim(i);
            }
        }
        for (int i = 0; i < x.rank(); i++) {
            if (reduced[i]) {
                order[j++] = i;
            }
        }
        int[] flatShape = Arrays.copyOf(kept, kept.length + 1);
        flatShape[kept.length] = n;
        Tensor moved = Views.reshape(Views.permute(x, order), flatShape);
        Tensor r = reduceOne(op, kernel, moved, -1, false);
        return keepDim ? Views.reshape(r, keepShape) : r;
    }

    private static int[] ones(int rank) {
        int[] d = new int[rank];
        Arrays.fill(d, 1);
        return d;
    }

    private static Tensor reduceOne(Op op, ReduceOp kernel, Tensor x, int dim, boolean keepDim) {
        int d = x.shape().axis(dim);
        int n = x.dim(d);
        if ((kernel == ReduceOp.MAX || kernel == ReduceOp.MIN) && n == 0) {
            throw new IllegalArgumentException(op.name().toLowerCase() + ": dim " + dim + " of shape " + x.shape()
                    + " is empty");
        }
        Tensor c = x.contiguous();
        int outer = x.shape().prod(0, d);
        int inner = x.shape().prod(d + 1, x.rank());
        Shape outShape = reducedShape(x.shape(), d, keepDim);
        DType dt = kernel == ReduceOp.MEAN && !x.dtype().isFloating() ? DType.F32 : x.dtype();
        Tensor src = dt == x.dtype() ? c : Elementwise.cast(c, dt);
        Tensor out = Tensor.empty(outShape, dt, x.device());
        kernels(x).reduce(kernel, src, outer, n, inner, out);
        Tensor indices = null;
        if (kernel == ReduceOp.MAX || kernel == ReduceOp.MIN) {
            indices = Tensor.empty(reducedShape(x.shape(), d, true), DType.I64, x.device());
            kernels(x).argReduce(kernel == ReduceOp.MAX, c, outer, n, inner, indices);
        }
        return Dispatch.record(op, new ReduceAttrs(d, keepDim, x.shape(), indices), out, src);
    }

    private static Tensor argReduce(boolean max, Tensor x, int dim, boolean keepDim) {
        int d = x.shape().axis(dim);
        Checks.check(x.dim(d) > 0, "arg" + (max ? "max" : "min") + ": dim " + dim + " of " + x.shape() + " is empty");
        Tensor c = x.contiguous();
        Tensor out = Tensor.empty(reducedShape(x.shape(), d, keepDim), DType.I64, x.device());
        kernels(x).argReduce(max, c, x.shape().prod(0, d), x.dim(d), x.shape().prod(d + 1, x.rank()), out);
        return out;
    }

    private static Tensor softmax(Op op, Tensor x, int dim, boolean log) {
        Checks.floating(op.name().toLowerCase(), x);
        int d = x.shape().axis(dim);
        Tensor c = x.contiguous();
        Tensor out = Tensor.empty(x.shape(), x.dtype(), x.device());
        kernels(x).softmax(c, x.shape().prod(0, d), x.dim(d), x.shape().prod(d + 1, x.rank()), log, out);
        return Dispatch.record(op, new ReduceAttrs(d, true, x.shape(), null), out, c);
    }

    /**
     * Softmax within segments, for graph attention (model-spec §5: a receiver's attention logits over its
     * neighbours). x [E] or [E,H] (H heads/columns, softmax per column); offsets [S+1] (I32/I64) is a CSR of the
     * rows: segment s is rows offsets[s] .. offsets[s+1]−1, so the rows are sorted by segment, 0 = offsets[0] ≤ … ≤
     * offsets[S] = E; empty segments are allowed and produce nothing. Numerically stable (each segment's max is
     * subtracted per column). Output: x's shape. Differentiable w.r.t. x. Deterministic on every backend.
     */
    public static Tensor segmentSoftmax(Tensor x, Tensor offsets) {
        checkSegments("segment_softmax", x, offsets);
        Tensor c = x.contiguous();
        Tensor out = Tensor.empty(x.shape(), x.dtype(), x.device());
        kernels(x).segmentSoftmax(c, offsets.contiguous(), x.dim(0), x.rank() == 2 ? x.dim(1) : 1, out);
        return Dispatch.record(Op.SEGMENT_SOFTMAX, null, out, c, offsets);
    }

    /** Backward of {@link #segmentSoftmax}: dx = y ⊙ (g − Σ_segment(g ⊙ y)), per column; y is its output. */
    public static Tensor segmentSoftmaxBackward(Tensor gradOut, Tensor y, Tensor offsets) {
        checkSegments("segment_softmax_backward", y, offsets);
        Checks.check(gradOut.shape().equals(y.shape()) && gradOut.dtype() == y.dtype()
                        && gradOut.device().equals(y.device()),
                "segment_softmax_backward: gradOut " + gradOut.dtype() + " " + gradOut.shape() + " on "
                        + gradOut.device() + ", expected " + y.dtype() + " " + y.shape() + " on " + y.device());
        Tensor dx = Tensor.empty(y.shape(), y.dtype(), y.device());
        kernels(y).segmentSoftmaxBackward(gradOut.contiguous(), y.contiguous(), offsets.contiguous(), y.dim(0),
                y.rank() == 2 ? y.dim(1) : 1, dx);
        return dx;
    }

    private static void checkSegments(String op, Tensor x, Tensor offsets) {
        Checks.floating(op, x);
        Checks.integer(op, offsets);
        Checks.sameDevice(op, x, offsets);
        Checks.check(x.rank() == 1 || x.rank() == 2, op + ": x must be [E] or [E,H], got " + x.shape());
        Checks.check(offsets.rank() == 1 && offsets.dim(0) >= 1,
                op + ": offsets must be [S+1] (S >= 0 segments), got " + offsets.shape());
        Checks.check(offsets.dim(0) > 1 || x.dim(0) == 0,
                op + ": no segments (offsets " + offsets.shape() + ") for the " + x.dim(0) + " rows of " + x.shape());
    }

    /** Shape after reducing dim d. */
    public static Shape reducedShape(Shape s, int d, boolean keepDim) {
        int[] dims = s.toArray();
        if (keepDim) {
            dims[d] = 1;
            return Shape.of(dims);
        }
        int[] out = new int[dims.length - 1];
        for (int i = 0, j = 0; i < dims.length; i++) {
            if (i != d) {
                out[j++] = dims[i];
            }
        }
        return Shape.of(out);
    }

    /**
     * Sums a broadcast gradient back to {@code target} (the inverse of broadcasting): leading dims are summed away,
     * dims that were 1 are summed with keepDim. Returns g itself when shapes already match.
     */
    public static Tensor sumTo(Tensor g, Shape target) {
        if (g.shape().equals(target)) {
            return g;
        }
        int lead = g.rank() - target.rank();
        Checks.check(lead >= 0, "sumTo: gradient " + g.shape() + " cannot reduce to " + target);
        int count = 0;
        int[] dims = new int[g.rank()];
        for (int i = 0; i < g.rank(); i++) {
            if (i < lead || (target.dim(i - lead) == 1 && g.dim(i) != 1)) {
                dims[count++] = i;
            }
        }
        Tensor r = count == 0 ? g : sum(g, Arrays.copyOf(dims, count), true);
        return Views.reshape(r, target.toArray());
    }
}
