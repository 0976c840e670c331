package org.sgae.train;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.sgae.autograd.Engine;
import org.sgae.data.pipeline.Batch;
import org.sgae.data.pipeline.BatchLoader;
import org.sgae.data.vg.VgDataset;
import org.sgae.model.detector.BatchInputs;
import org.sgae.model.detector.FasterRcnn;
import org.sgae.model.detector.StageTimer;
import org.sgae.model.relation.PhaseInit;
import org.sgae.model.relation.SceneGraphModel;
import org.sgae.model.relation.SgMode;
import org.sgae.tensor.memory.MemoryScope;
import org.sgae.train.config.TrainConfig;

/**
 * {@code sgae bench-sg}: the scene-graph side's phase-2 training step (detector included, λ_img = 0) and its
 * inference in each mode, on batches of the synthetic world held in memory (no loader threads), with a per-stage
 * breakdown of the training step from a separate instrumented pass: the detector's forward stages, the relation
 * stage's (targets, RePN, union features, aGCN, classifiers, losses), the whole backward pass and the SGD step.
 */
public final class SgBench {
    private static final double NANOS_PER_MS = 1e6;
    private static final double NANOS_PER_SECOND = 1e9;

    private SgBench() {
    }

    /** Training images/s, inference images/s per mode, and ms per training batch by stage. */
    public record Result(double trainImagesPerSecond, double detectorOnlyImagesPerSecond,
                         Map<SgMode, Double> inferImagesPerSecond, Map<String, Double> trainMs) {
    }

    /** init: a phase-0 checkpoint for the detector (realistic detections), or null for random weights. */
    public static Result run(TrainConfig cfg, VgDataset train, Path init, int warmup, int steps, PrintStream out) {
        int batch = cfg.phase2().batchSize();
        List<Batch> batches = preload(train, TrainRun.loader(cfg, batch), warmup + steps);
        SceneGraphModel model = SceneGraphModel.create(cfg);
        if (init != null) {
            PhaseInit.loadDetector(init, cfg, model.detector());
        }
        Solver solver = Solver.sgd(cfg.sgSolver(), model.trainable().namedParameters(), cfg.phase2().iters());
        Trainer trainer = new Trainer(model.trainable(), solver, GradientSync.LOCAL, cfg, 2, null);
        model.train();
        for (int i = 0; i < warmup; i++) {
            trainer.step(batches.get(i), i, false);
        }
        long t0 = System.nanoTime();
        long cpu0 = processCpuNanos();
        for (int i = 0; i < steps; i++) {
            trainer.step(batches.get(warmup + i), warmup + i, false);
        }
        double trainIps = steps * batch / ((System.nanoTime() - t0) / NANOS_PER_SECOND);
        // On a shared machine wall time overstates the cost; CPU time spent by this process does not.
        double trainPerCpuSecond = steps * batch / ((processCpuNanos() - cpu0) / NANOS_PER_SECOND);
        Map<String, Double> trainMs = instrumented(model, solver, batches.subList(warmup, warmup + steps), cfg.seed());

        // The same batches through the detector alone (phase 0's step): what the relation stage adds is the difference.
        TrainableModel det = TrainableModel.of(model.detector(), (b, streams) -> model.detector().forwardTrain(
                BatchInputs.images(b), BatchInputs.targets(b), streams.sgSampling()));
        Trainer detTrainer = new Trainer(det, Solver.sgd(cfg.detSolver(), det.namedParameters(), cfg.phase2().iters()),
                GradientSync.LOCAL, cfg, 0, null);
        t0 = System.nanoTime();
        cpu0 = processCpuNanos();
        for (int i = 0; i < steps; i++) {
            detTrainer.step(batches.get(warmup + i), warmup + i, false);
        }
        double detIps = steps * batch / ((System.nanoTime() - t0) / NANOS_PER_SECOND);
        double detPerCpuSecond = steps * batch / ((processCpuNanos() - cpu0) / NANOS_PER_SECOND);

        model.eval();
        Map<SgMode, Double> infer = new LinkedHashMap<>();
        for (SgMode mode : SgMode.values()) {
            for (int i = 0; i < warmup; i++) {
                infer(model, batches.get(i), mode);
            }
            t0 = System.nanoTime();
            for (int i = 0; i < steps; i++) {
                infer(model, batches.get(warmup + i), mode);
            }
            infer.put(mode, steps * batch / ((System.nanoTime() - t0) / NANOS_PER_SECOND));
        }
        out.printf(Locale.ROOT, "training: %.1f images/s (batch %d, %d threads); the detector's step alone on the same"
                + " batches: %.1f images/s%n", trainIps, batch, org.sgae.tensor.cpu.CpuParallel.threads(), detIps);
        out.printf(Locale.ROOT, "per CPU-second of this process (contention-free measure): training %.1f images,"
                + " the detector's step alone %.1f images%n", trainPerCpuSecond, detPerCpuSecond);
        double total = trainMs.get("total");
        trainMs.forEach((k, v) -> out.printf(Locale.ROOT, "  %-40s %8.2f ms/batch %5.1f%%%n", k, v, 100 * v / total));
        infer.forEach((m, v) -> out.printf(Locale.ROOT, "inference %s: %.1f images/s (batch %d)%n", m, v, batch));
        return new Result(trainIps, detIps, infer, trainMs);
    }

