package org.sgae.bench.backend;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;
import org.sgae.tensor.ops.Op;
import org.sgae.tensor.ops.OpPart;
import org.sgae.tensor.ops.OpPart.Role;

/**
 * The detection family through the backends, one benchmark class over three workload states, each with its own
 * {@code @Param}s (JMH crosses only the parameters of the states a method takes): {@link RoiAlignCase} (roiAlign*),
 * {@link PairScoreCase} (pairScores*) and {@link BoxOpsCase} (NMS, IoU, the box coder). The JMH settings of each
 * group are the ones its workload was tuned with (the same for all three; the box ops report in µs).
 *
 * <p>Run: {@code java -jar bench/target/benchmarks.jar DetectionBench -p backend=cpu,opencl}; one group:
 * {@code 'DetectionBench.roiAlign.*'}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xms2g", "-Xmx2g",
    "-XX:+AlwaysPreTouch"})
@OpPart(role = Role.BENCHMARK, ops = {Op.ROI_ALIGN, Op.PAIR_SCORES})
public class DetectionBench {
    @Benchmark
    public float roiAlignFwd(RoiAlignCase s) {
        return s.fwd();
    }

    @Benchmark
    public float roiAlignFwdBwd(RoiAlignCase s) {
        return s.fwdBwd();
    }

    @Benchmark
    public float pairScoresFwd(PairScoreCase s) {
        return s.fwd();
    }

    @Benchmark
    public float pairScoresFwdBwd(PairScoreCase s) {
        return s.fwdBwd();
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public float nms(BoxOpsCase s) {
        return s.nms();
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public float nmsKeep(BoxOpsCase s) {
        return s.nmsKeep();
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public float batchedNms(BoxOpsCase s) {
        return s.batchedNms();
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public float boxIou(BoxOpsCase s) {
        return s.boxIou();
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public float boxEncode(BoxOpsCase s) {
        return s.boxEncode();
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public float boxDecode(BoxOpsCase s) {
        return s.boxDecode();
    }
}
