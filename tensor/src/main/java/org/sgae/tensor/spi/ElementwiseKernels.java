package org.sgae.tensor.spi;

import org.sgae.tensor.Tensor;
import org.sgae.tensor.attrs.BinaryOp;
import org.sgae.tensor.attrs.UnaryOp;

/**
 * Elementwise kernels. Contract: {@code out} is contiguous and freshly allocated; inputs are strided views with
 * exactly {@code out}'s shape (broadcast dims have stride 0). Inputs of binary ops share one dtype; the output's
 * dtype is that dtype (BOOL for comparisons).
 */
public interface ElementwiseKernels {
    void unary(UnaryOp op, Tensor x, double alpha, double beta, Tensor out);

    void binary(BinaryOp op, Tensor a, Tensor b, Tensor out);

    /** out = cond ? a : b; cond is BOOL. */
    void where(Tensor cond, Tensor a, Tensor b, Tensor out);

    /** Sets every element of a contiguous tensor. */
    void fill(Tensor out, double value);

    /** Copies src into dst; both any strides, same shape (dst may be a strided view, e.g. a slice of cat's output). */
    void copy(Tensor src, Tensor dst);
}
