package org.sgae.bench.backend;

import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.sgae.tensor.DType;
import org.sgae.tensor.Device;
import org.sgae.tensor.Shape;
import org.sgae.tensor.Tensor;
import org.sgae.tensor.attrs.BinaryOp;
import org.sgae.tensor.attrs.ReduceOp;
import org.sgae.tensor.attrs.UnaryOp;
import org.sgae.tensor.spi.Backend;
import org.sgae.tensor.spi.Backends;

/**
 * Memory-bound reduction kernels over [n/1000, 1000] rows: softmax and log-softmax (the cross-entropy kernel; 8
 * bytes per element) along rows, softmax along columns, sums and argmax along either axis, and the other row
 * reductions (mean, max, min, logsumexp, argmin; 4 bytes per element). Small: 64 K elements (launch overhead
 * dominates), large: 16 M.
 *
 * <p>Run: {@code java -jar bench/target/benchmarks.jar ReduceBench -p backend=cpu,opencl} (the methods of
 * {@link ReduceBench} that take this state).
 */
@State(Scope.Benchmark)
public class ReduceCase {
    @Param({"cpu", "opencl", "cuda"})
    public String backend;

    @Param({"65536", "16777216"})
    public int n;

    private Backend be;
    private Tensor rows;
    private Tensor soft;
    private Tensor rowSums;
    private Tensor colSums;
    private Tensor rowArgmax;
    private Tensor colArgmax;

    @Setup(Level.Trial)
    public void setup() {
        Device d = BenchDevices.resolve(backend);
        be = Backends.of(d);
        rows = BenchDevices.random(d, 3, n / 1000, 1000);
        soft = Tensor.empty(rows.shape(), DType.F32, d);
        rowSums = Tensor.empty(Shape.of(rows.dim(0)), DType.F32, d);
        colSums = Tensor.empty(Shape.of(1000), DType.F32, d);
        rowArgmax = Tensor.empty(Shape.of(rows.dim(0)), DType.I64, d);
        colArgmax = Tensor.empty(Shape.of(1000), DType.I64, d);
        be.synchronize();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        for (Tensor t : new Tensor[] {rows, soft, rowSums, colSums, rowArgmax, colArgmax}) {
            t.close();
        }
    }

    /** Log-softmax along rows: the kernel of cross-entropy. */
    public Tensor logSoftmaxRows() {
        be.reduce().softmax(rows, rows.dim(0), 1000, 1, true, soft);
        be.synchronize();
        return soft;
    }

    /** Arg-reduce family: argmax along the contiguous last axis ([n/1000, 1000] → I64 [n/1000]). */
    public Tensor argmaxRows() {
        be.reduce().argReduce(true, rows, rows.dim(0), 1000, 1, rowArgmax);
        be.synchronize();
        return rowArgmax;
    }

    /** Arg-reduce family: argmax along the strided first axis ([n/1000, 1000] → I64 [1000]). */
    public Tensor argmaxColumns() {
        be.reduce().argReduce(true, rows, 1, rows.dim(0), 1000, colArgmax);
        be.synchronize();
        return colArgmax;
    }

    /** Softmax along the strided first axis of [n/1000, 1000] (softmax_cols on devices). */
    public Tensor softmaxColumns() {
        be.reduce().softmax(rows, 1, rows.dim(0), 1000, false, soft);
        be.synchronize();
        return soft;
    }

    public Tensor softmaxRows() {
        be.reduce().softmax(rows, rows.dim(0), 1000, 1, false, soft);
        be.synchronize();
        return soft;
    }

    /** Reduce family: sum along the contiguous last axis ([n/1000, 1000] → [n/1000]). */
    public Tensor sumRows() {
        be.reduce().reduce(ReduceOp.SUM, rows, rows.dim(0), 1000, 1, rowSums);
        be.synchronize();
        return rowSums;
    }

    /** Reduce family: sum along the strided first axis ([n/1000, 1000] → [1000]). */
    public Tensor sumColumns() {
        be.reduce().reduce(ReduceOp.SUM, rows, 1, rows.dim(0), 1000, colSums);
        be.synchronize();
        return colSums;
    }


    /** The other row reductions share sumRows' kernel with another op code; each is timed on its own. */
    private Tensor rowReduce(ReduceOp op) {
        be.reduce().reduce(op, rows, rows.dim(0), 1000, 1, rowSums);
        be.synchronize();
        return rowSums;
    }

    public Tensor meanRows() {
        return rowReduce(ReduceOp.MEAN);
    }

    public Tensor maxRows() {
        return rowReduce(ReduceOp.MAX);
    }

    public Tensor minRows() {
        return rowReduce(ReduceOp.MIN);
    }

    public Tensor logsumexpRows() {
        return rowReduce(ReduceOp.LOGSUMEXP);
    }

    public Tensor argminRows() {
        be.reduce().argReduce(false, rows, rows.dim(0), 1000, 1, rowArgmax);
        be.synchronize();
        return rowArgmax;
    }
}
