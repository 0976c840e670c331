package org.sgae.train;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.sgae.autograd.Engine;
import org.sgae.data.pipeline.Batch;
import org.sgae.model.generator.GenTimer;
import org.sgae.model.generator.ImageGan;
import org.sgae.model.joint.Coupling;
import org.sgae.model.joint.JointModel;
import org.sgae.nn.optim.Optimizer;
import org.sgae.tensor.Tensor;
import org.sgae.tensor.memory.MemoryScope;
import org.sgae.train.config.TrainConfig;

/**
 * Phase 2 (model-spec §11.3): joint training of the scene-graph side (SGD, the phase-0 schedule rule) and the
 * generator (Adam), then D_obj and D_img on detached fakes. Per iteration, with the iteration's {@link RandomStreams}:
 * <ol>
 *   <li>SG forward (train mode) → L_SG and the coupled graph; G forward → L_G;</li>
 *   <li>L = L_SG + L_G read: not finite → nothing is applied (BN statistics put back), the skip is logged;</li>
 *   <li>backward of L (the coupling's GradScale nodes apply λ_img); a non-finite SG gradient norm skips likewise;</li>
 *   <li>SGD step (SG parameters) and Adam step (G parameters);</li>
 *   <li>D_obj and D_img steps on the detached fakes ({@link DiscriminatorSteps}).</li>
 * </ol>
 * With λ_img = 0 the two backward graphs are disjoint, and each is run on its own (L_SG first), so the scene-graph
 * gradients are accumulated in exactly the order of the scene-graph-only trainer (bit-identical weights, §11.4).
 * Checkpoints hold both sides, the SGD state ("sg.…") and the three Adams ("g.…", "dObj.…", "dImg.…").
 */
public final class JointTrainer {
    /** The SGD optimiser's name in checkpoints. */
    public static final String SG = "sg";
    private static final int PHASE = 2;

    private final JointModel model;
    private final TrainableModel view;
    private final TrainConfig config;
    private final Solver solver;
    private final Map<String, Optimizer> optimizers = new LinkedHashMap<>();
    private final DiscriminatorSteps dSteps;
    private final Coupling.Lambdas lambdas;
    private final Path runDir;
    private final RunLog log;
    private final BufferGuard buffers;
    private long skipped;

    /** {@code runDir} holds the run log and checkpoints; null runs without files (tests, benchmarks). */
    public JointTrainer(JointModel model, TrainConfig config, Path runDir) {
        this.model = model;
        this.config = config.validate();
        this.view = model.trainable();
        this.solver = Solver.sgd(config.sgSolver(), model.sg().namedParameters(), config.phase2().iters());
        optimizers.put(SG, solver.optimizer());
        var a = config.generator().adam();
        optimizers.put(Phase1Trainer.G, Phase1Trainer.adam(model.gan().generator(), a));
        optimizers.put(Phase1Trainer.D_OBJ, Phase1Trainer.adam(model.gan().dObj(), a));
        optimizers.put(Phase1Trainer.D_IMG, Phase1Trainer.adam(model.gan().dImg(), a));
        this.dSteps = new DiscriminatorSteps(model.gan(), optimizers.get(Phase1Trainer.D_OBJ),
                optimizers.get(Phase1Trainer.D_IMG));
        this.lambdas = Coupling.Lambdas.all(config.joint().lambdaImg());
        this.runDir = runDir;
        this.log = runDir == null ? null : new RunLog(runDir);
        this.buffers = new BufferGuard(view);
    }

    public Map<String, Optimizer> optimizers() {
        return optimizers;
    }

    public long skipped() {
        return skipped;
    }

    /** One phase-2 iteration at {@code iteration} (0-based). */
    public GanStepResult step(Batch batch, int iteration, boolean readLosses) {
        solver.setIteration(iteration);
        RandomStreams streams = RandomStreams.forIteration(config.seed(), iteration);
        List<String> events = new ArrayList<>();
        try (MemoryScope scope = MemoryScope.open()) {
            buffers.save();
            JointModel.Forward f = model.forward(batch, streams, lambdas);
            Tensor lsg = Losses.sum(f.sgLosses());
            Tensor lg = f.gen().total();
            double vsg = lsg.item();
            double vg = lg.item();
            double value = vsg + vg;
            if (!Double.isFinite(value)) {
                skipped++;
                buffers.restore();
                return new GanStepResult(false, value, values(f), "loss " + value + " (L_SG " + vsg + ", L_G " + vg + ")",
                        events);
            }
            Map<String, Double> read = new LinkedHashMap<>(readLosses ? values(f) : Map.of());
            long t = GenTimer.start();
            solver.zeroGrad();
            model.gan().zeroGrad();
            if (lambdas.labels() == 0 && lambdas.boxes() == 0 && lambdas.weights() == 0) {
                Engine.backward(lsg);
                Engine.backward(lg);
            } else {
                Engine.backward(lsg.add(lg));
            }
            t = GenTimer.stop(GenTimer.Stage.BACKWARD, t);
            if (!solver.clipAndStep()) {
                skipped++;
                buffers.restore();
                solver.zeroGrad();
                model.gan().zeroGrad();
                return new GanStepResult(false, value, read, "scene-graph gradient norm not finite", events);
            }
            optimizers.get(Phase1Trainer.G).step();
            GenTimer.stop(GenTimer.Stage.ADAM, t);
            dSteps.run(f.graph(), f.target(), f.gen().output().image(), read, events);
            return new GanStepResult(true, value, read, null, events);
        }
    }

    private static Map<String, Double> values(JointModel.Forward f) {
        Map<String, Double> out = new LinkedHashMap<>();
        f.sgLosses().forEach((k, v) -> out.put(k, v.item()));
        f.gen().losses().forEach((k, v) -> out.put(k, v.item()));
        return out;
    }

    /** Restores the newest checkpoint of the run folder and returns its iteration, or 0 when there is none. */
    public int resumeFromLatest() {
        requireRunDir();
        return Checkpoint.latest(runDir)
                .map(dir -> Checkpoint.load(dir, config, PHASE, view, optimizers).iteration())
                .orElse(0);
    }

    /** Trains from {@code start} to phase 2's {@code iters}, logging and checkpointing on the way. */
    public Trainer.Summary run(BatchSource data, int start, Progress progress) {
        requireRunDir();
        int end = config.phase2().iters();
        model.train();
        double seconds = TrainLoop.run(runDir, data, start, end, config.run(), progress, (b, it, done, logNow, tp) -> {
            GanStepResult r = step(b, it, logNow);
            DiscriminatorSteps.log(log, PHASE, done, r.applied(), r.skipReason(), r.events());
            if (logNow && r.applied()) {
                double ips = tp.lap();
                DiscriminatorSteps.progress(log, PHASE, done, r.losses(), solver.lr(), ips, skipped);
                progress.log(done, String.format(Locale.ROOT,
                        "L %.4f rel %.4f L1 %.4f D_img %.3f D_obj %.3f lr %.2e %.1f img/s", r.loss(),
                        r.losses().getOrDefault("rel", Double.NaN), r.losses().getOrDefault(ImageGan.L1,
                                Double.NaN), r.losses().getOrDefault("d_img", Double.NaN),
                        r.losses().getOrDefault("d_obj", Double.NaN), solver.lr(), ips));
            }
        }, done -> Checkpoint.save(runDir, config, PHASE, done, view, optimizers));
        return new Trainer.Summary(end, skipped, seconds);
    }

    private void requireRunDir() {
        if (runDir == null) {
            throw new IllegalStateException("this trainer has no run folder (constructed with runDir = null)");
        }
    }
}
