package org.sgae.train;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.sgae.autograd.Engine;
import org.sgae.autograd.GradMode;
import org.sgae.autograd.Node;
import org.sgae.data.pipeline.Batch;
import org.sgae.data.pipeline.BatchLoader;
import org.sgae.data.vg.VgDataset;
import org.sgae.model.detector.BatchInputs;
import org.sgae.model.detector.DetectorModel;
import org.sgae.model.detector.StageTimer;
import org.sgae.tensor.Tensor;
import org.sgae.tensor.memory.MemoryScope;
import org.sgae.tensor.ops.Op;
import org.sgae.train.config.TrainConfig;

/**
 * {@code sgae bench-detector}: phase-0 training and inference throughput of a preset's detector on batches of the
 * synthetic world held in memory (the loader is left out: its threads would share the two cores), with a per-stage
 * breakdown. Throughput comes from plain timed passes ({@link Trainer#step} for training); the breakdown from a
 * separate instrumented pass, so the timers' reads cost the throughput nothing.
 *
 * <p>Backward attribution: the engine times each node's derivative, and a node is charged by op and input shape —
 * convolutions, ReLUs and pools above the feature map's resolution to the backbone, convolutions at it to the RPN
 * head, ROI Align to ROI Align, matrix products to the box head and predictor, the rest (reshapes, losses, index
 * ops, the engine's gradient adds outside the derivatives) to "other".
 */
public final class DetectorBench {
    private static final double NANOS_PER_MS = 1e6;
    private static final double NANOS_PER_SECOND = 1e9;

    private DetectorBench() {
    }

    /** Backward groups of the class comment. */
    enum Backward { BACKBONE, RPN_HEAD, ROI_ALIGN, HEADS, OTHER }

    /** Measured numbers: images/s and milliseconds per batch by stage. */
    public record Result(double trainImagesPerSecond, double inferImagesPerSecond, Map<String, Double> trainMs,
                         Map<String, Double> inferMs) {
    }

    public static Result run(TrainConfig cfg, VgDataset train, int warmup, int steps, PrintStream out) {
        int batch = cfg.phase0().batchSize();
        List<Batch> batches = preload(train, TrainRun.loader(cfg, batch), warmup + steps);
        DetectorModel model = DetectorModel.create(cfg);
        Solver solver = Solver.sgd(cfg.detSolver(), model.trainable().namedParameters(),
                cfg.phase0().iters());
        Trainer trainer = new Trainer(model.trainable(), solver, GradientSync.LOCAL, cfg, 0, null);
        model.trainable().train();
        for (int i = 0; i < warmup; i++) {
            trainer.step(batches.get(i), i, false);
        }
        long t0 = System.nanoTime();
        for (int i = 0; i < steps; i++) {
            trainer.step(batches.get(warmup + i), warmup + i, false);
        }
        double trainIps = steps * batch / ((System.nanoTime() - t0) / NANOS_PER_SECOND);
        Map<String, Double> trainMs = instrumentedTraining(model, solver, batches.subList(warmup, warmup + steps),
                cfg.world().size() / cfg.model().backbone().stride(), cfg.seed());

        model.detector().eval();
        List<List<Tensor>> images = new ArrayList<>();
        for (Batch b : batches) {
            images.add(BatchInputs.images(b));
        }
        double inferIps;
        Map<String, Double> inferMs;
        try (GradMode off = GradMode.disabled()) {
            for (int i = 0; i < warmup; i++) {
                detect(model, images.get(i));
            }
            t0 = System.nanoTime();
            for (int i = 0; i < steps; i++) {
                detect(model, images.get(warmup + i));
            }
            inferIps = steps * batch / ((System.nanoTime() - t0) / NANOS_PER_SECOND);
            StageTimer.enable();
            long all = System.nanoTime();
            for (int i = 0; i < steps; i++) {
                detect(model, images.get(warmup + i));
            }
            all = System.nanoTime() - all;
            inferMs = perBatch(stages(StageTimer.totals(), all), steps);
            StageTimer.disable();
        }
        print(out, "training", batch, trainIps, trainMs);
        print(out, "inference", batch, inferIps, inferMs);
        return new Result(trainIps, inferIps, trainMs, inferMs);
    }

    private static void detect(DetectorModel model, List<Tensor> images) {
        try (MemoryScope scope = MemoryScope.open()) {
            model.detector().detect(images);
        }
    }

