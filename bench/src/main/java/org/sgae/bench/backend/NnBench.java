package org.sgae.bench.backend;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;
import org.sgae.tensor.Tensor;
import org.sgae.tensor.ops.Op;
import org.sgae.tensor.ops.OpPart;
import org.sgae.tensor.ops.OpPart.Role;

/**
 * The nn family (conv, pooling, resampling, batch norm) through the backends, one benchmark class over two workload
 * states: {@link Conv2dCase} (conv2d*) and {@link LayerCase} (batch norm, pools, upsampling). Each keeps its own
 * {@code @Param}s; both share the JMH settings below, the µs-scale layer kernels report in µs.
 *
 * <p>Run: {@code java -jar bench/target/benchmarks.jar NnBench -p backend=cpu,opencl}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED"})
@OpPart(role = Role.BENCHMARK, ops = {Op.CONV2D, Op.MAX_POOL2D, Op.AVG_POOL2D, Op.ADAPTIVE_AVG_POOL2D,
        Op.UPSAMPLE_NEAREST2D, Op.BATCH_NORM})
public class NnBench {
    @Benchmark
    public Tensor conv2dFwd(Conv2dCase s) {
        return s.fwd();
    }

    @Benchmark
    public Tensor conv2dFwdBias(Conv2dCase s) {
        return s.fwdBias();
    }

    @Benchmark
    public Tensor conv2dFwdbwd(Conv2dCase s) {
        return s.fwdbwd();
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public Tensor batchNormTrain(LayerCase s) {
        return s.batchNormTrain();
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public Tensor maxPool2x2(LayerCase s) {
        return s.maxPool2x2();
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public Tensor batchNormBwd(LayerCase s) {
        return s.batchNormBwd();
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public Tensor maxPool2x2Bwd(LayerCase s) {
        return s.maxPool2x2Bwd();
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public Tensor avgPool2x2(LayerCase s) {
        return s.avgPool2x2();
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public Tensor avgPool2x2Bwd(LayerCase s) {
        return s.avgPool2x2Bwd();
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public Tensor adaptiveAvgPool7(LayerCase s) {
        return s.adaptiveAvgPool7();
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public Tensor adaptiveAvgPool7Bwd(LayerCase s) {
        return s.adaptiveAvgPool7Bwd();
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public Tensor upsample2xBwd(LayerCase s) {
        return s.upsample2xBwd();
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public Tensor upsample2x(LayerCase s) {
        return s.upsample2x();
    }
}
