package org.sgae.train;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.sgae.data.pipeline.Batch;
import org.sgae.data.pipeline.BatchLoader;
import org.sgae.data.vg.VgDataset;
import org.sgae.model.detector.StageTimer;
import org.sgae.model.generator.GenTimer;
import org.sgae.model.joint.JointModel;
import org.sgae.train.config.TrainConfig;

/**
 * {@code sgae bench-joint}: phase 2's joint training step ({@link JointTrainer#step}: SG forward, coupling, G forward,
 * backward of L_SG + L_G, SGD + Adam, D_obj and D_img steps) on batches of the synthetic world held in memory, with a
 * per-stage breakdown from a separate instrumented pass (the scene-graph side's {@link StageTimer} stages, the
 * generator's {@link GenTimer} stages; "backward" there is the joint backward plus the two D backwards).
 */
public final class JointBench {
    private static final double NANOS_PER_MS = 1e6;
    private static final double NANOS_PER_SECOND = 1e9;

    private JointBench() {
    }

    /** Training images/s (wall), images per process CPU-second, and ms per batch by stage. */
    public record Result(double imagesPerSecond, double imagesPerCpuSecond, Map<String, Double> ms) {
    }

    /** The first {@code count} phase-2 batches of the training set (in memory); too few is one line. */
    public static List<Batch> batches(TrainConfig cfg, VgDataset train, int count) {
        List<Batch> batches = new ArrayList<>();
        try (BatchLoader it = new BatchLoader(train, TrainRun.loader(cfg, cfg.phase2().batchSize()), 0)) {
            while (batches.size() < count && it.hasNext()) {
                batches.add(it.next());
            }
        }
        if (batches.size() < count) {
            throw new IllegalArgumentException("the training set has " + batches.size() + " batches, the benchmark"
                    + " needs " + count);
        }
        return batches;
    }

    /** model: the joint model to step (random weights or loaded from phase-0/phase-1 checkpoints). */
    public static Result run(TrainConfig cfg, JointModel model, VgDataset train, int warmup, int steps,
                             PrintStream out) {
        int batch = cfg.phase2().batchSize();
        List<Batch> batches = batches(cfg, train, warmup + 2 * steps);
        JointTrainer trainer = new JointTrainer(model, cfg, null);
        model.train();
        for (int i = 0; i < warmup; i++) {
            trainer.step(batches.get(i), i, false);
        }
        long t0 = System.nanoTime();
        long cpu0 = cpuNanos();
        for (int i = 0; i < steps; i++) {
            trainer.step(batches.get(warmup + i), warmup + i, false);
        }
        double ips = steps * batch / ((System.nanoTime() - t0) / NANOS_PER_SECOND);
        double perCpu = steps * batch / ((cpuNanos() - cpu0) / NANOS_PER_SECOND);

        StageTimer.enable();
        GenTimer.enable();
        long all = System.nanoTime();
        for (int i = 0; i < steps; i++) {
            int k = warmup + steps + i;
            trainer.step(batches.get(k), k, false);
        }
        double totalMs = (System.nanoTime() - all) / NANOS_PER_MS / steps;
        long[] sg = StageTimer.totals();
        long[] gen = GenTimer.totals();
        StageTimer.disable();
        GenTimer.disable();
        Map<String, Double> ms = new LinkedHashMap<>();
        double sum = 0;
        for (StageTimer.Stage s : StageTimer.Stage.values()) {
            double v = sg[s.ordinal()] / NANOS_PER_MS / steps;
            ms.put("sg " + s.name().toLowerCase(Locale.ROOT), v);
            sum += v;
        }
        for (GenTimer.Stage s : GenTimer.Stage.values()) {
            double v = gen[s.ordinal()] / NANOS_PER_MS / steps;
            String name = switch (s) {
                case DATA -> "gen coupling + targets + noise";
                case BACKWARD -> "backward (joint L_SG + L_G, then D_obj, D_img)";
                case ADAM -> "optimiser steps (SGD, Adam G, Adam D)";
                default -> "gen " + s.name().toLowerCase(Locale.ROOT);
            };
            ms.put(name, v);
            sum += v;
        }
        ms.put("other (loss reads, BN guard, untimed)", totalMs - sum);
        ms.put("total", totalMs);
        out.printf(Locale.ROOT, "phase 2 joint training: %.2f images/s (batch %d, %d threads, lambdaImg %s);"
                + " %.2f images per CPU-second of this process%n", ips, batch,
                org.sgae.tensor.cpu.CpuParallel.threads(), cfg.joint().lambdaImg(), perCpu);
        ms.forEach((k, v) -> out.printf(Locale.ROOT, "  %-48s %8.2f ms/batch %5.1f%%%n", k, v, 100 * v / totalMs));
        return new Result(ips, perCpu, ms);
    }

    private static long cpuNanos() {
        if (java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.OperatingSystemMXBean os && os.getProcessCpuTime() >= 0) {
            return os.getProcessCpuTime();
        }
        return System.nanoTime();
    }
}
