package org.sgae.kernels.launch;

import org.sgae.kernels.device.DeviceErrors;
import org.sgae.kernels.device.DeviceRuntime;
import org.sgae.kernels.device.Grid;
import org.sgae.kernels.device.KernelArgs;
import org.sgae.kernels.device.KernelFunction;
import org.sgae.kernels.device.Scratch;
import org.sgae.tensor.DType;
import org.sgae.tensor.Tensor;
import org.sgae.tensor.attrs.ReduceOp;
import org.sgae.tensor.ops.Op;
import org.sgae.tensor.ops.OpPart.Role;
import org.sgae.tensor.ops.OpPart;
import org.sgae.tensor.spi.ReduceKernels;

/**
 * Launchers for reduce.k. inner == 1: one group of {@value #ROW_BLOCK} threads per row (few long rows: two
 * stages over chunks of {@value #CHUNK}); otherwise one thread per output (block {@value #COL_BLOCK}). F32 only on
 * devices. Segment softmax (segment_softmax.k): one item per (segment, column), offsets checked on the device
 * (deferred error flag), no host read.
 */
@OpPart(role = Role.DEVICE_LAUNCHER, kernels = "reduce.k", ops = {Op.SUM, Op.MEAN, Op.MAX, Op.MIN, Op.ARGMAX,
        Op.ARGMIN, Op.LOGSUMEXP, Op.SOFTMAX, Op.LOG_SOFTMAX})
@OpPart(role = Role.DEVICE_LAUNCHER, kernels = "segment_softmax.k", ops = Op.SEGMENT_SOFTMAX)
public final class ReduceLauncher implements ReduceKernels {
    static final String FAMILY = "reduce";
    static final int ROW_BLOCK = 256; // = RB in reduce.k
    static final int COL_BLOCK = 256;
    /** Two-stage row reductions: for fewer rows than this, of at least 2 chunks of {@value #CHUNK} elements. */
    static final int TWO_STAGE_MAX_ROWS = 64;
    static final int CHUNK = 4096;
    static final int MAX_CHUNKS = 512;


    private final DeviceRuntime rt;
    private final KernelFunction reduceRows;
    private final KernelFunction reduceCols;
    private final KernelFunction argRows;
    private final KernelFunction argCols;
    private final KernelFunction softmaxRows;
    private final KernelFunction softmaxCols;
    private final KernelFunction segFwdI32;
    private final KernelFunction segFwdI64;
    private final KernelFunction segBwdI32;
    private final KernelFunction segBwdI64;

    public ReduceLauncher(DeviceRuntime rt) {
        this.rt = rt;
        reduceRows = rt.function(FAMILY, "reduce_rows");
        reduceCols = rt.function(FAMILY, "reduce_cols");
        argRows = rt.function(FAMILY, "arg_rows");
        argCols = rt.function(FAMILY, "arg_cols");
        softmaxRows = rt.function(FAMILY, "softmax_rows");
        softmaxCols = rt.function(FAMILY, "softmax_cols");
        segFwdI32 = rt.function("segment_softmax", "segment_softmax_fwd_i32");
        segFwdI64 = rt.function("segment_softmax", "segment_softmax_fwd_i64");
        segBwdI32 = rt.function("segment_softmax", "segment_softmax_bwd_i32");
        segBwdI64 = rt.function("segment_softmax", "segment_softmax_bwd_i64");
    }

