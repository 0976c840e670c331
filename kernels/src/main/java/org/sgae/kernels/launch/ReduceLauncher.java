package org.sgae.kernels.launch;

import org.sgae.kernels.device.DeviceRuntime;
import org.sgae.kernels.device.Grid;
import org.sgae.kernels.device.KernelArgs;
import org.sgae.kernels.device.KernelFunction;
import org.sgae.tensor.Tensor;
import org.sgae.tensor.ops.ReduceOp;
import org.sgae.tensor.spi.ReduceKernels;

/**
 * Launchers for reduce.k. inner == 1: one group of {@value #ROW_BLOCK} threads per row; otherwise one thread per
 * output (block {@value #COL_BLOCK}). F32 only on devices.
 */
public final class ReduceLauncher implements ReduceKernels {
    static final String FAMILY = "reduce";
    static final int ROW_BLOCK = 256; // = RB in reduce.k
    static final int COL_BLOCK = 256;

    private final KernelFunction reduceRows;
    private final KernelFunction reduceCols;
    private final KernelFunction argRows;
    private final KernelFunction argCols;
    private final KernelFunction softmaxRows;
    private final KernelFunction softmaxCols;

    public ReduceLauncher(DeviceRuntime rt) {
        reduceRows = rt.function(FAMILY, "reduce_rows");
        reduceCols = rt.function(FAMILY, "reduce_cols");
        argRows = rt.function(FAMILY, "arg_rows");
        argCols = rt.function(FAMILY, "arg_cols");
        softmaxRows = rt.function(FAMILY, "softmax_rows");
        softmaxCols = rt.function(FAMILY, "softmax_cols");
    }

    @Override
    public void reduce(ReduceOp op, Tensor x, int outer, int n, int inner, Tensor out) {
        Types.requireF32("reduce " + op, x, out);
        launch(reduceRows, reduceCols, op.ordinal(), x, outer, n, inner, out);
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
}
