package org.sgae.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.sgae.data.synth.NoiseConfig;
import org.sgae.data.synth.SynthConfig;
import org.sgae.data.synth.SynthWorld;
import org.sgae.data.synth.WorldStats;
import org.sgae.examples.ShapesTraining;
import org.sgae.data.vg.VgSplit;
import org.sgae.train.DetectorBench;
import org.sgae.train.DetectorStepBench;
import org.sgae.train.DetectorEvalRun;
import org.sgae.train.PhaseModels;
import org.sgae.train.TrainRun;
import org.sgae.train.config.ConfigJson;
import org.sgae.train.config.Preset;
import org.sgae.train.config.TrainConfig;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Command-line entry point. Subcommands are added here as the model grows. */
@Command(name = "sgae", mixinStandardHelpOptions = true, version = "sgae 0.1.0",
        description = "Scene-graph auto-encoder tools.",
        subcommands = {Main.TrainShapes.class, Main.Synth.class, Main.Train.class, Main.Eval.class,
            Main.BenchDetector.class, BenchGenerator.class, BenchSg.class, ReconstructCommand.class,
            AblationCommand.class, BenchJoint.class, Doctor.class,
            Infer.class, Generate.class, Report.class, Demo.class})
public final class Main implements Callable<Integer> {
    /** Exit code of a command that cannot run yet (its model is not built). */
    static final int NOT_AVAILABLE = 2;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command line (tests drive it with their own out/err writers). */
    static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new Main());
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        // One line naming what went wrong instead of a stack trace; SGAE_DEBUG=1 keeps the trace for developers.
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            String msg = String.valueOf(e.getMessage());
            // A full disk met anywhere else than a checkpoint (run log, results, images) names itself too.
            if (org.sgae.train.Checkpoint.isOutOfSpace(e) && !msg.toLowerCase(java.util.Locale.ROOT).contains("space")) {
                msg += ": no space left on device (the disk is full)";
            }
            cmd.getErr().println("sgae " + cmd.getCommandName() + ": " + msg);
            if (System.getenv("SGAE_DEBUG") != null) {
                e.printStackTrace(cmd.getErr());
            }
            return 1;
        });
        return cli;
    }

    /** No subcommand: show usage. */
    @Override
    public Integer call() {
        CommandLine.usage(this, System.out);
        return 0;
    }

    /** Trains the small shapes CNN and prints per-epoch loss and accuracy. */
    @Command(name = "train-shapes", mixinStandardHelpOptions = true,
            description = "Train a small CNN on procedurally generated 32x32 shape images (circle/square/triangle/cross).")
    static final class TrainShapes implements Callable<Integer> {
        private static final ShapesTraining.Config D = ShapesTraining.Config.defaults();

        @Option(names = "--train", description = "training images (default ${DEFAULT-VALUE})")
        int trainSize = D.trainSize();

        @Option(names = "--test", description = "test images (default ${DEFAULT-VALUE})")
        int testSize = D.testSize();

        @Option(names = "--epochs", description = "epochs (default ${DEFAULT-VALUE})")
        int epochs = D.epochs();

        @Option(names = "--batch", description = "batch size (default ${DEFAULT-VALUE})")
        int batch = D.batchSize();

        @Option(names = "--lr", description = "Adam learning rate (default ${DEFAULT-VALUE})")
        double lr = D.lr();

        @Option(names = "--seed", description = "seed of data, init and shuffling (default ${DEFAULT-VALUE})")
        long seed = D.seed();

        @Override
        public Integer call() {
            ShapesTraining.Result r = ShapesTraining.run(
                    new ShapesTraining.Config(trainSize, testSize, epochs, batch, lr, seed), System.out);
            System.out.printf("final test accuracy %.2f%% in %.1f s%n", 100 * r.finalAccuracy(), r.seconds());
            return 0;
        }
    }

    /** Generates a synthetic world in the VG150 layout (vg150-format.md §8). */
    @Command(name = "synth", mixinStandardHelpOptions = true,
            description = "Generate a synthetic world (images, VG-SGG.h5, dicts) in the VG150 layout.")
    static final class Synth implements Callable<Integer> {
        private static final NoiseConfig N = NoiseConfig.defaults();

        @Spec
        CommandSpec spec;

        @Option(names = "--out", required = true, description = "folder to write")
        Path out;

        @Option(names = "--images", description = "images (default ${DEFAULT-VALUE})")
        int images = 1000;

        @Option(names = "--seed", description = "seed (default ${DEFAULT-VALUE})")
        long seed = 1;

        @Option(names = "--size", description = "image side in pixels (default ${DEFAULT-VALUE})")
        int size = 128;

        @Option(names = "--size-jitter", description = "relative jitter of the image sides (default ${DEFAULT-VALUE})")
        double sizeJitter = 0;

        @Option(names = "--threads", description = "generator threads (default: all processors)")
        int threads = Runtime.getRuntime().availableProcessors();

        @Option(names = "--noise.missing-rel", description = "default ${DEFAULT-VALUE}")
        double missingRel = N.missingRel();

        @Option(names = "--noise.wrong-predicate", description = "default ${DEFAULT-VALUE}")
        double wrongPredicate = N.wrongPredicate();

        @Option(names = "--noise.duplicate-rel", description = "default ${DEFAULT-VALUE}")
        double duplicateRel = N.duplicateRel();

        @Option(names = "--noise.missing-object", description = "default ${DEFAULT-VALUE}")
        double missingObject = N.missingObject();

        @Option(names = "--noise.label-noise", description = "default ${DEFAULT-VALUE}")
        double labelNoise = N.labelNoise();

        @Option(names = "--noise.box-jitter", description = "default ${DEFAULT-VALUE}")
        double boxJitter = N.boxJitter();

        @Option(names = "--noise.on-test", description = "annotate the test split with noise too")
        boolean onTest;

        @Option(names = "--no-noise", description = "clean annotations (every noise knob 0)")
        boolean noNoise;

        @Override
        public Integer call() {
            NoiseConfig noise = noNoise ? new NoiseConfig(0, 0, 0, 0, 0, 0, onTest)
                    : new NoiseConfig(missingRel, wrongPredicate, duplicateRel, missingObject, labelNoise, boxJitter,
                            onTest);
            SynthConfig c = SynthConfig.of(images, size, seed).withSizeJitter(sizeJitter).withThreads(threads)
                    .withNoise(noise);
            long t0 = System.nanoTime();
            WorldStats s = SynthWorld.generate(c, out);
            double sec = (System.nanoTime() - t0) / 1e9;
            spec.commandLine().getOut().printf(Locale.ROOT, "wrote %d images to %s in %.1f s (%.0f images/s); %.2f"
                    + " objects and %.2f relations per image%n", images, out, sec, images / sec, s.meanObjects(),
                    s.meanRelations());
            return 0;
        }
    }

    /** Trains one phase (model-spec §11). */
    @Command(name = "train", mixinStandardHelpOptions = true,
            description = {"Train phase 0 (detector), 1 (generator) or 2 (joint) of model-spec §11.",
                "The config is the preset's, then --config's keys, then each --set; it is printed in full and saved"
                    + " as <out>/config.json."})
    static final class Train implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--phase", required = true, description = "0, 1 or 2")
        int phase;

        @Option(names = "--preset", description = "cpu or vg (default: the config file's, else cpu)")
        Preset preset;

        @Option(names = "--config", paramLabel = "FILE.json", description = "JSON with any subset of the config's keys")
        Path config;

        @Mixin
        DataOptions dataOptions;

        @Option(names = "--set", paramLabel = "key=value",
                description = "override one key, e.g. --set detSolver.lr=0.005 --set phase0.iters=50")
        List<String> sets = new ArrayList<>();

        @Option(names = "--resume", description = "continue the run in --out from its newest checkpoint")
        boolean resume;

        @Option(names = "--out", paramLabel = "DIR", description = "run folder (default: runs/<preset>-phase<N>)")
        Path out;

        @Override
        public Integer call() {
            if (phase < 0 || phase > 2) {
                throw new IllegalArgumentException("--phase must be 0, 1 or 2, got " + phase);
            }
            PrintWriter o = spec.commandLine().getOut();
            TrainConfig cfg = ConfigJson.resolve(preset, config, sets);
            o.println("resolved config:");
            o.println(ConfigJson.toJson(cfg));
            Path dir = out != null ? out : Path.of("runs", cfg.preset().name().toLowerCase(Locale.ROOT) + "-phase" + phase);
            TrainRun.prepareFolder(dir, resume);
            TrainRun.saveConfig(dir, cfg);
            o.println("config saved to " + dir.resolve(TrainRun.CONFIG));
            o.flush();
            var factory = PhaseModels.forPhase(phase);
            if (factory.isEmpty()) {
                spec.commandLine().getErr().println("sgae train: " + PhaseModels.missing(phase));
                return NOT_AVAILABLE;
            }
            TrainRun.run(cfg, phase, factory.get(), dataOptions.folder(cfg.world()), dir, resume, System.out);
            return 0;
        }
    }

    /** Evaluates a checkpoint (eval-spec): the detector's COCO-style AP (§6); scene-graph dumps and FREQ (§5, §8). */
    @Command(name = "eval", mixinStandardHelpOptions = true,
            description = {"Evaluate a checkpoint. --detector: COCO-style AP50 and AP[.5:.95] of a phase-0 checkpoint",
                "(eval-spec §6), per class, in original-image pixels; writes <out>/detector-eval-<split>.json.",
                "--dump FILE...: re-score scene-graph prediction dumps; --freq: the FREQ baseline (no checkpoint).",
                "--mode all --checkpoint DIR: a phase-2 checkpoint in SGGen/PhrDet/SGCls/PredCls with FREQ rows."})
    static final class Eval implements Callable<Integer> {
        @Option(names = "--detector", description = "evaluate the detector")
        boolean detector;

        @Mixin
        SgEvalOptions sgEval;

        @Mixin
        SgModelEvalOptions sgModel;

        @Option(names = "--checkpoint", paramLabel = "DIR",
                description = "a checkpoint folder (iter-N) or a run folder (its newest checkpoint)")
        Path checkpoint;

        @Option(names = "--preset", description = "refuse a checkpoint of another preset")
        Preset preset;

        @Mixin
        DataOptions dataOptions;

        @Option(names = "--split", description = "train, val or test (default ${DEFAULT-VALUE})")
        VgSplit split = VgSplit.TEST;

        @Option(names = "--out", paramLabel = "DIR", description = "results folder (default: the checkpoint's)")
        Path out;

        @Override
        public Integer call() {
            if (sgModel.requested() && !detector && !sgEval.requested()) {
                return sgModel.run(checkpoint, preset, dataOptions, split, out, System.out);
            }
            if (sgEval.requested() && !detector) {
                return sgEval.run(dataOptions, preset, split, out, System.out);
            }
            if (!detector) {
                throw new IllegalArgumentException("say what to evaluate: --detector, --dump FILE... or --freq");
            }
            if (checkpoint == null) {
                throw new IllegalArgumentException("--detector needs --checkpoint DIR");
            }
            DetectorEvalRun.run(new DetectorEvalRun.Request(checkpoint, preset, dataOptions.data, split, out,
                    dataOptions.cache()),
                    System.out);
            return 0;
        }
    }

    /** The detector's speed benchmark of issue 11 (not a test: numbers depend on the machine). */
    @Command(name = "bench-detector", mixinStandardHelpOptions = true,
            description = {"cpu: phase-0 training and inference images/s of the detector on in-memory batches of the",
                "synthetic world, with the time per stage. vg: time and peak RSS of a training step on one drawn",
                "600x1000 image (no data set). Threads: -Dsgae.threads (default: all processors)."})
    static final class BenchDetector implements Callable<Integer> {
        /** The vg preset's image (model-spec §1: shorter side 600, longer at most 1000). */
        private static final int VG_HEIGHT = 600;
        private static final int VG_WIDTH = 1000;

        @Mixin
        BenchOptions bench;

        @Option(names = "--warmup", description = "untimed batches first (default 20 for cpu, 1 for vg)")
        Integer warmup;

        @Option(names = "--steps", description = "timed batches (default 100 for cpu, 2 for vg)")
        Integer steps;

        @Override
        public Integer call() {
            TrainConfig cfg = bench.config();
            if (bench.preset == Preset.VG) {
                // A vg step takes seconds on a few cores: a short run measures it well enough.
                DetectorStepBench.run(cfg, VG_HEIGHT, VG_WIDTH, warmup == null ? 1 : warmup,
                        steps == null ? 2 : steps, System.out);
                return 0;
            }
            DetectorBench.run(cfg, bench.trainSet(cfg, 0), warmup == null ? 20 : warmup,
                    steps == null ? 100 : steps, System.out);
            return 0;
        }
    }
}
