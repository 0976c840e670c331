package org.sgae.tensor.spi;

import org.sgae.tensor.Tensor;

/** Indexing and ordering kernels. Index tensors are I64, contiguous; data tensors contiguous unless stated. */
public interface IndexKernels {
    /** x viewed as [outer, n, inner], index [k] → out [outer, k, inner]. Indices are checked in range. */
    void indexSelect(Tensor x, Tensor index, int outer, int n, int inner, Tensor out);

    /** out [outer, n, inner] += src [outer, k, inner] at rows index[k] (duplicates accumulate). */
    void indexAdd(Tensor src, Tensor index, int outer, int n, int inner, Tensor out);

    /** out[i..] = x[.., index[i..], ..] along dim; index has x's rank; out has index's shape. */
    void gather(Tensor x, int dim, Tensor index, Tensor out);

    /** out[.., index[i..], ..] += src[i..] along dim; index and src have the same shape. */
    void scatterAdd(Tensor out, int dim, Tensor index, Tensor src);

    /**
     * Top k along the last dim of x [rows, n]: values [rows, k] and indices [rows, k] (I64), ordered largest first
     * (smallest first when !largest); ties keep the lower index first. k = n gives a stable sort.
     */
    void topk(Tensor x, int rows, int n, int k, boolean largest, Tensor values, Tensor indices);
}
