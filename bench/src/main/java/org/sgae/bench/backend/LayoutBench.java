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
 * The layout family through the backends, one benchmark class over two workload states, each with its own
 * {@code @Param}s (JMH crosses only the parameters of the states a method takes): {@link LayoutWarpCase} (layout
 * warping: fwd, fwdBwd, fwdBwdBoxes, fwdMaps, fwdBwdMaps, the names the quoted tables use) and {@link BoxCropCase}
 * (boxCrop*).
 *
 * <p>Run: {@code java -jar bench/target/benchmarks.jar LayoutBench -p backend=cpu,opencl}; one group:
 * {@code 'LayoutBench.boxCrop.*'}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xms2g", "-Xmx2g",
    "-XX:+AlwaysPreTouch"})
@OpPart(role = Role.BENCHMARK, ops = {Op.LAYOUT_WARP, Op.BOX_CROP})
public class LayoutBench {
    @Benchmark
    public float fwd(LayoutWarpCase s) {
        return s.fwd();
    }

    @Benchmark
    public float fwdBwd(LayoutWarpCase s) {
        return s.fwdBwd();
    }

    @Benchmark
    public float fwdBwdBoxes(LayoutWarpCase s) {
        return s.fwdBwdBoxes();
    }

    @Benchmark
    public float fwdMaps(LayoutWarpCase s) {
        return s.fwdMaps();
    }

    @Benchmark
    public float fwdBwdMaps(LayoutWarpCase s) {
        return s.fwdBwdMaps();
    }

    @Benchmark
    public float boxCropFwd(BoxCropCase s) {
        return s.fwd();
    }

    @Benchmark
    public float boxCropFwdBwd(BoxCropCase s) {
        return s.fwdBwd();
    }
}
