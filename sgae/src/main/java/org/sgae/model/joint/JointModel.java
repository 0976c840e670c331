package org.sgae.model.joint;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

import org.sgae.data.pipeline.Batch;
import org.sgae.model.generator.GenTimer;
import org.sgae.model.generator.GtGraphs;
import org.sgae.model.generator.ImageGan;
import org.sgae.model.generator.Phase1Model;
import org.sgae.model.generator.SceneGraph;
import org.sgae.model.relation.PhaseInit;
import org.sgae.model.relation.SceneGraphModel;
import org.sgae.nn.Module;
import org.sgae.tensor.DType;
import org.sgae.tensor.Device;
import org.sgae.tensor.Tensor;
import org.sgae.train.Checkpoint;
import org.sgae.train.RandomStreams;
import org.sgae.train.TrainableModel;
import org.sgae.train.config.TrainConfig;

/**
 * Phase 2's joint model (model-spec §10, §11.3): the scene-graph side ({@code sg.}, a {@link SceneGraphModel}) and
 * the generator with its discriminators ({@code gan.}, an {@link ImageGan}), joined by the {@link Coupling}. The
 * scene-graph side draws only from the SG-sampling and dropout streams, the generator's noise only from the
 * generator-noise stream (§11.4), so with λ_img = 0 the scene-graph weights do not depend on whether the generator
 * runs.
 */
public final class JointModel extends Module {
    private final SceneGraphModel sg;
    private final ImageGan gan;
    private final TrainConfig cfg;
    private final DType dtype;
    private final Device device;

    /** The SG side initialised from {@code sgInit}, the GAN from {@code ganInit} (separate streams). */
    public JointModel(TrainConfig cfg, DType dtype, Device device, SplittableRandom sgInit, SplittableRandom ganInit) {
        this.cfg = cfg.validate();
        this.dtype = dtype;
        this.device = device;
        this.sg = registerModule("sg", new SceneGraphModel(cfg, dtype, device, sgInit));
        this.gan = registerModule("gan", new ImageGan(cfg.generator(), dtype, device, ganInit));
        int c = cfg.model().roiHeads().numClasses();
        if (c != cfg.generator().objClasses() || cfg.sg().rel().numPredicates() != cfg.generator().predClasses()) {
            throw new IllegalArgumentException("phase 2: the detector has " + c + " classes and "
                    + cfg.sg().rel().numPredicates() + " predicates, the generator " + cfg.generator().objClasses()
                    + " and " + cfg.generator().predClasses() + " (generator.objClasses / generator.predClasses)");
        }
    }

    /** F32 on the CPU; both sides initialised from {@code cfg.seed()} exactly as phases 0 and 1 would. */
    public static JointModel create(TrainConfig cfg) {
        return new JointModel(cfg, DType.F32, Device.cpu(), new SplittableRandom(cfg.seed()),
                new SplittableRandom(cfg.seed()));
    }

    /**
     * Phase 2's start (§11.3): the detector from the phase-0 checkpoint {@code phase2.init}, the GAN from the phase-1
     * checkpoint {@code phase2.initGenerator} (checkpoint folder or run folder; preset, phase and shapes are checked,
     * each failure one line naming the file).
     */
    public static JointModel forPhase2(TrainConfig cfg) {
        String init = cfg.phase2().init();
        String initG = cfg.phase2().initGenerator();
        if (init == null || init.isBlank()) {
            throw new IllegalArgumentException("phase 2 starts from a phase-0 checkpoint: pass --set phase2.init=PATH");
        }
        if (initG == null || initG.isBlank()) {
            throw new IllegalArgumentException("joint phase 2 starts the generator from a phase-1 checkpoint: pass"
                    + " --set phase2.initGenerator=PATH");
        }
        JointModel m = create(cfg);
        PhaseInit.loadDetector(Path.of(init), cfg, m.sg.detector());
        Path dir = Path.of(initG);
        if (!Files.isRegularFile(dir.resolve(Checkpoint.MODEL))) {
            dir = Checkpoint.latest(dir).orElseThrow(() -> new IllegalArgumentException(initG
                    + ": phase2.initGenerator must be a phase-1 checkpoint folder (with " + Checkpoint.MODEL
                    + ") or a run folder with checkpoints, found neither"));
        }
        try {
            Checkpoint.loadModel(dir, cfg, 1, new Phase1Model(m.gan, m.dtype, m.device));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("phase2.initGenerator (a phase-1 checkpoint): " + e.getMessage(), e);
        }
        return m;
    }

