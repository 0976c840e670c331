package org.sgae.train;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.sgae.autograd.Engine;
import org.sgae.data.pipeline.Batch;
import org.sgae.model.generator.GenTimer;
import org.sgae.model.generator.GtGraphs;
import org.sgae.model.generator.ImageGan;
import org.sgae.model.generator.Phase1Model;
import org.sgae.nn.Module;
import org.sgae.nn.Parameter;
import org.sgae.nn.optim.Adam;
import org.sgae.nn.optim.Optimizer;
import org.sgae.nn.optim.ParamGroup;
import org.sgae.tensor.Tensor;
import org.sgae.tensor.memory.MemoryScope;
import org.sgae.train.config.GeneratorConfig;
import org.sgae.train.config.TrainConfig;

/**
 * Phase 1 (model-spec §11.2): the generator on GT graphs with its two discriminators, one Adam each. Per iteration,
 * with the iteration's {@link RandomStreams}:
 * <ol>
 *   <li>G forward (L_G); not finite → the whole iteration is skipped and logged, the BN statistics put back;</li>
 *   <li>G step (backward of L_G, Adam on G's parameters);</li>
 *   <li>D_obj step on the detached fakes (skipped and logged alone if its loss is not finite);</li>
 *   <li>D_img step on the detached fakes (likewise).</li>
 * </ol>
 * The discriminators' gradient norms and losses are watched: a norm above {@link #EXPLODING_NORM} or a loss below
 * {@link #STUCK_LOSS} for {@link #STUCK_STEPS} steps in a row is written to the run log as a "diverging" line with
 * the step. Checkpoints hold the GAN's parameters and BN statistics, the three Adam states, the config, the phase
 * and the iteration, so a resumed run continues exactly.
 */
public final class Phase1Trainer {
    /** Optimiser names in checkpoints ("g.0.exp_avg" …). */
    public static final String G = "g";
    public static final String D_IMG = "dImg";
    public static final String D_OBJ = "dObj";
    static final double EXPLODING_NORM = DiscriminatorSteps.EXPLODING_NORM;
    static final double STUCK_LOSS = DiscriminatorSteps.STUCK_LOSS;
    static final int STUCK_STEPS = DiscriminatorSteps.STUCK_STEPS;
    private static final int PHASE = 1;

    private final Phase1Model model;
    private final ImageGan gan;
    private final TrainConfig config;
    private final Path runDir;
    private final RunLog log;
    private final BufferGuard buffers;
    private final Map<String, Optimizer> optimizers = new LinkedHashMap<>();
    private final DiscriminatorSteps dSteps;
    private long skipped;

    /** {@code runDir} holds the run log and checkpoints; null runs without files (tests of steps, benchmarks). */
    public Phase1Trainer(Phase1Model model, TrainConfig config, Path runDir) {
        this.model = model;
        this.gan = model.gan();
        this.config = config.validate();
        this.runDir = runDir;
        this.log = runDir == null ? null : new RunLog(runDir);
        this.buffers = new BufferGuard(model);
        GeneratorConfig.AdamConfig a = config.generator().adam();
        optimizers.put(G, adam(gan.generator(), a));
        optimizers.put(D_OBJ, adam(gan.dObj(), a));
        optimizers.put(D_IMG, adam(gan.dImg(), a));
        this.dSteps = new DiscriminatorSteps(gan, optimizers.get(D_OBJ), optimizers.get(D_IMG));
    }

    static Adam adam(Module m, GeneratorConfig.AdamConfig a) {
        return new Adam(List.of(new ParamGroup(m.parameters(), a.lr(), 0)), a.beta1(), a.beta2(), a.eps(),
                Adam.WeightDecay.L2);
    }

    /** G, D_obj and D_img's optimisers by checkpoint name. */
    public Map<String, Optimizer> optimizers() {
        return optimizers;
    }

    public long skipped() {
        return skipped;
    }

    /** One phase-1 iteration at {@code iteration} (0-based). */
    public GanStepResult step(Batch batch, int iteration, boolean readLosses) {
        RandomStreams streams = RandomStreams.forIteration(config.seed(), iteration);
        List<String> events = new java.util.ArrayList<>();
        try (MemoryScope scope = MemoryScope.open()) {
            buffers.save();
            long t = GenTimer.start();
            GtGraphs.Phase1Batch in = model.inputs(batch, streams);
            Tensor noise = model.noise(in, streams);
            GenTimer.stop(GenTimer.Stage.DATA, t);
            ImageGan.GeneratorStep gs = gan.generatorLosses(in.graph(), in.target(), noise);
            Tensor total = gs.total();
            double value = total.item();
            if (!Double.isFinite(value)) {
                skipped++;
                buffers.restore();
                return new GanStepResult(false, value, Losses.values(gs.losses()), "L_G " + value, events);
            }
            Map<String, Double> read = new LinkedHashMap<>(readLosses ? Losses.values(gs.losses()) : Map.of());
            t = GenTimer.start();
            gan.zeroGrad();
            Engine.backward(total);
            t = GenTimer.stop(GenTimer.Stage.BACKWARD, t);
            optimizers.get(G).step();
            GenTimer.stop(GenTimer.Stage.ADAM, t);
            dSteps.run(in.graph(), in.target(), gs.output().image(), read, events);
            return new GanStepResult(true, value, read, null, events);
        }
    }

    /** Restores the newest checkpoint of the run folder and returns its iteration, or 0 when there is none. */
    public int resumeFromLatest() {
        requireRunDir();
        return Checkpoint.latest(runDir)
                .map(dir -> Checkpoint.load(dir, config, PHASE, model, optimizers).iteration())
                .orElse(0);
    }

    /** Trains from {@code start} to phase 1's {@code iters}, logging and checkpointing on the way. */
    public Trainer.Summary run(BatchSource data, int start, Progress progress) {
        requireRunDir();
        int end = config.phase1().iters();
        model.train();
        double seconds = TrainLoop.run(runDir, data, start, end, config.run(), progress, (b, it, done, logNow, tp) -> {
            GanStepResult r = step(b, it, logNow);
            DiscriminatorSteps.log(log, PHASE, done, r.applied(), r.skipReason(), r.events());
            if (logNow && r.applied()) {
                double ips = tp.lap();
                DiscriminatorSteps.progress(log, PHASE, done, r.losses(), config.generator().adam().lr(), ips, skipped);
                progress.log(done, String.format(Locale.ROOT, "L_G %.4f l1 %.4f D_img %.3f D_obj %.3f %.1f img/s",
                        r.loss(), r.losses().getOrDefault(ImageGan.L1, Double.NaN),
                        r.losses().getOrDefault("d_img", Double.NaN),
                        r.losses().getOrDefault("d_obj", Double.NaN), ips));
            }
        }, done -> Checkpoint.save(runDir, config, PHASE, done, model, optimizers));
        return new Trainer.Summary(end, skipped, seconds);
    }

    private void requireRunDir() {
        if (runDir == null) {
            throw new IllegalStateException("this trainer has no run folder (constructed with runDir = null)");
        }
    }

    /** All parameters, for tests. */
    List<Parameter> parameters() {
        return gan.parameters();
    }
}
