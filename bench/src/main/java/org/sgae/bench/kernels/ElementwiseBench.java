package org.sgae.bench.kernels;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
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
 * Memory-bound kernels: a + b over n floats (12 bytes per element moved), leaky ReLU (unary, 8 bytes), where(a > b,
 * a, b) (13 bytes), fill (4 bytes), a transposing copy [1000, n/1000] → contiguous (8 bytes), and over [n/1000,
 * 1000] rows: softmax and log-softmax (the cross-entropy kernel; 8 bytes per element) along rows, softmax along
 * columns, sums and argmax along either axis. Small: 64 K elements (launch overhead dominates), large: 16 M.
 *
 * <p>Run: {@code java -jar bench/target/benchmarks.jar ElementwiseBench -p backend=cpu,opencl}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED"})
public class ElementwiseBench {
    @Param({"cpu", "opencl", "cuda"})
    public String backend;

    @Param({"65536", "16777216"})
    public int n;

    private Backend be;
    private Tensor a;
    private Tensor b;
    private Tensor out;
    private Tensor rows;
    private Tensor soft;
    private Tensor rowSums;
    private Tensor colSums;
    private Tensor rowArgmax;
    private Tensor colArgmax;
    private Tensor cond;
    private Tensor rowsT;
    private Tensor transposed;

    @Setup(Level.Trial)
    public void setup() {
        Device d = BenchDevices.resolve(backend);
        be = Backends.of(d);
        a = BenchDevices.random(d, 1, n);
        b = BenchDevices.random(d, 2, n);
        out = Tensor.empty(Shape.of(n), DType.F32, d);
        rows = BenchDevices.random(d, 3, n / 1000, 1000);
        soft = Tensor.empty(rows.shape(), DType.F32, d);
        rowSums = Tensor.empty(Shape.of(rows.dim(0)), DType.F32, d);
        colSums = Tensor.empty(Shape.of(1000), DType.F32, d);
        rowArgmax = Tensor.empty(Shape.of(rows.dim(0)), DType.I64, d);
        colArgmax = Tensor.empty(Shape.of(1000), DType.I64, d);
        cond = Tensor.empty(Shape.of(n), DType.BOOL, d);
        be.elementwise().binary(BinaryOp.GT, a, b, cond);
        rowsT = rows.transpose(0, 1); // a strided view [1000, n/1000]
        transposed = Tensor.empty(rowsT.shape(), DType.F32, d);
        be.synchronize();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        for (Tensor t : new Tensor[] {a, b, out, rows, soft, rowSums, colSums, rowArgmax, colArgmax, cond,
            rowsT, transposed}) {
            t.close();
        }
    }

    @Benchmark
    public Tensor add() {
        be.elementwise().binary(BinaryOp.ADD, a, b, out);
        be.synchronize();
        return out;
    }

    /** Unary family: leaky ReLU (slope 0.2, the CRN's activation). */
    @Benchmark
    public Tensor leakyRelu() {
        be.elementwise().unary(UnaryOp.LEAKY_RELU, a, 0.2, 0, out);
        be.synchronize();
        return out;
    }

    @Benchmark
    public Tensor where() {
        be.elementwise().where(cond, a, b, out);
        be.synchronize();
        return out;
    }

    @Benchmark
    public Tensor fill() {
        be.elementwise().fill(out, 0);
        be.synchronize();
        return out;
    }

    /** Strided copy: the transpose of [n/1000, 1000] made contiguous. */
    @Benchmark
    public Tensor copyTransposed() {
        be.elementwise().copy(rowsT, transposed);
        be.synchronize();
        return transposed;
    }

    /** Log-softmax along rows: the kernel of cross-entropy. */
    @Benchmark
    public Tensor logSoftmaxRows() {
        be.reduce().softmax(rows, rows.dim(0), 1000, 1, true, soft);
        be.synchronize();
        return soft;
    }

    /** Arg-reduce family: argmax along the contiguous last axis ([n/1000, 1000] → I64 [n/1000]). */
    @Benchmark
    public Tensor argmaxRows() {
        be.reduce().argReduce(true, rows, rows.dim(0), 1000, 1, rowArgmax);
        be.synchronize();
        return rowArgmax;
    }

    /** Arg-reduce family: argmax along the strided first axis ([n/1000, 1000] → I64 [1000]). */
    @Benchmark
    public Tensor argmaxColumns() {
        be.reduce().argReduce(true, rows, 1, rows.dim(0), 1000, colArgmax);
        be.synchronize();
        return colArgmax;
    }

    /** Softmax along the strided first axis of [n/1000, 1000] (softmax_cols on devices). */
    @Benchmark
    public Tensor softmaxColumns() {
        be.reduce().softmax(rows, 1, rows.dim(0), 1000, false, soft);
        be.synchronize();
        return soft;
    }

    @Benchmark
    public Tensor softmaxRows() {
        be.reduce().softmax(rows, rows.dim(0), 1000, 1, false, soft);
        be.synchronize();
        return soft;
    }

    /** Reduce family: sum along the contiguous last axis ([n/1000, 1000] → [n/1000]). */
    @Benchmark
    public Tensor sumRows() {
        be.reduce().reduce(ReduceOp.SUM, rows, rows.dim(0), 1000, 1, rowSums);
        be.synchronize();
        return rowSums;
    }

    /** Reduce family: sum along the strided first axis ([n/1000, 1000] → [1000]). */
    @Benchmark
    public Tensor sumColumns() {
        be.reduce().reduce(ReduceOp.SUM, rows, 1, rows.dim(0), 1000, colSums);
        be.synchronize();
        return colSums;
    }
}
