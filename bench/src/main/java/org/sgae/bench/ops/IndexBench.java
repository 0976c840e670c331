package org.sgae.bench.ops;

import java.util.SplittableRandom;
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
import org.openjdk.jmh.infra.Blackhole;
import org.sgae.bench.kernels.BenchDevices;
import org.sgae.tensor.Device;
import org.sgae.tensor.Tensor;
import org.sgae.tensor.memory.MemoryScope;
import org.sgae.tensor.ops.Index;
import org.sgae.tensor.spi.Backends;

/**
 * gather, scatter_add and topk through the Index facade (argument checks and the index range scan included, as a
 * caller pays them).
 *
 * <ul>
 *   <li>gather: x [rows, cols] F32, index [rows, cols / 4] along dim 1 (picking per-row entries, e.g. class scores);
 *   <li>scatterAdd: GNN-style message sum, base [nodes, d], src [edges, d], index [edges, d] along dim 0 with
 *       random targets (many repeats), parallel over the d columns;
 *   <li>topk: k best of each row of x [rows, n] (proposal scores).
 * </ul>
 * small: gather [256, 64], scatter 256 nodes × 1024 edges × 64, topk [64, 1000] k = 10; large: gather [8192, 512],
 * scatter 16384 nodes × 65536 edges × 64, topk [256, 20000] k = 100. Bytes moved per call: gather 4·(out) + 8·(index)
 * + 4·(reads); scatter 12·edges·d + 4·nodes·d. Run: {@code java -jar bench/target/benchmarks.jar IndexBench}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class IndexBench {
    @Param({"cpu", "opencl", "cuda"})
    public String backend;

    @Param({"small", "large"})
    public String size;

    private Device device;
    private Tensor gatherX;
    private Tensor gatherIndex;
    private Tensor base;
    private Tensor src;
    private Tensor scatterIndex;
    private Tensor scores;
    private int k;

    @Setup(Level.Trial)
    public void setup() {
        device = BenchDevices.resolve(backend); // an unavailable device skips its own trials
        boolean small = size.equals("small");
        SplittableRandom r = new SplittableRandom(42);
        int rows = small ? 256 : 8192;
        int cols = small ? 64 : 512;
        gatherX = floats(r, rows, cols);
        gatherIndex = longs(r, cols, rows, cols / 4);
        int nodes = small ? 256 : 16384;
        int edges = small ? 1024 : 65536;
        int d = 64;
        base = floats(r, nodes, d);
        src = floats(r, edges, d);
        long[] targets = new long[edges * d];
        for (int e = 0; e < edges; e++) {
            long t = r.nextInt(nodes);
            for (int c = 0; c < d; c++) {
                targets[e * d + c] = t; // one target node per edge, repeated over its features
            }
        }
        scatterIndex = Tensor.ofLongs(targets, edges, d).to(device);
        scores = small ? floats(r, 64, 1000) : floats(r, 256, 20000);
        k = small ? 10 : 100;
    }

    private Tensor floats(SplittableRandom r, int... shape) {
        float[] v = new float[shape[0] * shape[1]];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) r.nextDouble(-1, 1);
        }
        return Tensor.of(v, shape).to(device);
    }

    private Tensor longs(SplittableRandom r, int bound, int... shape) {
        long[] v = new long[shape[0] * shape[1]];
        for (int i = 0; i < v.length; i++) {
            v[i] = r.nextInt(bound);
        }
        return Tensor.ofLongs(v, shape).to(device);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        for (Tensor t : new Tensor[] {gatherX, gatherIndex, base, src, scatterIndex, scores}) {
            t.close();
        }
    }

    @Benchmark
    public void gather(Blackhole bh) {
        try (MemoryScope s = MemoryScope.open()) {
            bh.consume(Index.gather(gatherX, 1, gatherIndex));
            Backends.of(device).synchronize();
        }
    }

    @Benchmark
    public void scatterAdd(Blackhole bh) {
        try (MemoryScope s = MemoryScope.open()) {
            bh.consume(Index.scatterAdd(base, 0, scatterIndex, src));
            Backends.of(device).synchronize();
        }
    }

    @Benchmark
    public void topk(Blackhole bh) {
        try (MemoryScope s = MemoryScope.open()) {
            bh.consume(Index.topk(scores, k, 1, Index.Order.DESCENDING));
            Backends.of(device).synchronize();
        }
    }
}
