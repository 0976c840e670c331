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
import org.sgae.tensor.attrs.Conv2dShape;
import org.sgae.tensor.cpu.Conv2dCpu;
import org.sgae.tensor.ops.Op;
import org.sgae.tensor.ops.OpPart.Role;
import org.sgae.tensor.ops.OpPart;

/**
 * 3×3 pad-1 stride-1 conv2d, no bias, NCHW fp32: the torch anchor's conv cases (VGG-16 layers at N=1 and the
 * small model's N=8 32→64 64²). {@code forward}: y = conv(x, w), 2·N·Cout·H·W·Cin·9 FLOP.
 * {@code forwardBackward}: forward, grad input and grad weight (dy = the fixed random tensor), 3× that FLOP.
 * Shape parameter: "N_Cin_Cout_HW".
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgs = {"--add-modules", "jdk.incubator.vector", "-Xms4g", "-Xmx4g", "-XX:+AlwaysPreTouch"})
@OpPart(role = Role.BENCHMARK, ops = Op.CONV2D)
public class Conv2dCpuBench {
    @Param({"1_64_64_224", "1_128_128_112", "1_256_256_56", "1_512_512_28", "1_512_512_14", "8_32_64_64"})
    public String shape;

    private Conv2dShape s;
    private float[] x;
    private float[] w;
    private float[] y;
    private float[] dy;
    private float[] dx;
    private float[] dw;

    @Setup
    public void setup() {
        // which GEMM tile ran; stderr, because Lockstep speaks on stdout
        System.err.println("# " + org.sgae.tensor.cpu.gemm.GemmTiles.choice().describe());
        String[] p = shape.split("_");
        int hw = Integer.parseInt(p[3]);
        s = Conv2dShape.of(Integer.parseInt(p[0]), Integer.parseInt(p[1]), hw, hw, Integer.parseInt(p[2]), 3, 1, 1, 1);
        Random r = new Random(42);
        x = fill(r, (int) s.inputSize());
        w = fill(r, (int) s.weightSize());
        dy = fill(r, (int) s.outputSize());
        y = new float[(int) s.outputSize()];
        dx = new float[(int) s.inputSize()];
        dw = new float[(int) s.weightSize()];
    }

    private static float[] fill(Random r, int n) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) r.nextGaussian();
        }
        return a;
    }

    @Benchmark
    public float[] forward() {
        Conv2dCpu.forward(s, x, w, null, y);
        return y;
    }

    @Benchmark
    public float[] forwardBackward() {
        Conv2dCpu.forward(s, x, w, null, y);
        Conv2dCpu.backwardInput(s, dy, w, dx);
        Conv2dCpu.backwardWeight(s, x, dy, dw, null);
        return dw;
    }
}
