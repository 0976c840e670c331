package org.sgae.kernels.launch;

import org.sgae.kernels.device.DeviceRuntime;
import org.sgae.kernels.device.Grid;
import org.sgae.kernels.device.KernelArgs;
import org.sgae.kernels.device.KernelFunction;
import org.sgae.tensor.Tensor;
import org.sgae.tensor.spi.LinalgKernels;

/** Launcher for gemm.k: 64×64 output tiles, 16×16 threads, batch on grid z (chunks of {@value #MAX_GRID_Z}). */
public final class LinalgLauncher implements LinalgKernels {
    static final String FAMILY = "gemm";
    static final int TILE = 64;
    static final int MAX_GRID_Z = 65535; // CUDA's limit on gridDim.z

    private final KernelFunction gemm;

    public LinalgLauncher(DeviceRuntime rt) {
        gemm = rt.function(FAMILY, "gemm");
    }

    @Override
    public void matmul(Tensor a, int aBatchStride, boolean transA, Tensor b, int bBatchStride, boolean transB,
                       int batch, int m, int n, int k, Tensor out) {
        gemm(a, aBatchStride, transA, b, bBatchStride, transB, batch, m, n, k, out, m * n, 0f);
    }

    /**
     * out[b] = op(a[b])·op(b[b]) + beta·out[b] with out's batch stride {@code outBatchStride}; beta 0 does not read
     * out. Used by the conv2d launchers.
     */
    public void gemm(Tensor a, int aBatchStride, boolean transA, Tensor b, int bBatchStride, boolean transB,
                     int batch, int m, int n, int k, Tensor out, int outBatchStride, float beta) {
        Types.requireF32("matmul", a, b, out);
        if (batch == 0 || m == 0 || n == 0) {
            return;
        }
        for (int base = 0; base < batch; base += MAX_GRID_Z) {
            int chunk = Math.min(MAX_GRID_Z, batch - base);
            Grid g = new Grid(Grid.ceilDiv(n, TILE), Grid.ceilDiv(m, TILE), chunk, 16, 16, 1);
            gemm.launch(g, new KernelArgs().i32(transA ? 1 : 0).i32(transB ? 1 : 0).i32(m).i32(n).i32(k).i32(base)
                    .tensor(a).i32(aBatchStride).tensor(b).i32(bBatchStride).tensor(out).i32(outBatchStride)
                    .f32(beta));
        }
    }
}
