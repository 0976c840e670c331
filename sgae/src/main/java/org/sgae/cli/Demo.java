package org.sgae.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.sgae.data.AtomicFiles;
import org.sgae.data.vg.VgConfig;
import org.sgae.data.vg.VgDataset;
import org.sgae.data.vg.VgSplit;
import org.sgae.eval.FreqPredictor;
import org.sgae.train.Checkpoint;
import org.sgae.train.PhaseModels;
import org.sgae.train.TrainRun;
import org.sgae.train.config.ConfigJson;
import org.sgae.train.config.Preset;
import org.sgae.train.config.TrainConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code sgae demo}: from nothing to a report. Generates (or reuses) the synthetic world, trains phase 0, phase 1,
 * phase 2 with λ_img = 1 (the joint model) and with λ_img = 0, evaluates all four protocols with FREQ and the
 * detector's AP, scores the reconstructions, and writes the report ({@link DemoLayout}). The settings are
 * {@link DemoPlan#FULL} ({@code --quick}: {@link DemoPlan#QUICK}). Every checkpoint is written atomically, so an
 * interrupted demo (Ctrl-C) keeps its finished phases and last checkpoint; {@code --resume} continues it.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"From nothing to a report: synthetic world, phase 0 -> phase 1 -> phase 2 (lambda_img = 1 and",
            "= 0), evaluation of SGGen/PhrDet/SGCls/PredCls with FREQ and detector AP, image metrics, HTML report.",
            "The plan (iterations per phase) is printed first and saved as <out>/demo-plan.json."})
