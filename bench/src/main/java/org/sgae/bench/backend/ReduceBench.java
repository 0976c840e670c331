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
 * The reduce family through the backends, one benchmark class over two workload states, each with its own
 * {@code @Param}s (JMH crosses only the parameters of the states a method takes): {@link ReduceCase} (the
 * memory-bound reductions and softmax over [n/1000, 1000], method names as in the quoted tables) and
 * {@link SegmentSoftmaxCase} (segmentSoftmax*: graph attention sizes).
 *
 * <p>Run: {@code java -jar bench/target/benchmarks.jar ReduceBench -p backend=cpu,opencl}; one group:
 * {@code 'ReduceBench.segmentSoftmax.*'}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED"})
@OpPart(role = Role.BENCHMARK, ops = {Op.SUM, Op.MEAN, Op.MAX, Op.MIN, Op.ARGMAX, Op.ARGMIN, Op.LOGSUMEXP, Op.SOFTMAX,
        Op.LOG_SOFTMAX, Op.SEGMENT_SOFTMAX})
public class ReduceBench {
    @Benchmark
    public Tensor logSoftmaxRows(ReduceCase s) {
        return s.logSoftmaxRows();
    }

    @Benchmark
    public Tensor argmaxRows(ReduceCase s) {
        return s.argmaxRows();
    }

    @Benchmark
    public Tensor argmaxColumns(ReduceCase s) {
        return s.argmaxColumns();
    }

    @Benchmark
    public Tensor softmaxColumns(ReduceCase s) {
        return s.softmaxColumns();
    }

    @Benchmark
    public Tensor softmaxRows(ReduceCase s) {
        return s.softmaxRows();
    }

    @Benchmark
    public Tensor sumRows(ReduceCase s) {
        return s.sumRows();
    }

    @Benchmark
    public Tensor sumColumns(ReduceCase s) {
        return s.sumColumns();
    }

    @Benchmark
    public Tensor meanRows(ReduceCase s) {
        return s.meanRows();
    }

    @Benchmark
    public Tensor maxRows(ReduceCase s) {
        return s.maxRows();
    }

    @Benchmark
    public Tensor minRows(ReduceCase s) {
        return s.minRows();
    }

    @Benchmark
    public Tensor logsumexpRows(ReduceCase s) {
        return s.logsumexpRows();
    }

    @Benchmark
    public Tensor argminRows(ReduceCase s) {
        return s.argminRows();
    }

    @Benchmark
    public float segmentSoftmaxFwd(SegmentSoftmaxCase s) {
        return s.fwd();
    }

    @Benchmark
    public float segmentSoftmaxFwdBwd(SegmentSoftmaxCase s) {
        return s.fwdBwd();
    }
}