    /** The step of {@link Trainer#step} with each part timed: forward stages, backward groups, optimizer. */
    private static Map<String, Double> instrumentedTraining(DetectorModel model, Solver solver, List<Batch> batches,
                                                            int featureSide, long seed) {
        Map<Backward, Long> bwd = new EnumMap<>(Backward.class);
        long backwardAll = 0;
        long optimizer = 0;
        long all = System.nanoTime();
        StageTimer.enable();
        Engine.setTimer((node, nanos) -> bwd.merge(group(node, featureSide), nanos, Long::sum));
        try {
            for (int i = 0; i < batches.size(); i++) {
                long[] t = timedStep(model.trainable(), solver, batches.get(i), seed, i);
                backwardAll += t[0];
                optimizer += t[1];
            }
        } finally {
            Engine.setTimer(null);
        }
        all = System.nanoTime() - all;
        Map<String, Long> m = stages(StageTimer.totals(), 0);
        StageTimer.disable();
        long timedBackward = 0;
        for (Backward g : Backward.values()) {
            long v = bwd.getOrDefault(g, 0L);
            timedBackward += v;
            m.put("backward " + g.name().toLowerCase(Locale.ROOT), v);
        }
        m.put("zeroGrad + backward engine (outside derivatives)", backwardAll - timedBackward);
        m.put("optimizer (SGD step)", optimizer);
        long sum = 0;
        for (long v : m.values()) {
            sum += v;
        }
        m.put("rest (loss sum, scopes)", all - sum);
        m.put("total", all);
        return perBatch(m, batches.size());
    }

    static Backward group(Node node, int featureSide) {
        Op op = node.op();
        if (op == Op.ROI_ALIGN) {
            return Backward.ROI_ALIGN;
        }
        if (op == Op.MATMUL) {
            return Backward.HEADS;
        }
        if (op == Op.CONV2D || op == Op.RELU || op == Op.MAX_POOL2D) {
            var s = node.inputShape(0);
            if (s.rank() == 4) {
                return s.dim(2) > featureSide ? Backward.BACKBONE : Backward.RPN_HEAD;
            }
        }
        return Backward.OTHER;
    }

    /** Forward stage totals by name; with {@code all} > 0 also the untimed rest and the total. */
    private static Map<String, Long> stages(long[] totals, long all) {
        Map<String, Long> m = new LinkedHashMap<>();
        long sum = 0;
        for (StageTimer.Stage s : StageTimer.Stage.values()) {
            m.put(s.name().toLowerCase(Locale.ROOT), totals[s.ordinal()]);
            sum += totals[s.ordinal()];
        }
        if (all > 0) {
            m.put("rest", all - sum);
            m.put("total", all);
        }
        return m;
    }

    private static Map<String, Double> perBatch(Map<String, Long> nanos, int batches) {
        Map<String, Double> ms = new LinkedHashMap<>();
        nanos.forEach((k, v) -> ms.put(k, v / NANOS_PER_MS / batches));
        return ms;
    }

    static List<Batch> preload(VgDataset ds, org.sgae.data.pipeline.LoaderConfig loader, int n) {
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

    /** The CPU's model name from /proc/cpuinfo (Linux), else os.arch. */
    public static String cpuModel() {
        try {
            for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (java.io.IOException e) {
            // not Linux: fall through
        }
        return System.getProperty("os.arch");
    }

    private static void print(PrintStream out, String what, int batch, double ips, Map<String, Double> ms) {
        out.printf(Locale.ROOT, "%s: %.1f images/s (batch %d, %d threads)%n", what, ips, batch,
                org.sgae.tensor.cpu.CpuParallel.threads());
        double total = ms.get("total");
        ms.forEach((k, v) -> out.printf(Locale.ROOT, "  %-48s %8.2f ms/batch %5.1f%%%n", k, v, 100 * v / total));
    }

    /**
     * One training step of {@code model} on batch i (streams of (seed, i)), timed: {backward ns, optimizer ns}. The
     * forward's time is left to the stage timer.
     */
    static long[] timedStep(TrainableModel model, Solver solver, Batch batch, long seed, int i) {
        try (MemoryScope scope = MemoryScope.open()) {
            Map<String, Tensor> losses = model.losses(batch, RandomStreams.forIteration(seed, i));
            Tensor total = Losses.sum(losses);
            total.item();
            long t = System.nanoTime();
            solver.zeroGrad();
            Engine.backward(total);
            long t1 = System.nanoTime();
            solver.clipAndStep();
            return new long[] {t1 - t, System.nanoTime() - t1};
        }
    }
}
