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

    /**
     * Softmax of x [rows, cols] (contiguous; cols = 1 for a vector) over the rows of each segment, per column:
     * segment s is rows offsets[s] .. offsets[s+1]−1 (offsets [S+1], I32 or I64, a CSR: 0 = offsets[0] ≤ … ≤
     * offsets[S] = rows). out [rows, cols] (=).
     */
    void segmentSoftmax(Tensor x, Tensor offsets, int rows, int cols, Tensor out);

    /** gradX = y ⊙ (gradOut − Σ_segment(gradOut ⊙ y)) per column; all [rows, cols], gradX (=). */
    void segmentSoftmaxBackward(Tensor gradOut, Tensor y, Tensor offsets, int rows, int cols, Tensor gradX);
}
