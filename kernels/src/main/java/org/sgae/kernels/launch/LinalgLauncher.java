package org.sgae.kernels.launch;

import org.sgae.kernels.device.DeviceRuntime;
import org.sgae.kernels.device.Grid;
import org.sgae.kernels.device.KernelArgs;
import org.sgae.kernels.device.KernelFunction;
import org.sgae.kernels.device.Scratch;
import org.sgae.tensor.DType;
import org.sgae.tensor.Tensor;
import org.sgae.tensor.attrs.BinaryOp;
import org.sgae.tensor.attrs.ReduceOp;
import org.sgae.tensor.ops.Op;
import org.sgae.tensor.ops.OpPart.Role;
import org.sgae.tensor.ops.OpPart;
import org.sgae.tensor.spi.LinalgKernels;

/**
 * Launcher for gemm.k: 64×64 output tiles, 16×16 threads, batch (× K splits) on grid z, in chunks of
 * {@value #MAX_GRID_Z}. Single products with few output tiles and a long K are split along K (see gemm.k).
 */
@OpPart(role = Role.DEVICE_LAUNCHER, kernels = "gemm.k", ops = Op.MATMUL)
public final class LinalgLauncher implements LinalgKernels {
    static final String FAMILY = "gemm";
    static final int TILE = 64;
    static final int MAX_GRID_Z = 65535; // CUDA's limit on gridDim.z
    /** Fewer output tiles than this leave most SMs of a large GPU idle (an H100 has 132). */
    static final int MIN_GROUPS = 128;
    static final int MIN_SPLIT_K = 512;

    private final DeviceRuntime rt;
    private final KernelFunction gemm;
    private final ReduceLauncher reduce;
    private final ElementwiseLauncher elementwise;

    public LinalgLauncher(DeviceRuntime rt) {
        this.rt = rt;
        gemm = rt.function(FAMILY, "gemm");
        reduce = new ReduceLauncher(rt);
        elementwise = new ElementwiseLauncher(rt);
    }

    @Override
    public void matmul(Tensor a, int aBatchStride, boolean transA, Tensor b, int bBatchStride, boolean transB,
                       int batch, int m, int n, int k, Tensor out) {
        if (batch == 1 && splits(1, m, n, k) > 1) {
            gemmSum(a, 0, 0, transA, b, 0, 0, transB, 1, m, n, k, out, false);
        } else {
            gemm(a, 0, aBatchStride, transA, b, 0, bBatchStride, transB, batch, m, n, k, out, 0, m * n, 0f);
        }
    }

    /** Groups the M×N tiling gives; below {@value #MIN_GROUPS} a GPU idles, so K is split (≥ 512 per split). */
    static int splits(int batch, int m, int n, int k) {
        long groups = (long) Grid.ceilDiv(m, TILE) * Grid.ceilDiv(n, TILE) * batch;
        if (groups >= MIN_GROUPS || k < 2 * MIN_SPLIT_K) {
            return 1;
        }
        return (int) Math.max(1, Math.min(Grid.ceilDiv(MIN_GROUPS, (int) groups), k / MIN_SPLIT_K));
    }

    /** K per split, a multiple of the 16-deep K step. */
    static int kChunk(int k, int splits) {
        return Grid.ceilDiv(Grid.ceilDiv(k, splits), 16) * 16;
    }

    /**
     * out (+)= Σ_b op(a[b])·op(b[b]) over the batch (conv2d's weight gradient over images), with K split for
     * parallelism: partial products go to a scratch [batch·splits, m, n] and one column reduction sums them.
     * accumulate: add to out (else overwrite).
     */
    public void gemmSum(Tensor a, int aOff, int sA, boolean transA, Tensor b, int bOff, int sB, boolean transB,
                        int batch, int m, int n, int k, Tensor out, boolean accumulate) {
        Types.requireF32("matmul", a, b, out);
        if (m == 0 || n == 0) {
            return;
        }
        int splits = splits(batch, m, n, k);
        if (batch * splits <= 1) {
            if (batch == 1) {
                gemm(a, aOff, sA, transA, b, bOff, sB, transB, 1, m, n, k, out, 0, 0, accumulate ? 1f : 0f);
            } else if (!accumulate) {
                elementwise.fill(out, 0);
            }
            return;
        }
        int chunk = kChunk(k, splits);
        splits = Grid.ceilDiv(Math.max(k, 1), chunk);
        int parts = batch * splits;
        try (Tensor partial = Scratch.empty(rt, DType.F32, parts, m, n)) {
            launch(a, aOff, sA, transA, b, bOff, sB, transB, parts, splits, chunk, m, n, k, partial, 0, m * n, 0f);
            if (!accumulate) {
                reduce.reduce(ReduceOp.SUM, partial, 1, parts, m * n, out);
                return;
            }
            try (Tensor sum = Scratch.empty(rt, DType.F32, m, n)) {
                reduce.reduce(ReduceOp.SUM, partial, 1, parts, m * n, sum);
                elementwise.binary(BinaryOp.ADD, out, sum, out); // same index in and out: safe in place
            }
        }
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
        launch(a, aOff, sA, transA, b, bOff, sB, transB, batch, 1, Math.max(k, 1), m, n, k, out, outOff, sOut, beta);
    }

    /** zs = batch × splits groups along z, in chunks of the grid limit. */
    private void launch(Tensor a, int aOff, int sA, boolean transA, Tensor b, int bOff, int sB, boolean transB,
                        int zs, int splits, int kChunk, int m, int n, int k, Tensor out, int outOff, int sOut,
                        float beta) {
        for (int base = 0; base < zs; base += MAX_GRID_Z) {
            int chunk = Math.min(MAX_GRID_Z, zs - base);
            Grid g = new Grid(Grid.ceilDiv(n, TILE), Grid.ceilDiv(m, TILE), chunk, 16, 16, 1);
            gemm.launch(g, new KernelArgs().i32(transA ? 1 : 0).i32(transB ? 1 : 0).i32(m).i32(n).i32(k).i32(base)
                    .i32(splits).i32(kChunk).tensorAt(a, aOff).i32(sA).tensorAt(b, bOff).i32(sB)
                    .tensorAt(out, outOff).i32(sOut).f32(beta));
        }
    }
}
