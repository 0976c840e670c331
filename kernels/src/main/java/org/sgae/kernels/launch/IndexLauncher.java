package org.sgae.kernels.launch;

import org.sgae.kernels.device.DeviceErrors;
import org.sgae.kernels.device.DeviceRuntime;
import org.sgae.kernels.device.Grid;
import org.sgae.kernels.device.KernelArgs;
import org.sgae.kernels.device.KernelFunction;
import org.sgae.kernels.device.Scratch;
import org.sgae.tensor.DType;
import org.sgae.tensor.Tensor;
import org.sgae.tensor.ops.Op;
import org.sgae.tensor.ops.OpPart;
import org.sgae.tensor.ops.OpPart.Role;
import org.sgae.tensor.spi.IndexKernels;

/**
 * index.k launchers. Selections and gathers move any 1/4/8-byte dtype; index_add and scatter_add are F32 (float
 * atomics). Every indexed launch carries the runtime's deferred error flag ({@link DeviceErrors}): an out-of-range
 * index reads and writes nothing and is reported, naming the op, at the next synchronisation point (a device →
 * host copy or synchronize()), so an indexed launch never waits for the device.
 */
@OpPart(role = Role.DEVICE_LAUNCHER, kernels = "index.k", ops = {Op.INDEX_SELECT, Op.GATHER, Op.SCATTER_ADD, Op.TOPK,
        Op.SORT})
public final class IndexLauncher implements IndexKernels {
    static final String FAMILY = "index";
    static final int BLOCK = 256;

    private final DeviceRuntime rt;
    private final KernelFunction[] select = new KernelFunction[3];
    private final KernelFunction[] gather = new KernelFunction[3];
    private final KernelFunction indexAdd;
    private final KernelFunction scatterAdd;
    private final KernelFunction topkSortLocal;
    private final KernelFunction topkMergeGlobal;
    private final KernelFunction topkMergeLocal;
    private final KernelFunction topkReduceLocal;
    private final KernelFunction topkGather;

    public IndexLauncher(DeviceRuntime rt) {
        this.rt = rt;
        for (int s = 0; s < 3; s++) {
            select[s] = rt.function(FAMILY, "index_select_" + Types.SIZE_TAGS[s]);
            gather[s] = rt.function(FAMILY, "gather_" + Types.SIZE_TAGS[s]);
        }
        indexAdd = rt.function(FAMILY, "index_add");
        scatterAdd = rt.function(FAMILY, "scatter_add");
        topkSortLocal = rt.function(FAMILY, "topk_sort_local");
        topkMergeGlobal = rt.function(FAMILY, "topk_merge_global");
        topkMergeLocal = rt.function(FAMILY, "topk_merge_local");
        topkReduceLocal = rt.function(FAMILY, "topk_reduce_local");
        topkGather = rt.function(FAMILY, "topk_gather");
    }

    /** Launches with the deferred error flag and op code appended (no host read here; see DeviceErrors). */
    private void checked(DeviceErrors.Op op, KernelFunction k, Grid g, KernelArgs args) {
        rt.errors().launch(k, g, args, op);
    }

    private static void requireI64(String op, Tensor index) {
        if (index.dtype() != DType.I64) {
            throw new IllegalArgumentException(op + ": index must be I64, got " + index.dtype());
        }
    }

    @Override
    public void indexSelect(Tensor x, Tensor index, int outer, int n, int inner, Tensor out) {
        requireI64("index_select", index);
        Types.typeIndex("index_select", x);
        int k = index.numel();
        long total = (long) outer * k * inner;
        if (total == 0) {
            return;
        }
        checked(DeviceErrors.Op.INDEX_SELECT, select[Types.sizeIndex(x.dtype())], Grid.linear(Math.toIntExact(total), BLOCK),
                new KernelArgs().i32(outer).i32(n).i32(inner).i32(k).tensor(x).tensor(index).tensor(out));
    }

    @Override
    public void indexAdd(Tensor src, Tensor index, int outer, int n, int inner, Tensor out) {
        requireI64("index_add", index);
        Types.requireF32("index_add", src, out);
        int k = index.numel();
        long total = (long) outer * k * inner;
        if (total == 0) {
            return;
        }
        checked(DeviceErrors.Op.INDEX_ADD, indexAdd, Grid.linear(Math.toIntExact(total), BLOCK),
                new KernelArgs().i32(outer).i32(n).i32(inner).i32(k).tensor(src).tensor(index).tensor(out));
    }

    /** Strides of {@code data} over the index's shape, with the indexed dim's stride zeroed. */
    private static byte[] layout(Tensor data, int dim, Tensor index) {
        int[] st = data.strides();
        st[dim] = 0;
        return StridedLayout.of(index.shape(), data.device(), st);
    }

    @Override
    public void gather(Tensor x, int dim, Tensor index, Tensor out) {
        requireI64("gather", index);
        Types.typeIndex("gather", x);
        int d = x.shape().axis(dim);
        if (index.numel() == 0) {
            return;
        }
        checked(DeviceErrors.Op.GATHER, gather[Types.sizeIndex(x.dtype())], Grid.linear(index.numel(), BLOCK),
                new KernelArgs().struct(layout(x, d, index), "layout " + index.shape()).i32(x.dim(d)).i32(x.stride(d))
                        .tensor(x).tensor(index).tensor(out));
    }

