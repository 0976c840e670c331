package org.sgae.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sgae.model.joint.JointModel;
import org.sgae.model.relation.SceneGraphModel;
import org.sgae.model.relation.TinySg;
import org.sgae.model.generator.TinyGen;
import org.sgae.train.config.TrainConfig;

/**
 * Phase 2 joint training on the CPU backend (fixed threads), tiny config:
 * <ul>
 *   <li>λ_img = 0: the scene-graph weights and momenta after a few steps are bit-identical to those of the
 *       scene-graph-only trainer (model-spec §11.4: the generator draws from its own streams, and λ = 0 detaches);</li>
 *   <li>λ_img = 1: a run resumed from a checkpoint ends bit-equal to the uninterrupted run in every tensor of both
 *       sides and all four optimisers;</li>
 *   <li>λ_img = 1 moves the scene-graph weights away from the λ_img = 0 run (the coupling is not a no-op).</li>
 * </ul>
 */
class JointTrainerTest {
    private static final int K = 2;
    @TempDir
    static Path tmp;
    private static TrainConfig cfg;
    private static Path world;

    @BeforeAll
    static void tinyWorld() {
        cfg = TinySg.config(8, 2 * K, 2, List.of("run.checkpointEvery=" + K, "run.logEvery=" + K))
                .withGenerator(TinyGen.config()).validate();
        world = TinySg.world(cfg, tmp.resolve("worlds"));
    }

    private static BatchSource data(TrainConfig c) {
        return BatchSource.of(TrainRun.trainSet(c, 2, world), TrainRun.loader(c, c.phase2().batchSize()));
    }

    private static Map<String, float[]> sgState(SceneGraphModel m, org.sgae.nn.optim.Optimizer sgd) {
        Map<String, float[]> out = new LinkedHashMap<>();
        m.stateDict().forEach((k, v) -> out.put("model." + k, v.toFloatArray()));
        sgd.stateDict().forEach((k, v) -> out.put("optim." + k, v.toFloatArray()));
        return out;
    }

    private static Map<String, float[]> jointState(JointModel m, JointTrainer t) {
        Map<String, float[]> out = new LinkedHashMap<>();
        m.stateDict().forEach((k, v) -> out.put("model." + k, v.toFloatArray()));
        t.optimizers().forEach((n, o) -> o.stateDict().forEach((k, v) -> out.put(n + "." + k, v.toFloatArray())));
        return out;
    }

    @Test
    void lambdaZeroGivesBitIdenticalSceneGraphWeightsWithOrWithoutTheGenerator() {
        TrainConfig c0 = cfg.withJoint(cfg.joint().withLambdaImg(0));
        // the scene-graph side alone (plain Graph R-CNN), initialised as JointModel.create initialises its SG side
        SceneGraphModel alone = SceneGraphModel.create(c0);
        Solver solver = Solver.sgd(c0.sgSolver(), alone.trainable().namedParameters(), c0.phase2().iters());
        Trainer plain = new Trainer(alone.trainable(), solver, GradientSync.LOCAL, c0, 2, tmp.resolve("plain"));
        plain.run(data(c0), 0, Progress.console("plain", 0, 2 * K, TinySg.QUIET));

        JointModel joint = JointModel.create(c0);
        Map<String, float[]> ganBefore = new LinkedHashMap<>();
        joint.gan().stateDict().forEach((k, v) -> ganBefore.put(k, v.toFloatArray()));
        JointTrainer jt = new JointTrainer(joint, c0, tmp.resolve("joint0"));
        jt.run(data(c0), 0, Progress.console("joint", 0, 2 * K, TinySg.QUIET));

        StateBits.assertBitEqual(sgState(alone, solver.optimizer()),
                sgState(joint.sg(), jt.optimizers().get(JointTrainer.SG)));
        // not vacuous: the generator did train meanwhile
        Map<String, float[]> ganAfter = new LinkedHashMap<>();
        joint.gan().stateDict().forEach((k, v) -> ganAfter.put(k, v.toFloatArray()));
        assertTrue(ganAfter.entrySet().stream().anyMatch(e -> !Arrays.equals(e.getValue(), ganBefore.get(e.getKey()))),
                "the generator's weights moved");
        assertEquals(0, jt.skipped());
    }

    @Test
    void resumedJointRunEqualsTheUninterruptedRunAndLambdaOneReachesTheSceneGraph() throws IOException {
        JointModel whole = JointModel.create(cfg);
        JointTrainer wt = new JointTrainer(whole, cfg, tmp.resolve("whole"));
        wt.run(data(cfg), 0, Progress.console("whole", 0, 2 * K, TinySg.QUIET));
        Map<String, float[]> uninterrupted = jointState(whole, wt);

        Path atK = Checkpoint.list(tmp.resolve("whole")).get(0);
        StateBits.seedRunWith(atK, tmp.resolve("resumed"));
        JointModel again = new JointModel(cfg, org.sgae.tensor.DType.F32, org.sgae.tensor.Device.cpu(),
                new java.util.SplittableRandom(99), new java.util.SplittableRandom(98));
        JointTrainer rt = new JointTrainer(again, cfg, tmp.resolve("resumed"));
        assertEquals(K, rt.resumeFromLatest());
        rt.run(data(cfg), K, Progress.console("resumed", K, 2 * K, TinySg.QUIET));
        StateBits.assertBitEqual(uninterrupted, jointState(again, rt));
        assertTrue(uninterrupted.keySet().stream().anyMatch(k -> k.startsWith("dObj.")), "D_obj's Adam is saved");

        // λ_img = 1 differs from λ_img = 0 on the scene-graph side (the coupling's gradient arrives)
        TrainConfig c0 = cfg.withJoint(cfg.joint().withLambdaImg(0));
        JointModel zero = JointModel.create(c0);
        new JointTrainer(zero, c0, tmp.resolve("zero")).run(data(c0), 0,
                Progress.console("zero", 0, 2 * K, TinySg.QUIET));
        float[] a = zero.sg().relation().namedParameters().values().iterator().next().data().toFloatArray();
        float[] b = whole.sg().relation().namedParameters().values().iterator().next().data().toFloatArray();
        assertFalse(Arrays.equals(a, b), "λ_img = 1 changed the relation stage's training");
    }

    @Test
    void aNonFiniteGeneratorLossSkipsTheWholeStepAndLogsIt() throws IOException {
        JointModel m = JointModel.create(cfg);
        // one NaN in the CRN's head bias makes every pixel, hence L_G, NaN
        org.sgae.nn.Parameter bias = m.gan().namedParameters().get("generator.crn.head.2.bias");
        bias.data().cpu().f32()[bias.data().offset()] = Float.NaN;
        Map<String, float[]> before = new LinkedHashMap<>();
        m.stateDict().forEach((k, x) -> before.put(k, x.toFloatArray()));
        JointTrainer t = new JointTrainer(m, cfg, tmp.resolve("nan"));
        java.util.Iterator<org.sgae.data.pipeline.Batch> it = data(cfg).from(0);
        GanStepResult r = t.step(it.next(), 0, false);
        BatchSource.closeIfNeeded(it);
        assertFalse(r.applied());
        assertTrue(r.skipReason().contains("L_G NaN"), r.skipReason());
        Map<String, float[]> after = new LinkedHashMap<>();
        m.stateDict().forEach((k, x) -> after.put(k, x.toFloatArray()));
        StateBits.assertBitEqual(before, after); // parameters and BN statistics untouched
        assertEquals(1, t.skipped());
    }
}
