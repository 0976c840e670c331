package org.sgae.train;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import org.sgae.autograd.Engine;
import org.sgae.data.pipeline.Batch;
import org.sgae.tensor.Tensor;
import org.sgae.tensor.memory.MemoryScope;
import org.sgae.train.config.TrainConfig;

/**
 * The training loop of every phase that trains one model with one SGD {@link Solver}: phase 0 (the detector) and the
 * scene-graph side of phase 2. Per step:
 * <ol>
 *   <li>lr of the iteration; losses in one MemoryScope, with the iteration's {@link RandomStreams};</li>
 *   <li>the summed loss is read (the skip rule needs it on the host): not finite → the step is skipped and logged,
 *       nothing is applied (the BN running statistics that the forward pass moved are put back);</li>
 *   <li>backward; {@link GradientSync#afterBackward} (the data-parallel seam); clip (optional); SGD step.</li>
 * </ol>
 * Per-loss values are read to the host only at log steps. Checkpoints every {@code run.checkpointEvery} iterations
 * and at the end, so {@link #resumeFromLatest} continues exactly where an uninterrupted run would be.
 */
public final class Trainer {
    private final TrainableModel model;
    private final Solver solver;
    private final GradientSync sync;
    private final TrainConfig config;
    private final int phase;
    private final Path runDir;
    private final RunLog log;
    private final BufferGuard buffers;
    private long skipped;

    /** {@code runDir} holds the run log and checkpoints; null runs without files (benchmarks, tests of steps). */
    public Trainer(TrainableModel model, Solver solver, GradientSync sync, TrainConfig config, int phase,
                   Path runDir) {
        this.model = model;
        this.solver = solver;
        this.sync = sync;
        this.config = config.validate();
        this.phase = phase;
        this.runDir = runDir;
        this.log = runDir == null ? null : new RunLog(runDir);
        this.buffers = new BufferGuard(model);
        config.phase(phase); // rejects a phase other than 0, 1, 2
    }

    /**
     * One step's outcome.
     *
     * @param applied whether the update was applied
     * @param loss    the summed loss (always read: the skip rule needs it)
     * @param losses  each loss's value, read only when asked for (log steps) or when the step was skipped
     * @param skipReason why nothing was applied, or null
     */
    public record StepResult(boolean applied, double loss, Map<String, Double> losses, String skipReason) {
    }

    /** The outcome of {@link #run}: the iteration reached, steps skipped by this trainer, wall time. */
    public record Summary(int iteration, long skipped, double seconds) {
    }

    /** Steps skipped by this trainer so far. */
    public long skipped() {
        return skipped;
    }

    /** One training step at {@code iteration} (0-based). */
    public StepResult step(Batch batch, int iteration, boolean readLosses) {
        solver.setIteration(iteration);
        try (MemoryScope scope = MemoryScope.open()) {
            buffers.save();
            Map<String, Tensor> losses = model.losses(batch, RandomStreams.forIteration(config.seed(), iteration));
            if (losses.isEmpty()) {
                throw new IllegalStateException("the model returned no loss");
            }
            Tensor total = Losses.sum(losses);
            double value = total.item();
            if (!Double.isFinite(value)) {
                skipped++;
                buffers.restore(); // the forward pass already moved the BN running statistics
                return new StepResult(false, value, Losses.values(losses), "loss " + value);
            }
            Map<String, Double> read = readLosses ? Losses.values(losses) : Map.of();
            solver.zeroGrad();
            Engine.backward(total);
            sync.afterBackward(solver.withGradient());
            if (!solver.clipAndStep()) {
                skipped++;
                buffers.restore();
                solver.zeroGrad(); // a non-finite gradient must not linger into anything that reads it
                return new StepResult(false, value, read, "gradient norm not finite");
            }
            return new StepResult(true, value, read, null);
        }
    }

    /**
     * Restores the newest checkpoint of the run folder and returns its iteration, or 0 when there is none. Errors
     * (another preset, shapes) name the file and tensor and leave the model untouched.
     */
    public int resumeFromLatest() {
        requireRunDir();
        return Checkpoint.latest(runDir)
                .map(dir -> Checkpoint.load(dir, config, phase, model, solver).iteration())
                .orElse(0);
    }

    /** Trains from iteration {@code start} to the phase's {@code iters}, logging and checkpointing on the way. */
    public Summary run(BatchSource data, int start, Progress progress) {
        requireRunDir();
        int end = config.phase(phase).iters();
        model.train();
        double seconds = TrainLoop.run(runDir, data, start, end, config.run(), progress, (b, it, done, logNow, tp) -> {
            StepResult r = step(b, it, logNow);
            if (!r.applied()) {
                log.skipped(phase, done, r.skipReason());
            }
            if (logNow && r.applied()) {
                double ips = tp.lap();
                log.progress(phase, done, r.losses(), solver.lr(), ips, skipped);
                progress.log(done, String.format(Locale.ROOT, "loss %.4f lr %.2e %.1f img/s", r.loss(),
                        solver.lr(), ips));
            }
        }, done -> Checkpoint.save(runDir, config, phase, done, model, solver));
        return new Summary(end, skipped, seconds);
    }

    private void requireRunDir() {
        if (runDir == null) {
            throw new IllegalStateException("this trainer has no run folder (constructed with runDir = null)");
        }
    }
}
