package org.sgae.bench.backend;

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
import org.sgae.tensor.attrs.UnaryOp;
import org.sgae.tensor.memory.MemoryScope;
import org.sgae.tensor.ops.Op;
import org.sgae.tensor.ops.OpPart.Role;
import org.sgae.tensor.ops.OpPart;
import org.sgae.tensor.spi.Backend;
import org.sgae.tensor.spi.Backends;

/**
 * Memory-bound elementwise kernels: a + b over n floats (12 bytes per element moved), leaky ReLU (unary, 8 bytes),
 * where(a > b, a, b) (13 bytes), fill (4 bytes), a transposing copy [1000, n/1000] → contiguous (8 bytes); every
 * binary op and comparison ({@code binary}, {@code -p binaryOp=...}), every unary op ({@code unary}), a cast to F64
 * (12 bytes) and the host-to-device transfer of n floats ({@code toDevice}; an arraycopy on cpu). Small: 64 K
 * elements (launch overhead dominates), large: 16 M. Reductions and softmax are {@link ReduceBench}.
 *
 * <p>Run: {@code java -jar bench/target/benchmarks.jar ElementwiseBench -p backend=cpu,opencl}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED"})
@OpPart(role = Role.BENCHMARK, ops = {Op.ADD, Op.SUB, Op.MUL, Op.DIV, Op.POW, Op.MAXIMUM, Op.MINIMUM, Op.NEG, Op.EXP,
        Op.LOG, Op.SQRT, Op.ABS, Op.RELU, Op.LEAKY_RELU, Op.SIGMOID, Op.TANH, Op.CLAMP, Op.ADD_SCALAR, Op.MUL_SCALAR,
        Op.POW_SCALAR, Op.EQ, Op.NE, Op.LT, Op.LE, Op.GT, Op.GE, Op.WHERE, Op.CAST, Op.COPY, Op.TO_DEVICE})
public class ElementwiseBench {
    @Param({"cpu", "opencl", "cuda"})
    public String backend;

    @Param({"65536", "16777216"})
    public int n;

    private Backend be;
    private Tensor a;
    private Tensor b;
    private Tensor out;
    private Tensor cond;
    private Tensor rows;
    private Tensor rowsT;
    private Tensor transposed;
    private Tensor positive;
    private Tensor out64;
    private Tensor host;
    private Device device;

    /** The op of {@link #binary}: every BinaryOp unless {@code -p binaryOp=...} narrows it. */
    @State(Scope.Benchmark)
    public static class Binary {
        @Param
        public BinaryOp binaryOp;
    }

    /** The op of {@link #unary}: every UnaryOp unless {@code -p unaryOp=...} narrows it (-p matches by name). */
    @State(Scope.Benchmark)
    public static class Unary {
        @Param
        public UnaryOp unaryOp;
    }

    @Setup(Level.Trial)
    public void setup() {
        Device d = BenchDevices.resolve(backend);
        be = Backends.of(d);
        a = BenchDevices.random(d, 1, n);
        b = BenchDevices.random(d, 2, n);
        out = Tensor.empty(Shape.of(n), DType.F32, d);
        cond = Tensor.empty(Shape.of(n), DType.BOOL, d);
        be.elementwise().binary(BinaryOp.GT, a, b, cond);
        rows = BenchDevices.random(d, 3, n / 1000, 1000);
        rowsT = rows.transpose(0, 1); // a strided view [1000, n/1000]
        transposed = Tensor.empty(rowsT.shape(), DType.F32, d);
        positive = Tensor.empty(Shape.of(n), DType.F32, d); // |a| + 0.5: inside log, sqrt and pow's domain
        be.elementwise().unary(UnaryOp.ABS, a, 0, 0, positive);
        be.elementwise().unary(UnaryOp.ADD_SCALAR, positive, 0.5, 0, positive);
        out64 = Tensor.empty(Shape.of(n), DType.F64, d);
        host = BenchDevices.random(Device.cpu(), 4, n);
        device = d;
        be.synchronize();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        for (Tensor t : new Tensor[] {a, b, out, cond, rows, rowsT, transposed, positive, out64, host}) {
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

    /** One binary op over n elements (comparisons write the BOOL mask, 9 bytes per element). */
    @Benchmark
    public Tensor binary(Binary c) {
        Tensor o = c.binaryOp.isComparison() ? cond : out;
        be.elementwise().binary(c.binaryOp, a, b, o);
        be.synchronize();
        return o;
    }

    /** One unary op over n elements, with the scalar attributes the model uses (log, sqrt, pow on x > 0). */
    @Benchmark
    public Tensor unary(Unary c) {
        UnaryOp op = c.unaryOp;
        boolean domain = op == UnaryOp.LOG || op == UnaryOp.SQRT || op == UnaryOp.POW_SCALAR;
        double alpha = op == UnaryOp.LEAKY_RELU ? 0.2 : op == UnaryOp.CLAMP ? -0.5 : op == UnaryOp.ADD_SCALAR ? 1
                : op == UnaryOp.MUL_SCALAR || op == UnaryOp.POW_SCALAR ? 2 : 0;
        double beta = op == UnaryOp.CLAMP ? 0.5 : 0;
        be.elementwise().unary(op, domain ? positive : a, alpha, beta, out);
        be.synchronize();
        return out;
    }

    /** CAST: F32 → F64 (the kernel of Elementwise.cast). */
    @Benchmark
    public Tensor castToF64() {
        be.elementwise().unary(UnaryOp.COPY, a, 0, 0, out64);
        be.synchronize();
        return out64;
    }

    /** TO_DEVICE: n host floats into a new tensor on the backend (alloc from the pool + transfer). */
    @Benchmark
    public float toDevice() {
        try (MemoryScope s = MemoryScope.open()) {
            return BenchDevices.consume(host.to(device));
        }
    }
}