    @Override
    public void reduce(ReduceOp op, Tensor x, int outer, int n, int inner, Tensor out) {
        Types.requireF32("reduce " + op, x, out);
        if (outer * inner == 0) {
            return;
        }
        if (inner != 1) {
            launch(reduceRows, reduceCols, op.ordinal(), x, outer, n, inner, out);
            return;
        }
        // rows: MEAN is SUM scaled by 1/n (n = 0 gives 0·∞ = NaN, as the reference)
        int code = op == ReduceOp.MEAN ? ReduceOp.SUM.ordinal() : op.ordinal();
        float scale = op == ReduceOp.MEAN ? 1f / n : 1f;
        int chunks = outer < TWO_STAGE_MAX_ROWS && n >= 2 * CHUNK ? Math.min(MAX_CHUNKS, Grid.ceilDiv(n, CHUNK)) : 1;
        if (chunks == 1) {
            reduceRows.launch(new Grid(outer, 1, 1, ROW_BLOCK, 1, 1), new KernelArgs().i32(code).i32(outer).i32(n)
                    .i32(1).f32(scale).tensor(x).tensor(out));
            return;
        }
        try (Tensor partial = Scratch.empty(rt, DType.F32, outer, chunks)) {
            reduceRows.launch(new Grid(outer * chunks, 1, 1, ROW_BLOCK, 1, 1), new KernelArgs().i32(code).i32(outer)
                    .i32(n).i32(chunks).f32(1f).tensor(x).tensor(partial));
            reduceRows.launch(new Grid(outer, 1, 1, ROW_BLOCK, 1, 1), new KernelArgs().i32(code).i32(outer)
                    .i32(chunks).i32(1).f32(scale).tensor(partial).tensor(out));
        }
    }

    @Override
    public void argReduce(boolean max, Tensor x, int outer, int n, int inner, Tensor out) {
        Types.requireF32(max ? "argmax" : "argmin", x);
        launch(argRows, argCols, max ? 1 : 0, x, outer, n, inner, out);
    }

    @Override
    public void softmax(Tensor x, int outer, int n, int inner, boolean log, Tensor out) {
        Types.requireF32(log ? "log_softmax" : "softmax", x, out);
        if (n == 0) {
            return;
        }
        launch(softmaxRows, softmaxCols, log ? 1 : 0, x, outer, n, inner, out);
    }

    /** Shared geometry: rows kernels take (code, rows, n, x, out), cols kernels (code, outer, n, inner, x, out). */
    private static void launch(KernelFunction rows, KernelFunction cols, int code, Tensor x, int outer, int n,
                               int inner, Tensor out) {
        int outputs = outer * inner;
        if (outputs == 0) {
            return;
        }
        if (inner == 1) {
            rows.launch(new Grid(outer, 1, 1, ROW_BLOCK, 1, 1),
                    new KernelArgs().i32(code).i32(outer).i32(n).tensor(x).tensor(out));
        } else {
            cols.launch(Grid.linear(outputs, COL_BLOCK),
                    new KernelArgs().i32(code).i32(outer).i32(n).i32(inner).tensor(x).tensor(out));
        }
    }

    @Override
    public void segmentSoftmax(Tensor x, Tensor offsets, int rows, int cols, Tensor out) {
        Types.requireF32("segment_softmax", x, out);
        int segs = offsets.numel() - 1;
        if (segs * cols == 0) {
            return;
        }
        rt.errors().launch(offsets.dtype() == DType.I32 ? segFwdI32 : segFwdI64,
                DetectionLauncher.grid(segs * cols), new KernelArgs().tensor(x).tensor(offsets).tensor(out)
                        .i32(segs).i32(rows).i32(cols), DeviceErrors.Op.SEGMENT_SOFTMAX);
    }

    @Override
    public void segmentSoftmaxBackward(Tensor gradOut, Tensor y, Tensor offsets, int rows, int cols, Tensor gradX) {
        Types.requireF32("segment_softmax backward", gradOut, y, gradX);
        int segs = offsets.numel() - 1;
        if (segs * cols == 0) {
            return;
        }
        rt.errors().launch(offsets.dtype() == DType.I32 ? segBwdI32 : segBwdI64,
                DetectionLauncher.grid(segs * cols), new KernelArgs().tensor(gradOut).tensor(y).tensor(offsets)
                        .tensor(gradX).i32(segs).i32(rows).i32(cols), DeviceErrors.Op.SEGMENT_SOFTMAX_BACKWARD);
    }
}