    @Override
    public void scatterAdd(Tensor out, int dim, Tensor index, Tensor src) {
        requireI64("scatter_add", index);
        Types.requireF32("scatter_add", out, src);
        int d = out.shape().axis(dim);
        if (index.numel() == 0) {
            return;
        }
        checked(DeviceErrors.Op.SCATTER_ADD, scatterAdd, Grid.linear(index.numel(), BLOCK),
                new KernelArgs().struct(layout(out, d, index), "layout " + index.shape()).i32(out.dim(d))
                        .i32(out.stride(d)).tensor(out).tensor(index).tensor(src));
    }

    /** Keys sorted per work-group in local memory (index.k TOPK_LOCAL). */
    static final int TOPK_LOCAL = 2048;

    /**
     * Bitonic sort of i64 (value, index) keys per row padded to p = 2^m ≥ n in scratch (index.k header): one launch
     * sorts every TOPK_LOCAL chunk in local memory. Small k (2·kp ≤ TOPK_LOCAL, kp = 2^j ≥ k) and long rows: each
     * reduction launch keeps the first kp of every sorted chunk and merges them until a row fits one chunk. Else the
     * full sort: per merge size above TOPK_LOCAL the strides ≥ TOPK_LOCAL as global steps, the rest in one local
     * launch. A gather writes the first k. Scratch comes from the runtime's allocator; no host read.
     */
    @Override
    public void topk(Tensor x, int rows, int n, int k, boolean largest, Tensor values, Tensor indices) {
        Types.requireF32("topk", x, values);
        long total = (long) rows * n;
        if (total == 0 || k == 0) {
            return;
        }
        int p = Integer.highestOneBit(Math.max(2, n - 1)) << 1;
        long keys = (long) rows * p;
        long padded = (keys + TOPK_LOCAL - 1) / TOPK_LOCAL * TOPK_LOCAL;
        if (padded > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("topk: " + rows + " rows of " + n + " (padded to " + p
                    + ") exceed the device sort's 2^31 keys");
        }
        int chunks = (int) (padded / TOPK_LOCAL);
        int kp = Integer.highestOneBit(Math.max(1, k - 1)) << (k > 1 ? 1 : 0); // 2^j >= k
        Grid local = new Grid(chunks, 1, 1, BLOCK, 1, 1);
        if (p > TOPK_LOCAL && 2 * kp <= TOPK_LOCAL) {
            // reduction: sort every chunk ascending, keep its first kp, merge kept runs until a row fits a chunk
            Tensor key = Scratch.empty(rt, DType.I64, (int) padded);
            try {
                topkSortLocal.launch(local, new KernelArgs().i32(rows).i32(n).i32(p).i32(TOPK_LOCAL)
                        .i32(largest ? 1 : 0).tensor(x).tensor(key));
                int m = p;
                while (m > TOPK_LOCAL) {
                    int mo = m / TOPK_LOCAL * kp;
                    long outKeys = ((long) rows * mo + TOPK_LOCAL - 1) / TOPK_LOCAL * TOPK_LOCAL;
                    Tensor out = Scratch.empty(rt, DType.I64, (int) outKeys);
                    try {
                        topkReduceLocal.launch(new Grid((int) (outKeys / TOPK_LOCAL), 1, 1, BLOCK, 1, 1),
                                new KernelArgs().i32(rows).i32(m).i32(mo).i32(kp).tensor(key).tensor(out));
                    } catch (RuntimeException | Error e) {
                        out.close();
                        throw e;
                    }
                    key.close(); // the in-order queue runs the launch before the storage is reused
                    key = out;
                    m = mo;
                }
                topkGather.launch(stridedGrid(Math.toIntExact((long) rows * k)), new KernelArgs().i32(rows).i32(n)
                        .i32(m).i32(k).tensor(x).tensor(key).tensor(values).tensor(indices));
            } finally {
                key.close();
            }
            return;
        }
        try (Tensor key = Scratch.empty(rt, DType.I64, (int) padded)) {
            topkSortLocal.launch(local, new KernelArgs().i32(rows).i32(n).i32(p).i32(p).i32(largest ? 1 : 0)
                    .tensor(x).tensor(key));
            int half = (int) (keys / 2);
            for (int size = TOPK_LOCAL * 2; size <= p; size <<= 1) {
                for (int stride = size >> 1; stride >= TOPK_LOCAL; stride >>= 1) {
                    topkMergeGlobal.launch(stridedGrid(half), new KernelArgs().i32(p).tensor(key).i32(half)
                            .i32(size).i32(stride));
                }
                topkMergeLocal.launch(local, new KernelArgs().i32(p).tensor(key).i32(size));
            }
            topkGather.launch(stridedGrid(Math.toIntExact((long) rows * k)), new KernelArgs().i32(rows).i32(n).i32(p)
                    .i32(k).tensor(x).tensor(key).tensor(values).tensor(indices));
        }
    }

    /** Enough groups for a grid-stride loop over {@code items}, capped at 4096 groups. */
    private static Grid stridedGrid(int items) {
        return Grid.linear(Math.max(1, Math.min(items, BLOCK * 4096)), BLOCK);
    }
}