    /**
     * A trained joint model from a phase-2 checkpoint folder (or a run folder: its newest checkpoint), with the
     * checkpoint's own config; a checkpoint of another phase, or a scene-graph-only phase-2 checkpoint, is one line.
     */
    public static JointModel fromCheckpoint(Path path) {
        Path dir = path;
        if (!Files.isRegularFile(dir.resolve(Checkpoint.MODEL))) {
            dir = Checkpoint.latest(path).orElseThrow(() -> new IllegalArgumentException(path
                    + ": not a phase-2 checkpoint folder (with " + Checkpoint.MODEL
                    + ") nor a run folder with checkpoints"));
        }
        TrainConfig cfg = org.sgae.train.config.ConfigJson.read(dir.resolve(Checkpoint.CONFIG));
        JointModel m = create(cfg);
        Checkpoint.loadModel(dir, cfg, 2, m.trainable());
        return m;
    }

    public SceneGraphModel sg() {
        return sg;
    }

    public ImageGan gan() {
        return gan;
    }

    public TrainConfig config() {
        return cfg;
    }

    /**
     * One joint forward.
     *
     * @param sgLosses the named losses of L_SG
     * @param graph    the generator's graph (coupled to the SG side through the GradScale nodes)
     * @param target   [B,3,S,S] normalised 64×64 targets
     * @param gen      the generator's output and its weighted losses (L_G = gen.total()), or null when not asked
     */
    public record Forward(Map<String, Tensor> sgLosses, SceneGraph graph, Tensor target, ImageGan.GeneratorStep gen) {
    }

    /** SG forward (train mode) → the coupled graph → G forward with noise from the generator-noise stream. */
    public Forward forward(Batch batch, RandomStreams streams, Coupling.Lambdas lambdas) {
        SceneGraphModel.TrainPass pass = sg.trainPass(batch, streams);
        long t = GenTimer.start();
        SceneGraph g = Coupling.build(gan.generator().vocab(), cfg.generator().maxObjects(),
                CouplingInputs.of(pass.inputs(), pass.output(), cfg.sg().obj().source()),
                cfg.model().roiHeads().boxWeights(), cfg.joint().temperature(), lambdas);
        Tensor target = GtGraphs.targets(batch, cfg.generator().imageSize(), dtype, device);
        Tensor noise = gan.generator().drawNoise(batch.n(), streams.generatorNoise(), target);
        GenTimer.stop(GenTimer.Stage.DATA, t);
        return new Forward(pass.losses(), g, target, gan.generatorLosses(g, target, noise));
    }

    /**
     * Phase 2's factory ({@code PhaseModels}): with {@code phase2.initGenerator} the joint model; without it and with
     * λ_img = 0 the scene-graph side alone (a plain Graph R-CNN); without it and λ_img &gt; 0 one line saying what is
     * missing.
     */
    public static TrainableModel phase2Factory(TrainConfig cfg) {
        String initG = cfg.phase2().initGenerator();
        if (initG != null && !initG.isBlank()) {
            return forPhase2(cfg).trainable();
        }
        if (cfg.joint().lambdaImg() != 0) {
            String init = cfg.phase2().init();
            if (init == null || init.isBlank()) {
                return SceneGraphModel.forPhase2(cfg); // its one line names phase2.init
            }
            throw new IllegalArgumentException("phase 2 with joint.lambdaImg = " + cfg.joint().lambdaImg()
                    + " trains the generator too: pass --set phase2.initGenerator=PATH (a phase-1 checkpoint or run"
                    + " folder), or --set joint.lambdaImg=0 for the scene-graph side alone");
        }
        return SceneGraphModel.forPhase2(cfg);
    }

    /** The trainer's view of a joint model, which {@code TrainRun} can ask for the model. */
    public record Trainable(JointModel model, TrainableModel delegate) implements TrainableModel.Delegating {
    }

    /** This model as a checkpointed model ("sg.…", "gan.…"); its losses are L_SG + L_G at λ_img. */
    public Trainable trainable() {
        return new Trainable(this, TrainableModel.of(this, (b, s) -> {
            Forward f = forward(b, s, Coupling.Lambdas.all(cfg.joint().lambdaImg()));
            Map<String, Tensor> all = new LinkedHashMap<>(f.sgLosses());
            all.putAll(f.gen().losses());
            return all;
        }));
    }
}
