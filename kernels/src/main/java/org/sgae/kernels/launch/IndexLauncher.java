package org.sgae.kernels.launch;

import org.sgae.kernels.device.DeviceErrors;
import org.sgae.kernels.device.DeviceRuntime;
import org.sgae.kernels.device.Grid;
import org.sgae.kernels.device.KernelArgs;
import org.sgae.kernels.device.KernelFunction;
import org.sgae.tensor.DType;
import org.sgae.tensor.Tensor;
import org.sgae.tensor.spi.IndexKernels;

/**
 * index.k launchers. Selections and gathers move any 1/4/8-byte dtype; index_add and scatter_add are F32 (float
 * atomics). Every indexed launch carries the runtime's deferred error flag ({@link DeviceErrors}): an out-of-range
 * index reads and writes nothing and is reported, naming the op, at the next synchronisation point (a device →
 * host copy or synchronize()), so an indexed launch never waits for the device.
 */
public final class IndexLauncher implements IndexKernels {
    static final String FAMILY = "index";
    static final int BLOCK = 256;

    private final DeviceRuntime rt;
    private final KernelFunction[] select = new KernelFunction[3];
    private final KernelFunction[] gather = new KernelFunction[3];
    private final KernelFunction indexAdd;
    private final KernelFunction scatterAdd;
    private final KernelFunction topk;

    public IndexLauncher(DeviceRuntime rt) {
        this.rt = rt;
        for (int s = 0; s < 3; s++) {
            select[s] = rt.function(FAMILY, "index_select_" + Types.SIZE_TAGS[s]);
            gather[s] = rt.function(FAMILY, "gather_" + Types.SIZE_TAGS[s]);
        }
        indexAdd = rt.function(FAMILY, "index_add");
        scatterAdd = rt.function(FAMILY, "scatter_add");
        topk = rt.function(FAMILY, "topk");
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

    @Override
    public void topk(Tensor x, int rows, int n, int k, boolean largest, Tensor values, Tensor indices) {
        Types.requireF32("topk", x, values);
        long total = (long) rows * n;
        if (total == 0 || k == 0) {
            return;
        }
        topk.launch(Grid.linear(Math.toIntExact(total), BLOCK), new KernelArgs().i32(rows).i32(n).i32(k)
                .i32(largest ? 1 : 0).tensor(x).tensor(values).tensor(indices));
    }
}
