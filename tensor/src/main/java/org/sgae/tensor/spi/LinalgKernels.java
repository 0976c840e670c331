package org.sgae.tensor.spi;

import org.sgae.tensor.Tensor;

/** Matrix products. */
public interface LinalgKernels {
    /**
     * Batched out[b] = op(a[b]) · op(b[b]) for b in [0, batch). a, b, out are contiguous from their offsets; a's
     * matrices are M×K (K×M when transA), b's K×N (N×K when transB), out's M×N. A batch stride of 0 broadcasts one
     * matrix over the batch. out is overwritten.
     */
    void matmul(Tensor a, int aBatchStride, boolean transA, Tensor b, int bBatchStride, boolean transB,
                int batch, int m, int n, int k, Tensor out);
}
