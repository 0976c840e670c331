package org.sgae.bench.backend;

import java.util.List;
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
import org.sgae.tensor.Device;
import org.sgae.tensor.Tensor;
import org.sgae.tensor.memory.MemoryScope;
import org.sgae.tensor.ops.Assemble;
import org.sgae.tensor.ops.Index;
import org.sgae.tensor.ops.Op;
import org.sgae.tensor.ops.OpPart;
import org.sgae.tensor.ops.OpPart.Role;

/**
 * The index family (index.k on devices) through the public {@link Index} facade, argument checks and the index
 * range checks included, on the model's shapes. D = 128 features throughout; V = 150 object classes; all index
 * tensors I64, built in setup.
 *
 * <ul>
 *   <li>{@code embedding}: class embedding lookup, weight [150, 128], ids [O] → [O, 128];
 *   <li>{@code indexSelect}: subject features of the kept pairs, x [O, 128], index [P] (dim 0) → [P, 128];
 *   <li>{@code gather}: the same pair features as an elementwise gather, x [O, 128], index [P, 128] (each row's
 *       object repeated over the features, dim 0) → [P, 128];
 *   <li>{@code scatterAdd}: pair gradients summed back into object rows, base [O, 128], src and index [P, 128]
 *       (dim 0; many repeats);
 *   <li>{@code indexAdd}: the embedding / index_select backward, base [150, 128] += src [O, 128] at rows ids [O];
 *   <li>{@code topkRows} / {@code sortRows}: the k best of each row of proposal scores (small [64, 1000], k = 10;
 *       large [256, 20000], k = 100) and the stable sort of the same rows;
 *   <li>{@code topkOneRow}: the k best of one long row (small n = 4096, k = 64; large n = 65536, k = 256, the pairs
 *       anchor's N² candidates);
 *   <li>{@code catPairs}: [subject | object] pair features, cat of two [P, 128] along dim 1 → [P, 256];
 *   <li>{@code padFeatures}: object features [O, 128] zero-padded by 2 on each side of dim 1 → [O, 132].
 * </ul>
 * small: O = 12·16 = 192 objects (16 images, 12 objects each), P = 256 pairs (the RePN's kept pairs);
 * large: O = 8192, P = 8192 (1 M output elements per call). Outputs are new tensors, released each call by a
 * MemoryScope (the CPU pool and the device allocator reuse them). Devices are synchronised, not copied back
 * ({@link BenchDevices#consume}).
 *
 * <p>Run: {@code java -jar bench/target/benchmarks.jar IndexBench -p backend=cpu,opencl}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xms2g", "-Xmx2g",
    "-XX:+AlwaysPreTouch"})
@OpPart(role = Role.BENCHMARK, ops = {Op.INDEX_SELECT, Op.GATHER, Op.SCATTER_ADD, Op.TOPK, Op.SORT, Op.CAT, Op.PAD})
public class IndexBench {
    /** cpu, opencl or cuda device 0; an unavailable device fails its trial (BenchDevices). */
    @Param({"cpu", "opencl", "cuda"})
    public String backend;

    @Param({"small", "large"})
    public String size;

    private static final int CLASSES = 150;
    private static final int D = 128;
    private Tensor weight;
    private Tensor ids;
    private Tensor objFeat;
    private Tensor pairObj;
    private Tensor pairIndex;
    private Tensor pairGrad;
    private Tensor objGrad;
    private Tensor scoreRows;
    private Tensor scoreRow;
    private int rowK;
    private int oneRowK;

    @Setup(Level.Trial)
    public void setup() {
        Device d = BenchDevices.resolve(backend);
        boolean small = size.equals("small");
        int objects = small ? 12 * 16 : 8192;
        int pairs = small ? 256 : 8192;
        SplittableRandom r = new SplittableRandom(5000 + objects);
        weight = BenchDevices.random(d, 1, CLASSES, D);
        objFeat = BenchDevices.random(d, 2, objects, D);
        pairGrad = BenchDevices.random(d, 3, pairs, D);
        objGrad = BenchDevices.random(d, 4, objects, D);
        long[] cls = new long[objects];
        for (int i = 0; i < objects; i++) {
            cls[i] = r.nextInt(CLASSES);
        }
        ids = BenchDevices.to(Tensor.ofLongs(cls, objects), d);
        long[] subj = new long[pairs];
        long[] rows = new long[pairs * D];
        for (int p = 0; p < pairs; p++) {
            subj[p] = r.nextInt(objects);
            for (int c = 0; c < D; c++) {
                rows[p * D + c] = subj[p]; // the pair's object, repeated over its features
            }
        }
        pairObj = BenchDevices.to(Tensor.ofLongs(subj, pairs), d);
        pairIndex = BenchDevices.to(Tensor.ofLongs(rows, pairs, D), d);
        scoreRows = small ? BenchDevices.random(d, 5, 64, 1000) : BenchDevices.random(d, 5, 256, 20000);
        rowK = small ? 10 : 100;
        scoreRow = BenchDevices.random(d, 6, 1, small ? 4096 : 65536);
        oneRowK = small ? 64 : 256;
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        for (Tensor t : new Tensor[] {weight, ids, objFeat, pairObj, pairIndex, pairGrad, objGrad, scoreRows,
            scoreRow}) {
            if (t != null) {
                t.close();
            }
        }
    }

    @Benchmark
    public float embedding() {
        try (MemoryScope s = MemoryScope.open()) {
            return BenchDevices.consume(Index.embedding(weight, ids));
        }
    }

    @Benchmark
    public float indexSelect() {
        try (MemoryScope s = MemoryScope.open()) {
            return BenchDevices.consume(Index.indexSelect(objFeat, 0, pairObj));
        }
    }

    @Benchmark
    public float gather() {
        try (MemoryScope s = MemoryScope.open()) {
            return BenchDevices.consume(Index.gather(objFeat, 0, pairIndex));
        }
    }

    /** Out of place: includes the copy of base (as the facade does). */
    @Benchmark
    public float scatterAdd() {
        try (MemoryScope s = MemoryScope.open()) {
            return BenchDevices.consume(Index.scatterAdd(objFeat, 0, pairIndex, pairGrad));
        }
    }

    /** Embedding backward: object gradients accumulated into the class rows (out of place, base copied). */
    @Benchmark
    public float indexAdd() {
        try (MemoryScope s = MemoryScope.open()) {
            return BenchDevices.consume(Index.indexAdd(weight, 0, ids, objGrad));
        }
    }

    @Benchmark
    public float topkRows() {
        try (MemoryScope s = MemoryScope.open()) {
            return BenchDevices.consume(Index.topk(scoreRows, rowK, 1, Index.Order.DESCENDING)[1]);
        }
    }

    @Benchmark
    public float sortRows() {
        try (MemoryScope s = MemoryScope.open()) {
            return BenchDevices.consume(Index.sort(scoreRows, 1, Index.Order.DESCENDING)[1]);
        }
    }

    @Benchmark
    public float topkOneRow() {
        try (MemoryScope s = MemoryScope.open()) {
            return BenchDevices.consume(Index.topk(scoreRow, oneRowK, 1, Index.Order.DESCENDING)[1]);
        }
    }

    @Benchmark
    public float catPairs() {
        try (MemoryScope s = MemoryScope.open()) {
            return BenchDevices.consume(Assemble.cat(List.of(pairGrad, pairGrad), 1));
        }
    }

    @Benchmark
    public float padFeatures() {
        try (MemoryScope s = MemoryScope.open()) {
            return BenchDevices.consume(Assemble.pad(objFeat, new int[] {2, 2}, 0));
        }
    }
}
