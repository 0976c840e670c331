package org.sgae.train;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

import org.sgae.autograd.Engine;
import org.sgae.data.pipeline.Batch;
import org.sgae.data.vg.VgDataset;
import org.sgae.model.generator.Crn;
import org.sgae.model.generator.GenTimer;
import org.sgae.model.generator.Phase1Model;
import org.sgae.tensor.DType;
import org.sgae.tensor.Device;
import org.sgae.tensor.Tensor;
import org.sgae.tensor.memory.MemoryScope;
import org.sgae.tensor.ops.Elementwise;
import org.sgae.train.config.TrainConfig;

/**
 * {@code sgae bench-generator}: phase-1 training throughput of a preset's GAN on batches of the world held in memory
 * (no loader threads), with a per-stage breakdown from {@link GenTimer} (a separate instrumented pass, so the timer
 * reads cost the throughput nothing); and {@link #crn}, the CRN alone at batch 8 forward + backward, the shape of the
 * torch anchor's "CRN b8" case.
 */
public final class GeneratorBench {
    private static final double NANOS_PER_MS = 1e6;
    private static final double NANOS_PER_SECOND = 1e9;

    private GeneratorBench() {
    }

    /** Phase-1 images/s and ms per batch by stage. */
    public static double phase1(TrainConfig cfg, VgDataset train, int warmup, int steps, PrintStream out) {
        int batch = cfg.phase1().batchSize();
        List<Batch> batches = DetectorBench.preload(train, TrainRun.loader(cfg, batch), warmup + steps);
        Phase1Model model = Phase1Model.forPhase1(cfg);
        Phase1Trainer trainer = new Phase1Trainer(model, cfg, null);
        model.train();
        for (int i = 0; i < warmup; i++) {
            trainer.step(batches.get(i), i, false);
        }
        long cpu0 = processCpuNanos();
        long t0 = System.nanoTime();
        for (int i = warmup; i < warmup + steps; i++) {
            trainer.step(batches.get(i), i, false);
        }
        double seconds = (System.nanoTime() - t0) / NANOS_PER_SECOND;
        double cpuSeconds = (processCpuNanos() - cpu0) / NANOS_PER_SECOND;
        double ips = (double) steps * batch / seconds;
        GenTimer.enable();
        java.util.Map<String, Long> bwd = new java.util.TreeMap<>();
        Engine.setTimer((node, nanos) -> bwd.merge(backwardKey(node), nanos, Long::sum));
        long t1 = System.nanoTime();
        try {
            for (int i = warmup; i < warmup + steps; i++) {
                trainer.step(batches.get(i), i, false);
            }
        } finally {
            Engine.setTimer(null);
        }
        double instrumented = (System.nanoTime() - t1) / NANOS_PER_MS / steps;
        long[] t = GenTimer.totals();
        GenTimer.disable();
        out.printf(Locale.ROOT, "phase 1 (%s preset, batch %d, %d threads): %.1f images/s (%.1f ms/batch)%n",
                cfg.preset(), batch, org.sgae.tensor.cpu.CpuParallel.threads(), ips, 1000 * seconds / steps);
        int threads = org.sgae.tensor.cpu.CpuParallel.threads();
        // On a shared machine the wall time includes waiting for a core; the process's CPU time does not. Spread
        // over the thread count it is what the run would take with the cores to itself (an estimate: it assumes
        // the threads would have kept every core busy).
        out.printf(Locale.ROOT, "process CPU time %.1f s over %.1f s wall (%.0f%% of %d cores); with the cores to "
                        + "itself: ≈ %.1f images/s%n", cpuSeconds, seconds, 100 * cpuSeconds / seconds / threads, threads,
                steps * batch / (cpuSeconds / threads));
        out.printf(Locale.ROOT, "per-stage ms/batch (instrumented pass, %.1f ms/batch):%n", instrumented);
        double sum = 0;
        for (GenTimer.Stage s : GenTimer.Stage.values()) {
            double ms = t[s.ordinal()] / NANOS_PER_MS / steps;
            sum += ms;
            out.printf(Locale.ROOT, "  %-10s %8.1f%n", s.name().toLowerCase(Locale.ROOT), ms);
        }
        out.printf(Locale.ROOT, "  %-10s %8.1f%n", "other", instrumented - sum);
        out.printf(Locale.ROOT, "backward by op (ms/batch, derivatives only, ≥ 2%% of backward):%n");
        long all = bwd.values().stream().mapToLong(Long::longValue).sum();
        bwd.entrySet().stream().sorted((a, b) -> Long.compare(b.getValue(), a.getValue()))
                .filter(e -> e.getValue() >= 0.02 * all)
                .forEach(e -> out.printf(Locale.ROOT, "  %-24s %8.1f%n", e.getKey(), e.getValue() / NANOS_PER_MS / steps));
        return ips;
    }

    /** The CRN at batch {@code b}: forward (BN in train mode) + backward to all parameters and the layout, median ms. */
    public static double crn(int b, int layoutChannels, List<Integer> dims, int warmup, int reps, PrintStream out) {
        Crn crn = new Crn(layoutChannels, dims, DType.F32, Device.cpu(), new SplittableRandom(1));
        int s = 1 << (dims.size() + 1);
        float[] v = new float[b * layoutChannels * s * s];
        SplittableRandom r = new SplittableRandom(2);
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) r.nextGaussian();
        }
        Tensor layout = MemoryScope.escape(Tensor.of(v, b, layoutChannels, s, s));
        double[] ms = new double[reps];
        long cpu0 = 0;
        for (int i = 0; i < warmup + reps; i++) {
            if (i == warmup) {
                cpu0 = processCpuNanos();
            }
            long t0 = System.nanoTime();
            try (MemoryScope scope = MemoryScope.open()) {
                Tensor x = layout.requiresGrad(true);
                Tensor y = crn.forward(x);
                Engine.backward(Elementwise.mul(y, y).sum());
                crn.zeroGrad();
                x.setGrad(null);
            }
            if (i >= warmup) {
                ms[i - warmup] = (System.nanoTime() - t0) / NANOS_PER_MS;
            }
        }
        double cpuMsPerRep = (processCpuNanos() - cpu0) / NANOS_PER_MS / reps;
        Arrays.sort(ms);
        double median = ms[reps / 2];
        out.printf(Locale.ROOT, "CRN b%d %dx%d, layout %d ch, dims %s (%,d params): fwd+bwd median %.1f ms "
                        + "(p10 %.1f, p90 %.1f, %d reps, %d threads)%n", b, s, s, layoutChannels, dims,
                crn.parameterCount(), median, ms[reps / 10], ms[Math.min(reps - 1, reps * 9 / 10)], reps,
                org.sgae.tensor.cpu.CpuParallel.threads());
        out.printf(Locale.ROOT, "process CPU time %.1f ms per rep: with the cores to itself ≈ %.1f ms%n", cpuMsPerRep,
                cpuMsPerRep / org.sgae.tensor.cpu.CpuParallel.threads());
        return median;
    }



    /** An op, with the spatial size of its first input when it is an image (conv at 64² vs at 4²). */
    private static String backwardKey(org.sgae.autograd.Node node) {
        String op = node.op().name().toLowerCase(Locale.ROOT);
        var s = node.inputShape(0);
        return s.rank() == 4 ? op + " " + s.dim(2) + "x" + s.dim(3) + " c" + s.dim(1) : op;
    }

    /** CPU time of the whole JVM process so far (all threads, GC included). */
    static long processCpuNanos() {
        java.lang.management.OperatingSystemMXBean os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() : 0;
    }
}
