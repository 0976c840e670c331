package org.sgae.tensor.cpu;

import org.sgae.tensor.DType;
import org.sgae.tensor.Tensor;
import org.sgae.tensor.cpu.gemm.Sgemm;
import org.sgae.tensor.memory.CpuStorage;
import org.sgae.tensor.ops.Op;
import org.sgae.tensor.ops.OpPart;
import org.sgae.tensor.ops.OpPart.Role;
import org.sgae.tensor.spi.LinalgKernels;

/** CPU matrix products: F32 through the packed Vector API kernel, other dtypes through the double reference. */
@OpPart(role = Role.CPU, ops = Op.MATMUL)
public final class CpuLinalg implements LinalgKernels {
    @Override
    public void matmul(Tensor a, int aBatchStride, boolean transA, Tensor b, int bBatchStride, boolean transB,
                       int batch, int m, int n, int k, Tensor out) {
        if (out.numel() == 0) {
            return;
        }
        if (a.dtype() == DType.F32) {
            float[] x = a.cpu().f32();
            float[] y = b.cpu().f32();
            float[] o = out.cpu().f32();
            // beta = 0: out's pooled memory may hold anything, it is overwritten.
            Sgemm.sgemmBatched(transA, transB, batch, m, n, k, 1f, x, a.offset(), transA ? m : k, aBatchStride,
                    y, b.offset(), transB ? k : n, bBatchStride, 0f, o, out.offset(), n, m * n);
            return;
        }
        CpuStorage x = a.cpu();
        CpuStorage y = b.cpu();
        CpuStorage o = out.cpu();
        CpuParallel.forRange(batch * m, Math.max(1, 4096 / Math.max(1, n * k)), (from, to) -> {
            for (int r = from; r < to; r++) {
                int bi = r / m;
                int i = r - bi * m;
                int ab = a.offset() + bi * aBatchStride;
                int bb = b.offset() + bi * bBatchStride;
                for (int j = 0; j < n; j++) {
                    double acc = 0;
                    for (int p = 0; p < k; p++) {
                        double av = x.getDouble(ab + (transA ? p * m + i : i * k + p));
                        double bv = y.getDouble(bb + (transB ? j * k + p : p * n + j));
                        acc += av * bv;
                    }
                    o.setDouble(out.offset() + r * n + j, acc);
                }
            }
        });
    }
}