final class Demo implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final double NANOS = 1e9;

    @Option(names = "--out", paramLabel = "DIR", description = "run folder (default: runs/demo, runs/demo-quick)")
    Path out;

    @Option(names = "--force", description = "delete an existing run folder and start again")
    boolean force;

    @Option(names = "--resume", description = "continue an interrupted demo in --out (finished phases are kept)")
    boolean resume;

    @Option(names = "--quick", description = "the CI smoke run: a 40-image world, a few iterations per phase")
    boolean quick;

    @Option(names = "--set", paramLabel = "key=value",
            description = "override one key of the plan for every phase, e.g. --set phase2.iters=100")
    List<String> sets = new ArrayList<>();

    @Mixin
    DataOptions dataOptions;

    @Override
    public Integer call() {
        if (force && resume) {
            throw new IllegalArgumentException("give either --force or --resume, not both");
        }
        DemoPlan plan = (quick ? DemoPlan.QUICK : DemoPlan.FULL).with(sets);
        Path root = out != null ? out : Path.of("runs", quick ? "demo-quick" : "demo");
        run(plan, root, force, resume, dataOptions.data, dataOptions.cache(), System.out);
        return 0;
    }

    /** What the demo did: the report and the seconds of each step. */
    record Outcome(Path report, Map<String, Double> seconds) {
    }

    static Outcome run(DemoPlan plan, Path root, boolean force, boolean resume, Path data, Path worldCache,
                       PrintStream console) {
        long t0 = System.nanoTime();
        DemoLayout l = new DemoLayout(root);
        prepare(root, force, resume);
        console.println("demo plan '" + plan.name() + "' (cpu preset with): " + String.join(" ", plan.sets()));
        write(l.plan(), plan.toMap());
        TrainConfig base = ConfigJson.resolve(Preset.CPU, null, plan.sets());
        Map<String, Double> seconds = new LinkedHashMap<>();
        long t = System.nanoTime();
        Path dataDir = data != null ? data : org.sgae.train.SyntheticWorlds.ensure(base.world(), worldCache, console);
        seconds.put("world", lap(t));

        t = System.nanoTime();
        train(0, base, l.phase0(), dataDir, resume, console);
        seconds.put("phase0", lap(t));
        t = System.nanoTime();
        train(1, base, l.phase1(), dataDir, resume, console);
        seconds.put("phase1", lap(t));

        String p0 = l.phase0().toAbsolutePath().toString();
        String p1 = l.phase1().toAbsolutePath().toString();
        boolean joint = jointAvailable();
        // ---- the λ_img = 1 run (the joint model): runs by itself once the joint trainer (joint.lambdaImg) exists ----
        if (joint) {
            t = System.nanoTime();
            train(2, withSets(base, plan, "phase2.init=" + p0, "phase2.initGenerator=" + p1, "joint.lambdaImg=1"),
                    l.phase2(), dataDir, resume, console);
            seconds.put("phase2", lap(t));
        } else {
            console.println("phase 2 with λ_img = 1: not run (the joint trainer, joint.lambdaImg, is not built yet);"
                    + " phase 2 with λ_img = 0 stands in as the model");
        }
        t = System.nanoTime();
        List<String> l0 = new ArrayList<>(List.of("phase2.init=" + p0));
        if (joint) {
            l0.add("joint.lambdaImg=0");
        }
        train(2, withSets(base, plan, l0.toArray(String[]::new)), l.phase2L0(), dataDir, resume, console);
        seconds.put("phase2-l0", lap(t));

        t = System.nanoTime();
        VgDataset test = VgDataset.open(VgConfig.of(dataDir, VgSplit.TEST));
        FreqPredictor freq = FreqPredictor.fromTrainSplit(dataDir, 0);
        var modes = SgModelEval.inferenceModes(java.util.EnumSet.allOf(org.sgae.eval.SgMode.class));
        if (joint) {
            // the joint checkpoint's "sg." part (PartWeights)
            SgModelEval.run(SgCheckpoint.load(l.phase2(), Preset.CPU), test, modes, freq, l.eval(), console);
        }
        SgModelEval.run(SgCheckpoint.load(l.phase2L0(), Preset.CPU), test, modes, freq, l.evalL0(), console);
        seconds.put("eval", lap(t));

        t = System.nanoTime();
        if (joint) { // GT, PRED (the auto-encoder) and GRAPH_ONLY by the joint model
            ReconMetrics.runJoint(l.phase2(), test, plan.metricImages(), l.imageMetrics(), console);
        } else {     // GT and GRAPH_ONLY by phase 1's generator
            ReconMetrics.run(Generate.load(l.phase1(), Preset.CPU), base, test, plan.metricImages(),
                    l.imageMetrics(), console);
        }
        seconds.put("image-metrics", lap(t));

        t = System.nanoTime();
        Path report = RunReport.write(l, null, true, data, worldCache, console);
        seconds.put("report", lap(t));
        seconds.put("total", lap(t0));
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("seconds", seconds);
        summary.put("peakRssBytes", peakRss());
        summary.put("threads", org.sgae.tensor.cpu.CpuParallel.threads());
        write(root.resolve("demo-summary.json"), summary);
        StringBuilder sb = new StringBuilder();
        seconds.forEach((k, v) -> sb.append(String.format(Locale.ROOT, " %s %.1f s;", k, v)));
        console.printf(Locale.ROOT, "demo done:%s peak RSS %.2f GiB; report %s%n", sb, peakRss() / (double) (1L << 30),
                report);
        return new Outcome(report, seconds);
    }

    /** Whether the joint trainer exists: its config key resolves. */
    static boolean jointAvailable() {
        try {
            ConfigJson.resolve(Preset.CPU, null, List.of("joint.lambdaImg=1"));
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static TrainConfig withSets(TrainConfig base, DemoPlan plan, String... more) {
        List<String> sets = new ArrayList<>(plan.sets());
        sets.addAll(List.of(more));
        return ConfigJson.resolve(base.preset(), null, sets);
    }

    /**
     * Trains {@code phase} into {@code dir}: skipped when its last checkpoint is there (a resumed demo), continued
     * from its newest checkpoint when {@code resume}.
     */
    static void train(int phase, TrainConfig cfg, Path dir, Path data, boolean resume, PrintStream console) {
        int iters = cfg.phase(phase).iters();
        Optional<Path> last = Files.isDirectory(dir) ? Checkpoint.latest(dir) : Optional.empty();
        if (last.isPresent() && last.get().getFileName().toString().equals(String.format("iter-%08d", iters))) {
            console.println("phase " + phase + ": " + dir + " is complete (" + iters + " iterations); kept");
            return;
        }
        boolean cont = resume && Files.isRegularFile(dir.resolve(TrainRun.CONFIG));
        TrainRun.prepareFolder(dir, cont);
        TrainRun.saveConfig(dir, cfg);
        console.println("phase " + phase + ": " + iters + " iterations of batch " + cfg.phase(phase).batchSize()
                + " into " + dir + (cont ? " (resuming)" : ""));
        TrainRun.run(cfg, phase, PhaseModels.forPhase(phase).orElseThrow(), data, dir, cont, console);
    }

    /** An existing run folder is never reused silently: --force deletes it, --resume continues it. */
    static void prepare(Path root, boolean force, boolean resume) {
        boolean exists = Files.isDirectory(root) && !isEmpty(root);
        if (exists && !force && !resume) {
            throw new IllegalArgumentException(root + ": run folder exists; pass --resume to continue it, --force to"
                    + " delete it and start again, or choose another --out");
        }
        if (resume && !Files.isRegularFile(root.resolve(DemoLayout.PLAN))) {
            throw new IllegalArgumentException(root + ": --resume needs an earlier demo's folder (with "
                    + DemoLayout.PLAN + ")");
        }
        if (exists && force) {
            deleteTree(root);
        }
        try {
            Files.createDirectories(root);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + root, e);
        }
    }

    private static boolean isEmpty(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.findAny().isEmpty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + root + ": " + e.getMessage(), e);
        }
    }

    private static void write(Path file, Object doc) {
        try {
            AtomicFiles.write(file, JSON.writeValueAsString(doc).getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private static double lap(long t) {
        return (System.nanoTime() - t) / NANOS;
    }

    /** VmHWM of /proc/self/status in bytes, 0 where there is none. */
    static long peakRss() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux
        }
        return 0;
    }
}
