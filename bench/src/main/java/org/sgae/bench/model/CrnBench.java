package org.sgae.bench.model;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.sgae.autograd.Engine;
import org.sgae.autograd.GradMode;
import org.sgae.tensor.Shape;
import org.sgae.tensor.Tensor;
import org.sgae.tensor.attrs.Conv2dAttrs;
import org.sgae.tensor.attrs.Pool2dAttrs;
import org.sgae.tensor.memory.MemoryScope;
import org.sgae.tensor.ops.Assemble;
import org.sgae.tensor.ops.Elementwise;
import org.sgae.tensor.ops.Nn;

/**
 * The sg2im cascaded refinement network of shared/anchors (section {@code crn}, case {@code b8_l128_64x64_sg2im}),
 * built from the tensor/autograd facades: batch 8, layout [8,128,64,64]; feats start as zeros [8,1,2,2]; five
 * modules at 4, 8, 16, 32, 64 with 1024, 512, 256, 128, 64 channels, each: feats = upsample×2(feats),
 * h = cat(avgpool(layout to feats' size), feats) → (conv3x3, BN train, LeakyReLU 0.2) ×2; then output conv3x3 64→64
 * + LeakyReLU + conv1x1 64→3. 21,181,315 parameters, 43.20 GFLOP forward (conv MACs ×2).
 *
 * <p>Cases: {@code fwdTrain} / {@code fwdEval} (no grad), {@code fwdBwd} (BN train, gradients to all parameters and
 * the layout with upstream gradient go; leaf gradients accumulate in place across calls, as with grads not
 * zeroed). Each call runs in a MemoryScope so activations go back to the CPU pool.
 * Run: {@code java --add-modules jdk.incubator.vector -jar bench/target/benchmarks.jar CrnBench}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xms6g", "-Xmx6g",
    "-XX:+AlwaysPreTouch"})
public class CrnBench {
    static final int BATCH = 8;
    static final int LAYOUT_CH = 128;
    static final int SIZE = 64;
    static final int[] DIMS = {1024, 512, 256, 128, 64};
    private static final Conv2dAttrs SAME3 = Conv2dAttrs.of(1, 1, 1);
    private static final Conv2dAttrs ONE = Conv2dAttrs.of(1, 0, 1);

    /** One refinement module's parameters: conv1 [c, 128+prev, 3, 3] reads cat(layout, feats). */
    record Module(Tensor w1, Tensor b1, Tensor g1, Tensor beta1, Tensor rm1, Tensor rv1,
                  Tensor w2, Tensor b2, Tensor g2, Tensor beta2, Tensor rm2, Tensor rv2) {
    }

    private final List<Module> modules = new ArrayList<>();
    private final List<Tensor> params = new ArrayList<>();
    private Tensor wOut1;
    private Tensor bOut1;
    private Tensor wOut2;
    private Tensor bOut2;
    private Tensor layout;
    private Tensor gradOut;

    @Setup
    public void setup() {
        // which GEMM tile ran; stderr, because Lockstep speaks on stdout
        System.err.println("# " + org.sgae.tensor.cpu.gemm.GemmTiles.choice().describe());
        SplittableRandom r = new SplittableRandom(5000);
        int prev = 1;
        for (int c : DIMS) {
            int fanIn1 = (LAYOUT_CH + prev) * 9;
            Tensor w1 = param(kaiming(r, fanIn1, c, LAYOUT_CH + prev, 3, 3));
            Tensor b1 = param(uniform(r, 1 / Math.sqrt(fanIn1), c));
            Tensor w2 = param(kaiming(r, c * 9, c, c, 3, 3));
            Tensor b2 = param(uniform(r, 1 / Math.sqrt(c * 9), c));
            modules.add(new Module(w1, b1, param(Tensor.ones(c)), param(Tensor.zeros(c)), Tensor.zeros(c),
                    Tensor.ones(c), w2, b2, param(Tensor.ones(c)), param(Tensor.zeros(c)), Tensor.zeros(c),
                    Tensor.ones(c)));
            prev = c;
        }
        wOut1 = param(kaiming(r, prev * 9, prev, prev, 3, 3));
        bOut1 = param(uniform(r, 1 / Math.sqrt(prev * 9), prev));
        wOut2 = param(kaiming(r, prev, 3, prev, 1, 1));
        bOut2 = param(uniform(r, 1 / Math.sqrt(prev), 3));
        layout = gaussian(r, 1, BATCH, LAYOUT_CH, SIZE, SIZE).requiresGrad(true);
        gradOut = gaussian(r, 1, BATCH, 3, SIZE, SIZE);
    }

    /** Number of trainable parameters (21,181,315 for the anchor's configuration). */
    public long parameterCount() {
        long n = 0;
        for (Tensor p : params) {
            n += p.numel();
        }
        return n;
    }

    private Tensor param(Tensor t) {
        params.add(t);
        return t.requiresGrad(true);
    }

    private static Tensor gaussian(SplittableRandom r, double std, int... shape) {
        float[] a = new float[Shape.of(shape).numel()];
        for (int i = 0; i < a.length; i++) {
            // Box-Muller; SplittableRandom has no nextGaussian on release 17
            double u = 1 - r.nextDouble();
            a[i] = (float) (std * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * r.nextDouble()));
        }
        return Tensor.of(a, shape);
    }

    /** kaiming_normal_ (fan_in, gain √2): N(0, 2/fanIn). */
    private static Tensor kaiming(SplittableRandom r, int fanIn, int... shape) {
        return gaussian(r, Math.sqrt(2.0 / fanIn), shape);
    }

    /** PyTorch's default conv bias init U(−b, b), b = 1/√fanIn. */
    private static Tensor uniform(SplittableRandom r, double bound, int n) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) r.nextDouble(-bound, bound);
        }
        return Tensor.of(a, n);
    }

    /** layout [8,128,64,64] → image [8,3,64,64]. */
    Tensor forward(Tensor lay, boolean training) {
        int res = SIZE >> DIMS.length;
        Tensor feats = Tensor.zeros(BATCH, 1, res, res);
        for (Module m : modules) {
            feats = Nn.upsampleNearest2d(feats, 2, 2);
            res *= 2;
            int f = SIZE / res;
            Tensor pooled = f > 1 ? Nn.avgPool2d(lay, Pool2dAttrs.of(f, f, 0)) : lay;
            Tensor h = Nn.conv2d(Assemble.cat(List.of(pooled, feats), 1), m.w1(), m.b1(), SAME3);
            h = Elementwise.leakyRelu(Nn.batchNorm(h, m.g1(), m.beta1(), m.rm1(), m.rv1(), training, 0.1, 1e-5), 0.2);
            h = Nn.conv2d(h, m.w2(), m.b2(), SAME3);
            feats = Elementwise.leakyRelu(Nn.batchNorm(h, m.g2(), m.beta2(), m.rm2(), m.rv2(), training, 0.1, 1e-5),
                    0.2);
        }
        Tensor y = Elementwise.leakyRelu(Nn.conv2d(feats, wOut1, bOut1, SAME3), 0.2);
        return Nn.conv2d(y, wOut2, bOut2, ONE);
    }

    @Benchmark
    public double fwdTrain() {
        try (MemoryScope s = MemoryScope.open(); GradMode g = GradMode.disabled()) {
            return checksum(forward(layout, true));
        }
    }

    @Benchmark
    public double fwdEval() {
        try (MemoryScope s = MemoryScope.open(); GradMode g = GradMode.disabled()) {
            return checksum(forward(layout, false));
        }
    }

    @Benchmark
    public double fwdBwd() {
        try (MemoryScope s = MemoryScope.open()) {
            Tensor y = forward(layout, true);
            Engine.backward(y, gradOut, false);
            return checksum(y) + layout.grad().cpu().f32()[layout.grad().offset()];
        }
    }

    /** One element, read so the JIT cannot drop the work (the whole output was written by the last conv). */
    private static double checksum(Tensor y) {
        return y.cpu().f32()[y.offset() + y.numel() / 2];
    }

    /**
     * Run outside JMH: parameter count, then per case the median wall time and the median process CPU time per
     * call (all threads, JIT and GC included). CPU time is the number to compare on a shared machine: other
     * processes stretch wall time but barely change the CPU seconds a call needs.
     * Args: [reps (default 5)].
     */
    public static void main(String[] args) {
        CrnBench b = new CrnBench();
        b.setup();
        System.out.println("parameters " + b.parameterCount());
        int reps = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        String[] names = {"fwdTrain", "fwdEval", "fwdBwd"};
        Runnable[] cases = {b::fwdTrain, b::fwdEval, b::fwdBwd};
        com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean)
                java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        for (int c = 0; c < cases.length; c++) {
            for (int i = 0; i < 2; i++) {
                cases[c].run(); // warm-up: JIT
            }
            double[] wall = new double[reps];
            double[] cpu = new double[reps];
            for (int i = 0; i < reps; i++) {
                long c0 = os.getProcessCpuTime();
                long t0 = System.nanoTime();
                cases[c].run();
                wall[i] = (System.nanoTime() - t0) / 1e6;
                cpu[i] = (os.getProcessCpuTime() - c0) / 1e6;
            }
            java.util.Arrays.sort(wall);
            java.util.Arrays.sort(cpu);
            System.out.printf("%-8s wall %8.1f ms  cpu %8.1f ms (median of %d)%n", names[c], wall[reps / 2],
                    cpu[reps / 2], reps);
        }
    }
}
