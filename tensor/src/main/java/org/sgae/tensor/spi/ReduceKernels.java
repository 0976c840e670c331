package org.sgae.tensor.spi;

import org.sgae.tensor.Tensor;
import org.sgae.tensor.attrs.ReduceOp;

/** Reductions. x is contiguous, viewed as [outer, n, inner]; outputs are contiguous [outer, inner]. */
public interface ReduceKernels {
    /** out has x's dtype. MEAN of n = 0 gives NaN; MAX/MIN of n = 0 is rejected above. */
    void reduce(ReduceOp op, Tensor x, int outer, int n, int inner, Tensor out);

    /** Index (I64) of the first max (or min) along n. */
    void argReduce(boolean max, Tensor x, int outer, int n, int inner, Tensor out);

    /** Softmax (or log-softmax) along n; out is [outer, n, inner]. */
    void softmax(Tensor x, int outer, int n, int inner, boolean log, Tensor out);
}
