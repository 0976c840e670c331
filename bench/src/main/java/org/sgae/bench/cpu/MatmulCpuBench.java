package org.sgae.bench.cpu;

import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.sgae.tensor.cpu.gemm.Sgemm;
import org.sgae.tensor.ops.Op;
import org.sgae.tensor.ops.OpPart.Role;
import org.sgae.tensor.ops.OpPart;

/**
 * C = A·B for square n×n fp32 matrices (row-major, no transposes), as the torch anchor's sgemm case
 * (2n³ FLOP per call). GFLOP/s = 2n³ / (ms·1e6). Threads: {@code -Dsgae.threads} (default: all cores).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgs = {"--add-modules", "jdk.incubator.vector", "-Xms4g", "-Xmx4g", "-XX:+AlwaysPreTouch"})
@OpPart(role = Role.BENCHMARK, ops = Op.MATMUL)
public class MatmulCpuBench {
    @Param({"512", "1024", "2048"})
    public int n;

    private float[] a;
    private float[] b;
    private float[] c;

    @Setup
    public void setup() {
        // which GEMM tile ran; stderr, because Lockstep speaks on stdout
        System.err.println("# " + org.sgae.tensor.cpu.gemm.GemmTiles.choice().describe());
        Random r = new Random(42);
        a = new float[n * n];
        b = new float[n * n];
        c = new float[n * n];
        for (int i = 0; i < n * n; i++) {
            a[i] = (float) r.nextGaussian();
            b[i] = (float) r.nextGaussian();
        }
    }

    @Benchmark
    public float[] sgemm() {
        Sgemm.sgemm(false, false, n, n, n, 1f, a, 0, n, b, 0, n, 0f, c, 0, n);
        return c;
    }
}
