package org.sgae.train;

import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.sgae.data.AtomicFiles;
import org.sgae.data.pipeline.LoaderConfig;
import org.sgae.data.vg.VgConfig;
import org.sgae.data.vg.FrequencyStats;
import org.sgae.data.vg.VgDataset;
import org.sgae.data.vg.VgSplit;
import org.sgae.model.relation.SceneGraphModel;
import org.sgae.train.config.ConfigJson;
import org.sgae.train.config.Preset;
import org.sgae.train.config.TrainConfig;

/** A training run in an output folder: the folder rule, the saved config, and the wiring of data, solver, trainer. */
public final class TrainRun {
    /** The resolved config of the run, next to its log and checkpoints. */
    public static final String CONFIG = "config.json";
    /** VG's image sizes (model-spec §3: shorter side 600, longer at most 1000). */
    private static final int VG_MIN_SIZE = 600;
    private static final int VG_MAX_SIZE = 1000;

    private TrainRun() {
    }

    /**
     * An existing output folder is never silently reused: without {@code resume} it must not exist (or be empty);
     * with it, it must hold a run (its config.json). Creates the folder.
     */
    public static void prepareFolder(Path out, boolean resume) {
        if (resume && !Files.isRegularFile(out.resolve(CONFIG))) {
            throw new IllegalArgumentException(out + ": --resume needs the folder of an earlier run (with " + CONFIG
                    + "), found none");
        }
        if (!resume && Folders.nonEmpty(out)) {
            throw new IllegalArgumentException(out + ": output folder exists; pass --resume to continue its run, or"
                    + " choose another --out");
        }
        try {
            Files.createDirectories(out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + out, e);
        }
    }

    /** Saves the resolved config as the run's config.json (atomically). */
    public static void saveConfig(Path out, TrainConfig cfg) {
        AtomicFiles.write(out.resolve(CONFIG), ConfigJson.toJson(cfg).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The batches of a run: the synthetic world at its own size (§14: no resize), VG at 600/1000 (§3); raw pixels,
     * since the detector normalises its input itself (§1–2).
     */
    public static LoaderConfig loader(TrainConfig cfg, int batchSize) {
        int stride = cfg.model().backbone().stride();
        LoaderConfig base = LoaderConfig.synthetic(batchSize, cfg.seed()).withRawPixels();
        return cfg.preset() == Preset.VG ? base.withSizes(VG_MIN_SIZE, VG_MAX_SIZE, stride)
                : base.withSizes(cfg.world().size(), cfg.world().size(), stride);
    }

    /** The training images of {@code phase}: §11.1 for phase 0 (every train image with at least one box). */
    public static VgDataset trainSet(TrainConfig cfg, int phase, Path dataDir) {
        VgConfig vg = cfg.preset().split(dataDir, VgSplit.TRAIN);
        if (phase == 0) {
            vg = vg.withFilters(false, vg.filterNonOverlap(), vg.filterDuplicateRels());
        }
        if (phase == 2) {
            // the scene-graph model draws the duplicate-relation choice itself, from the SG-sampling stream (§7, §11.4)
            vg = vg.withFilters(vg.filterEmptyRels(), vg.filterNonOverlap(), false);
        }
        return VgDataset.open(vg);
    }

    /** Trains {@code phase} on the VG-layout data in {@code dataDir}, resuming from the newest checkpoint if asked. */
    public static Trainer.Summary run(TrainConfig cfg, int phase, PhaseModels.Factory factory, Path dataDir, Path out,
                                      boolean resume, PrintStream console) {
        TrainableModel model = factory.create(cfg);
        if (model instanceof org.sgae.model.generator.Phase1Model gan) {
            return runPhase1(cfg, gan, dataDir, out, resume, console);
        }
        if (model instanceof org.sgae.model.joint.JointModel.Trainable joint) {
            return runJoint(cfg, joint.model(), dataDir, out, resume, console);
        }
        Solver solver = Solver.sgd(phase == 0 ? cfg.detSolver() : cfg.sgSolver(), model.namedParameters(),
                cfg.phase(phase).iters());
        Trainer trainer = new Trainer(model, solver, GradientSync.LOCAL, cfg, phase, out);
        VgDataset ds = trainSet(cfg, phase, dataDir);
        if (model instanceof SceneGraphModel.Trainable sg && cfg.sg().rel().freqBias()) {
            sg.model().relation().initFrequencyBias(FrequencyStats.compute(ds)); // §5; a resume overwrites it
        }
        int start = resume ? trainer.resumeFromLatest() : 0;
        if (resume) {
            console.println(start == 0 ? "no checkpoint in " + out + ": starting at iteration 0"
                    : "resuming at iteration " + start);
        }
        LoaderConfig loader = loader(cfg, cfg.phase(phase).batchSize());
        Trainer.Summary s = trainer.run(BatchSource.of(ds, loader), start,
                Progress.console("phase " + phase, start, cfg.phase(phase).iters(), console));
        console.printf(Locale.ROOT, "phase %d: %d iterations, %d skipped, %.1f s; log %s%n", phase, s.iteration(),
                s.skipped(), s.seconds(), out.resolve(RunLog.FILE));
        return s;
    }

    /** Phase 2 joint (§11.3): {@link JointTrainer} on raw-pixel batches (duplicate relations drawn by the model). */
    private static Trainer.Summary runJoint(TrainConfig cfg, org.sgae.model.joint.JointModel model, Path dataDir,
                                            Path out, boolean resume, PrintStream console) {
        JointTrainer trainer = new JointTrainer(model, cfg, out);
        VgDataset ds = trainSet(cfg, 2, dataDir);
        if (cfg.sg().rel().freqBias()) {
            model.sg().relation().initFrequencyBias(FrequencyStats.compute(ds)); // §5; a resume overwrites it
        }
        int start = resume ? trainer.resumeFromLatest() : 0;
        if (resume) {
            console.println(start == 0 ? "no checkpoint in " + out + ": starting at iteration 0"
                    : "resuming at iteration " + start);
        }
        Trainer.Summary s = trainer.run(BatchSource.of(ds, loader(cfg, cfg.phase2().batchSize())), start,
                Progress.console("phase 2", start, cfg.phase2().iters(), console));
        console.printf(Locale.ROOT, "phase 2 (joint, lambdaImg %s): %d iterations, %d skipped, %.1f s; log %s%n",
                cfg.joint().lambdaImg(), s.iteration(), s.skipped(), s.seconds(), out.resolve(RunLog.FILE));
        return s;
    }

    /** Phase 1 (§11.2): the GAN with its three Adams ({@link Phase1Trainer}) on raw-pixel batches of the world. */
    private static Trainer.Summary runPhase1(TrainConfig cfg, org.sgae.model.generator.Phase1Model model, Path dataDir,
                                             Path out, boolean resume, PrintStream console) {
        Phase1Trainer trainer = new Phase1Trainer(model, cfg, out);
        int start = resume ? trainer.resumeFromLatest() : 0;
        if (resume) {
            console.println(start == 0 ? "no checkpoint in " + out + ": starting at iteration 0"
                    : "resuming at iteration " + start);
        }
        VgDataset ds = trainSet(cfg, 1, dataDir);
        Trainer.Summary s = trainer.run(BatchSource.of(ds, loader(cfg, cfg.phase1().batchSize())), start,
                Progress.console("phase 1", start, cfg.phase1().iters(), console));
        console.printf(Locale.ROOT, "phase 1: %d iterations, %d skipped, %.1f s; log %s%n", s.iteration(),
                s.skipped(), s.seconds(), out.resolve(RunLog.FILE));
        return s;
    }
}
