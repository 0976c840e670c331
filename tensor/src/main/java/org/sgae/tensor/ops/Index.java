package org.sgae.tensor.ops;

import org.sgae.tensor.DType;
import org.sgae.tensor.Shape;
import org.sgae.tensor.Tensor;
import org.sgae.tensor.spi.Backends;
import org.sgae.tensor.spi.IndexKernels;

/**
 * Indexing and ordering: index_select, embedding, gather, scatter_add, topk, sort. Index tensors may be I64 or I32
 * (I32 is widened to I64 first) and must sit on the data's device; their values are range-checked by the kernels
 * (the error names the bad value and the bound). Outputs are new contiguous tensors. Data inputs that are not
 * contiguous are copied without recording, and the op is recorded against the caller's tensor, so gradients come
 * back in its shape.
 */
public final class Index {
    private Index() {
    }

    /** INDEX_SELECT and GATHER: the dim, the I64 index used, and the input's shape for the backward scatter. */
    public record SelectAttrs(int dim, Tensor index, Shape inputShape) {
    }

    /** SCATTER_ADD: src may be larger than index; only its leading corner of index's shape is added. */
    public record ScatterAttrs(int dim, Tensor index, Shape srcShape) {
    }

    /** TOPK and SORT: where each output value came from along dim (I64, the values' shape). */
    public record OrderAttrs(int dim, Tensor indices, Shape inputShape) {
    }

    private static IndexKernels kernels(Tensor t) {
        return Backends.of(t.device()).index();
    }

    /**
     * Rows (or slices) of x along dim: out has x's shape with dim replaced by index's length.
     *
     * @param index rank 0 or 1, I64 or I32, values in [0, x.dim(dim)); repeats allowed
     */
    public static Tensor indexSelect(Tensor x, int dim, Tensor index) {
        String op = "index_select";
        Tensor idx = indexArg(op, x, index);
        Checks.check(idx.rank() <= 1, op + ": index must have rank 0 or 1, got " + idx.shape() + " for x " + x.shape());
        int d = x.shape().axis(dim);
        int k = idx.numel();
        Tensor out = Tensor.empty(x.shape().with(d, k), x.dtype(), x.device());
        kernels(x).indexSelect(dense(x), idx, x.shape().prod(0, d), x.dim(d), x.shape().prod(d + 1, x.rank()), out);
        return Dispatch.record(Op.INDEX_SELECT, new SelectAttrs(d, idx, x.shape()), out, x);
    }

    /**
     * base + src added along dim into the slices named by index (repeats accumulate): src has base's shape with dim
     * replaced by index's length. Not recorded (there is no INDEX_ADD op): it is index_select's backward, and it
     * refuses inputs that require grad while grad mode is on rather than silently dropping their gradient.
     */
    public static Tensor indexAdd(Tensor base, int dim, Tensor index, Tensor src) {
        String op = "index_add";
        Checks.check(!(Dispatch.gradEnabled() && (base.requiresGrad() || src.requiresGrad())),
                op + ": not differentiable; use scatterAdd, or call it with grad mode off");
        sameData(op, base, src);
        Tensor idx = indexArg(op, base, index);
        Checks.check(idx.rank() <= 1, op + ": index must have rank 0 or 1, got " + idx.shape());
        int d = base.shape().axis(dim);
        Checks.check(src.shape().equals(base.shape().with(d, idx.numel())), op + ": src " + src.shape()
                + " must be base " + base.shape() + " with dim " + d + " of size " + idx.numel());
        Tensor out = denseCopy(base);
        kernels(base).indexAdd(dense(src), idx, base.shape().prod(0, d), base.dim(d),
                base.shape().prod(d + 1, base.rank()), out);
        return out;
    }

