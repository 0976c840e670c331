package org.sgae.train;

import java.io.PrintStream;
import java.util.Locale;
import org.sgae.data.pipeline.Batch;
import org.sgae.model.detector.DetectorModel;
import org.sgae.train.config.TrainConfig;

/**
 * {@code sgae bench-detector --preset vg}: the time and peak memory of full training steps ({@link Trainer#step},
 * the path phase 0 takes) on one drawn image held in memory. It needs no data set: the synthetic world is the cpu
 * preset's, and the vg preset sets its 5 000 validation images aside from it, which leaves no training batch.
 */
public final class DetectorStepBench {
    /** Objects per image: about VG150's average per image. */
    static final int OBJECTS = 12;
    private static final double NANOS_PER_SECOND = 1e9;
    private static final double GIB = 1024.0 * 1024 * 1024;

    private DetectorStepBench() {
    }

    /** Seconds per timed step and the process's peak RSS in bytes (-1 where /proc is missing). */
    public record Result(double secondsPerStep, long peakRssBytes) {
    }

    public static Result run(TrainConfig cfg, int height, int width, int warmup, int steps, PrintStream out) {
        if (warmup < 0 || steps < 1) {
            throw new IllegalArgumentException("--warmup must be >= 0 and --steps >= 1, got " + warmup + ", "
                    + steps);
        }
        Batch batch = SyntheticImageBatch.of(1, height, width, OBJECTS, cfg.model().roiHeads().numClasses(),
                cfg.seed());
        int step = 0;
        try {
            DetectorModel model = DetectorModel.create(cfg);
            Solver solver = Solver.sgd(cfg.detSolver(), model.trainable().namedParameters(), cfg.phase0().iters());
            Trainer trainer = new Trainer(model.trainable(), solver, GradientSync.LOCAL, cfg, 0, null);
            model.trainable().train();
            for (; step < warmup; step++) {
                trainer.step(batch, step, false);
            }
            long t0 = System.nanoTime();
            for (; step < warmup + steps; step++) {
                trainer.step(batch, step, false);
            }
            double seconds = (System.nanoTime() - t0) / NANOS_PER_SECOND / steps;
            Result r = new Result(seconds, Memory.peakResidentBytes());
            out.printf(Locale.ROOT, "training step, 1 image %dx%d, %d objects: %.2f s/step (%d warm-up + %d timed, "
                            + "%d threads), peak RSS %.2f GiB, max heap %.1f GiB%n", height, width, OBJECTS, seconds,
                    warmup, steps, org.sgae.tensor.cpu.CpuParallel.threads(), r.peakRssBytes() / GIB, maxHeapGib());
            return r;
        } catch (OutOfMemoryError e) {
            // The model and its activations are unreachable here, so the message below can still be built.
            throw new IllegalStateException(String.format(Locale.ROOT, "out of memory in training step %d "
                    + "(max heap %.1f GiB, peak RSS %.2f GiB): raise -Xmx through SGAE_JAVA_OPTS", step + 1,
                    maxHeapGib(), Memory.peakResidentBytes() / GIB), e);
        }
    }

    private static double maxHeapGib() {
        return Runtime.getRuntime().maxMemory() / GIB;
    }
}
