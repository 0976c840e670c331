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
import org.sgae.tensor.ops.Op;
import org.sgae.tensor.ops.OpPart;
import org.sgae.tensor.ops.OpPart.Role;
import org.sgae.tensor.spi.Backend;
import org.sgae.tensor.spi.Backends;

/**
 * Square SGEMM n×n·n×n (gemm.k on devices, the Vector API kernel on cpu). 2n³ FLOP per call. Sizes match the
 * torch anchors sgemm_512 / sgemm_1024. The device is synchronised inside the measured method.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED"})
@OpPart(role = Role.BENCHMARK, ops = Op.MATMUL)
public class LinalgBench {
    @Param({"cpu", "opencl", "cuda"})
    public String backend;

    @Param({"512", "1024"})
    public int n;

    private Backend be;
    private Tensor a;
    private Tensor b;
    private Tensor c;

    @Setup(Level.Trial)
    public void setup() {
        Device d = BenchDevices.resolve(backend);
        be = Backends.of(d);
        a = BenchDevices.random(d, 1, n, n);
        b = BenchDevices.random(d, 2, n, n);
        c = Tensor.empty(Shape.of(n, n), DType.F32, d);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        a.close();
        b.close();
        c.close();
    }

    @Benchmark
    public Tensor sgemm() {
        be.linalg().matmul(a, 0, false, b, 0, false, 1, n, n, n, c);
        be.synchronize();
        return c;
    }
}
