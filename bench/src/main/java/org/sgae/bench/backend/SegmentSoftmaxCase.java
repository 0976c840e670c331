package org.sgae.bench.backend;

import java.util.Random;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.sgae.tensor.Device;
import org.sgae.tensor.Tensor;
import org.sgae.tensor.ops.Reduce;

/**
 * Segment softmax at graph-attention sizes (model-spec §5): E = 4096 edges in S = 512 receiver segments (lengths
 * drawn 0..15, the last segment takes the remainder), H = 1 and 8 heads. fwd; fwd+bwd (the backward reads the
 * forward's output).
 *
 * Same workload on every backend; device inputs are copied once in setup.
 *
 * <p>Run: {@code java -jar bench/target/benchmarks.jar 'ReduceBench.segmentSoftmax.*' -p backend=cpu,opencl}.
 */
@State(Scope.Benchmark)
public class SegmentSoftmaxCase {
    /** cpu (the quoted tables), opencl or cuda device 0; an unavailable device fails its trial (BenchDevices). */
    @Param({"cpu", "opencl", "cuda"})
    public String backend;

    @Param({"1", "8"})
    public int heads;

    private static final int E = 4096;
    private static final int S = 512;
    private Tensor x;
    private Tensor offsets;
    private Tensor gradOut;

    @Setup
    public void setup() {
        Device dev = BenchDevices.resolve(backend);
        Random r = new Random(5000);
        long[] off = new long[S + 1];
        for (int s = 0; s < S - 1; s++) {
            off[s + 1] = Math.min(E, off[s] + r.nextInt(16));
        }
        off[S] = E;
        x = BenchDevices.random(dev, 5100 + heads, E, heads);
        offsets = BenchDevices.to(Tensor.ofLongs(off, S + 1), dev);
        gradOut = BenchDevices.random(dev, 5200 + heads, E, heads);
    }

    @TearDown
    public void tearDown() {
        x.close();
        offsets.close();
        gradOut.close();
    }

    public float fwd() {
        try (Tensor y = Reduce.segmentSoftmax(x, offsets)) {
            return BenchDevices.consume(y);
        }
    }

    public float fwdBwd() {
        try (Tensor y = Reduce.segmentSoftmax(x, offsets);
             Tensor dx = Reduce.segmentSoftmaxBackward(gradOut, y, offsets)) {
            return BenchDevices.consume(y) + BenchDevices.consume(dx);
        }
    }
}
