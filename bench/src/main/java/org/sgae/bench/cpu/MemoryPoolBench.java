package org.sgae.bench.cpu;

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
import org.sgae.tensor.Tensor;
import org.sgae.tensor.memory.MemoryScope;
import org.sgae.tensor.ops.Elementwise;

/**
 * What the CPU caching pool buys: a short chain of elementwise ops (two 16 MiB outputs per call) run inside a
 * MemoryScope, so the outputs' arrays return to the pool and are handed out again dirty, versus the same chain
 * whose outputs are left to the GC, so every call gets fresh zeroed arrays (and fresh pages whenever the heap
 * grows or the GC hands memory back). The JVM is deliberately started without -XX:+AlwaysPreTouch.
 *
 * <p>Run: {@code java --add-modules jdk.incubator.vector -jar bench/target/benchmarks.jar MemoryPoolBench}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xmx6g"})
public class MemoryPoolBench {
    @Param({"4194304"})
    public int n;

    private Tensor x;
    private Tensor y;

    @Setup
    public void setup() {
        float[] a = new float[n];
        float[] b = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = i % 7;
            b[i] = i % 5;
        }
        x = Tensor.of(a, n);
        y = Tensor.of(b, n);
    }

    /** Outputs are closed with the scope and their arrays reused by the next call. */
    @Benchmark
    public float scoped() {
        try (MemoryScope s = MemoryScope.open()) {
            Tensor z = Elementwise.mul(Elementwise.add(x, y), x);
            return z.cpu().f32()[z.offset() + 1];
        }
    }

    /** Outputs are never closed: each call allocates fresh arrays, the GC reclaims them. */
    @Benchmark
    public float unscoped() {
        Tensor z = Elementwise.mul(Elementwise.add(x, y), x);
        return z.cpu().f32()[z.offset() + 1];
    }
}