    /** CPU time of this process (all threads, JIT and GC included), or wall time where the JVM cannot tell. */
    private static long processCpuNanos() {
        if (java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.OperatingSystemMXBean os && os.getProcessCpuTime() >= 0) {
            return os.getProcessCpuTime();
        }
        return System.nanoTime();
    }

    private static void infer(SceneGraphModel model, Batch b, SgMode mode) {
        try (MemoryScope scope = MemoryScope.open()) {
            List<float[]> boxes = new ArrayList<>();
            List<int[]> labels = new ArrayList<>();
            for (FasterRcnn.Target t : BatchInputs.targets(b)) {
                boxes.add(t.boxes());
                labels.add(t.labels());
            }
            model.infer(BatchInputs.images(b), boxes, labels, mode);
        }
    }

    /** Trainer.step's work with each part timed: forward stages, backward, SGD step. */
    private static Map<String, Double> instrumented(SceneGraphModel model, Solver solver, List<Batch> batches,
                                                    long seed) {
        long backward = 0;
        long optimizer = 0;
        Map<String, Long> byOp = new java.util.HashMap<>();
        long all = System.nanoTime();
        StageTimer.enable();
        Engine.setTimer((node, nanos) -> byOp.merge(node.op() == null ? node.name()
                : node.op().name().toLowerCase(Locale.ROOT), nanos, Long::sum));
        for (int i = 0; i < batches.size(); i++) {
            long[] t = DetectorBench.timedStep(model.trainable(), solver, batches.get(i), seed, i);
            backward += t[0];
            optimizer += t[1];
        }
        Engine.setTimer(null);
        all = System.nanoTime() - all;
        long[] totals = StageTimer.totals();
        StageTimer.disable();
        Map<String, Long> m = new LinkedHashMap<>();
        long detector = 0;
        long sum = 0;
        for (StageTimer.Stage s : StageTimer.Stage.values()) {
            if (s.ordinal() < StageTimer.Stage.SG_TARGETS.ordinal()) {
                detector += totals[s.ordinal()];
            }
        }
        m.put("detector forward (all its stages)", detector);
        for (StageTimer.Stage s : StageTimer.Stage.values()) {
            if (s.ordinal() >= StageTimer.Stage.SG_TARGETS.ordinal()) {
                m.put(s.name().toLowerCase(Locale.ROOT), totals[s.ordinal()]);
            }
        }
        m.put("backward (whole graph)", backward);
        byOp.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(6)
                .forEach(e -> m.put("  of which " + e.getKey() + " derivatives", e.getValue()));
        m.put("optimizer (SGD step)", optimizer);
        for (Map.Entry<String, Long> e : m.entrySet()) {
            sum += e.getKey().startsWith("  of which") ? 0 : e.getValue();
        }
        m.put("rest (object z0, graph build, scopes)", all - sum);
        m.put("total", all);
        Map<String, Double> ms = new LinkedHashMap<>();
        m.forEach((k, v) -> ms.put(k, v / NANOS_PER_MS / batches.size()));
        return ms;
    }

    private static List<Batch> preload(VgDataset ds, org.sgae.data.pipeline.LoaderConfig loader, int n) {
        List<Batch> out = new ArrayList<>(n);
        try (BatchLoader it = new BatchLoader(ds, loader, 0)) {
            while (out.size() < n && it.hasNext()) {
                out.add(it.next());
            }
        }
        if (out.size() < n) {
            throw new IllegalArgumentException("the training set has " + out.size() + " batches, the benchmark needs "
                    + n);
        }
        return out;
    }
}
