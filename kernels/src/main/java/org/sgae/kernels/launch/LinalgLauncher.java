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
        gemm(a, 0, aBatchStride, transA, b, 0, bBatchStride, transB, batch, m, n, k, out, 0, m * n, 0f);
    }

    /**
     * out[b] = op(a[b])·op(b[b]) + beta·out[b], each operand starting {@code *Off} elements after its view offset,
     * with batch strides {@code sA, sB, sOut}; beta 0 does not read out. The conv2d launchers use the offsets to
     * address one image (or chunk) of a batch without creating views.
     */
    public void gemm(Tensor a, int aOff, int sA, boolean transA, Tensor b, int bOff, int sB, boolean transB,
                     int batch, int m, int n, int k, Tensor out, int outOff, int sOut, float beta) {
        Types.requireF32("matmul", a, b, out);
        if (batch == 0 || m == 0 || n == 0) {
            return;
        }
        for (int base = 0; base < batch; base += MAX_GRID_Z) {
            int chunk = Math.min(MAX_GRID_Z, batch - base);
            Grid g = new Grid(Grid.ceilDiv(n, TILE), Grid.ceilDiv(m, TILE), chunk, 16, 16, 1);
            gemm.launch(g, new KernelArgs().i32(transA ? 1 : 0).i32(transB ? 1 : 0).i32(m).i32(n).i32(k).i32(base)
                    .tensorAt(a, aOff).i32(sA).tensorAt(b, bOff).i32(sB).tensorAt(out, outOff).i32(sOut).f32(beta));
        }
    }
}