    /**
     * Embedding lookup: weight [V, D], ids of any shape (I64 or I32, values in [0, V)) → [..ids shape, D]. Repeated
     * ids accumulate their gradients into the same row.
     */
    public static Tensor embedding(Tensor weight, Tensor ids) {
        Checks.rank("embedding", weight, 2);
        Tensor idx = indexArg("embedding", weight, ids);
        Tensor rows;
        try {
            rows = indexSelect(weight, 0, Views.reshape(idx, idx.numel()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("embedding with weight " + weight.shape() + ": " + e.getMessage(), e);
        }
        int[] shape = java.util.Arrays.copyOf(ids.shape().toArray(), ids.rank() + 1);
        shape[ids.rank()] = weight.dim(1);
        return Views.reshape(rows, shape);
    }

    /**
     * out[i][j][k] = x[index[i][j][k]][j][k] for dim 0 (and likewise for other dims). index has x's rank and is no
     * larger than x outside dim; out has index's shape.
     */
    public static Tensor gather(Tensor x, int dim, Tensor index) {
        String op = "gather";
        Tensor idx = indexArg(op, x, index);
        int d = x.shape().axis(dim);
        fitsOutside(op, idx, "x", x, d);
        Tensor out = Tensor.empty(idx.shape(), x.dtype(), x.device());
        kernels(x).gather(dense(x), d, idx, out);
        return Dispatch.record(Op.GATHER, new SelectAttrs(d, idx, x.shape()), out, x);
    }

    /**
     * Out-of-place scatter-add: a copy of base with out[.., index[i..], ..] += src[i..] along dim (repeats
     * accumulate). index has base's rank, is no larger than base outside dim and no larger than src anywhere; src
     * elements outside index's shape are ignored. Differentiable with respect to base and src.
     */
    public static Tensor scatterAdd(Tensor base, int dim, Tensor index, Tensor src) {
        String op = "scatter_add";
        sameData(op, base, src);
        Tensor idx = indexArg(op, base, index);
        int d = base.shape().axis(dim);
        fitsOutside(op, idx, "base", base, d);
        fitsOutside(op, idx, "src", src, -1);
        Tensor part = src.shape().equals(idx.shape()) ? src : Views.raw(src, idx.shape(), src.strides(), src.offset());
        Tensor out = denseCopy(base);
        kernels(base).scatterAdd(out, d, idx, dense(part));
        return Dispatch.record(Op.SCATTER_ADD, new ScatterAttrs(d, idx, src.shape()), out, base, src);
    }

    /** The order of {@link #sort}'s output, and which end {@link #topk} takes (DESCENDING: the largest). */
    public enum Order {
        ASCENDING, DESCENDING
    }

    /**
     * The first k entries along dim in the given order (DESCENDING: the k largest): {values, indices (I64)}, both
     * x's shape with dim = k, sorted. Equal values keep the lower index first; NaN counts as largest. Gradients flow
     * to values only.
     */
    public static Tensor[] topk(Tensor x, int k, int dim, Order order) {
        int d = x.shape().axis(dim);
        Checks.check(k >= 0 && k <= x.dim(d), "topk: k = " + k + " is out of range [0, " + x.dim(d) + "] for dim "
                + dim + " of " + x.shape());
        return order(Op.TOPK, x, d, k, order);
    }

    /** Stable sort along dim: {values, indices (I64)}; equal values keep their order (also when descending). */
    public static Tensor[] sort(Tensor x, int dim, Order order) {
        int d = x.shape().axis(dim);
        return order(Op.SORT, x, d, x.dim(d), order);
    }

    /** The kernel works on rows along the last dim; another dim is swapped there and back (one copy each way). */
    private static Tensor[] order(Op op, Tensor x, int d, int k, Order order) {
        int last = x.rank() - 1;
        Tensor rows = dense(swap(x, d, last));
        Shape outShape = rows.shape().with(last, k);
        Tensor values = Tensor.empty(outShape, x.dtype(), x.device());
        Tensor indices = Tensor.empty(outShape, DType.I64, x.device());
        kernels(x).topk(rows, rows.shape().prod(0, last), x.dim(d), k, order == Order.DESCENDING, values, indices);
        values = dense(swap(values, d, last));
        indices = dense(swap(indices, d, last));
        return Dispatch.recordAll(op, new OrderAttrs(d, indices, x.shape()), new Tensor[] {values, indices}, x);
    }

    // ------------------------------------------------------------------ argument handling

    /** The index as a contiguous I64 tensor on x's device; rejects other dtypes and devices. */
    private static Tensor indexArg(String op, Tensor x, Tensor index) {
        Checks.integer(op, index);
        Checks.sameDevice(op, x, index);
        Tensor i64 = index.dtype() == DType.I64 ? index : Elementwise.cast(index, DType.I64);
        return dense(i64);
    }

    private static void sameData(String op, Tensor base, Tensor src) {
        Checks.sameDevice(op, base, src);
        Checks.check(base.dtype() == src.dtype(), op + ": dtypes differ: base " + base.dtype() + " " + base.shape()
                + " vs src " + src.dtype() + " " + src.shape());
    }

    /** index has t's rank and no larger size than t in every dim except d (pass -1 to check every dim). */
    private static void fitsOutside(String op, Tensor index, String name, Tensor t, int d) {
        Checks.check(index.rank() == t.rank(), op + ": index " + index.shape() + " must have the rank of " + name + " "
                + t.shape());
        for (int e = 0; e < t.rank(); e++) {
            Checks.check(e == d || index.dim(e) <= t.dim(e), op + ": index " + index.shape() + " is larger than "
                    + name + " " + t.shape() + " in dim " + e);
        }
    }

    /** t itself when contiguous, else a contiguous copy that is not recorded (the op records against t). */
    static Tensor dense(Tensor t) {
        return t.isContiguous() ? t : denseCopy(t);
    }

    /** A fresh contiguous copy, not recorded. */
    static Tensor denseCopy(Tensor t) {
        Tensor c = Tensor.empty(t.shape(), t.dtype(), t.device());
        Backends.of(t.device()).elementwise().copy(t, c);
        return c;
    }

    /** An unrecorded view of t with dims a and b swapped (t itself when a == b). */
    private static Tensor swap(Tensor t, int a, int b) {
        if (a == b) {
            return t;
        }
        int[] dims = t.shape().toArray();
        int[] strides = t.strides();
        int tmp = dims[a];
        dims[a] = dims[b];
        dims[b] = tmp;
        tmp = strides[a];
        strides[a] = strides[b];
        strides[b] = tmp;
        return Views.raw(t, Shape.of(dims), strides, t.offset());
    }
}
