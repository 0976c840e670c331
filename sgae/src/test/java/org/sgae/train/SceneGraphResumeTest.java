package org.sgae.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sgae.model.relation.SceneGraphModel;
import org.sgae.model.relation.TinySg;
import org.sgae.train.config.TrainConfig;

/**
 * Exact resume of phase 2 (the scene-graph side with λ_img = 0) on the CPU backend, as DetectorResumeTest does for
 * phase 0: K steps, a checkpoint, then a fresh model (another init seed), solver and trainer continue from it and end
 * bit-equal to the uninterrupted 2K-step run in every parameter and momentum buffer. The duplicate-relation draws, the
 * anchor/ROI samples and dropout come from (seed, iteration) streams. Also: phase 2 starts from a phase-0 checkpoint
 * ({@code phase2.init}), and one of another shape is refused with one line naming the file and tensor.
 */
class SceneGraphResumeTest {
    private static final int K = 3;
    @TempDir
    static Path tmp;
    private static TrainConfig cfg;
    private static Path world;

    @BeforeAll
    static void tinyWorld() {
        cfg = TinySg.config(12, 2 * K, 2, List.of("run.checkpointEvery=" + K, "run.logEvery=" + K));
        world = TinySg.world(cfg, tmp.resolve("worlds"));
    }

    private record Run(SceneGraphModel model, Solver solver, Trainer trainer) {
    }

    private static Run fresh(long initSeed, Path runDir) {
        SceneGraphModel model = SceneGraphModel.create(cfg.withSeed(initSeed));
        Solver solver = Solver.sgd(cfg.sgSolver(), model.trainable().namedParameters(), cfg.phase2().iters());
        return new Run(model, solver, new Trainer(model.trainable(), solver, GradientSync.LOCAL, cfg, 2, runDir));
    }

    private static BatchSource data() {
        return BatchSource.of(TrainRun.trainSet(cfg, 2, world), TrainRun.loader(cfg, cfg.phase2().batchSize()));
    }

    @Test
    void resumedSceneGraphRunEqualsTheUninterruptedRunBitForBit() throws IOException {
        Run whole = fresh(cfg.seed(), tmp.resolve("whole"));
        Map<String, float[]> init = StateBits.snapshot(whole.model().trainable(), whole.solver());
        whole.trainer().run(data(), 0, Progress.console("whole", 0, 2 * K, TinySg.QUIET));
        Map<String, float[]> uninterrupted = StateBits.snapshot(whole.model().trainable(), whole.solver());

        Path atK = Checkpoint.list(tmp.resolve("whole")).get(0);
        StateBits.seedRunWith(atK, tmp.resolve("resumed"));
        Run resumed = fresh(cfg.seed() + 1, tmp.resolve("resumed"));
        assertEquals(K, resumed.trainer().resumeFromLatest());
        resumed.trainer().run(data(), K, Progress.console("resumed", K, 2 * K, TinySg.QUIET));

        StateBits.assertBitEqual(uninterrupted, StateBits.snapshot(resumed.model().trainable(), resumed.solver()));
        // Not vacuous: training moved every parameter (detector and relation stage) away from its start.
        uninterrupted.forEach((name, v) -> {
            if (init.containsKey(name)) {
                assertFalse(Arrays.equals(init.get(name), v), "training left " + name + " unchanged");
            }
        });
        assertTrue(uninterrupted.keySet().stream().anyMatch(k -> k.startsWith("model.relation.gcn.")));
    }

    @Test
    void phaseTwoStartsFromAPhaseZeroCheckpointAndRefusesAnotherShape() {
        // a phase-0 checkpoint of the same detector
        org.sgae.model.detector.DetectorModel det = org.sgae.model.detector.DetectorModel.create(cfg.withSeed(77));
        Solver s0 = Solver.sgd(cfg.detSolver(), det.trainable().namedParameters(), 1);
        Path p0 = Checkpoint.save(tmp.resolve("p0"), cfg, 0, 1, det.trainable(), s0);
        TrainableModel sg = SceneGraphModel.forPhase2(cfg.withPhase2(cfg.phase2().withInit(p0.toString())));
        float[] want = det.detector().backbone().namedParameters().values().iterator().next().data().toFloatArray();
        float[] got = sg.namedParameters().get("detector." + det.detector().namedParameters().keySet().iterator()
                .next()).data().toFloatArray();
        assertTrue(Arrays.equals(want, got), "the detector's weights come from the checkpoint");
        // the run folder works too (its newest checkpoint)
        SceneGraphModel.forPhase2(cfg.withPhase2(cfg.phase2().withInit(tmp.resolve("p0").toString())));
        // another shape: one line naming the file and the tensor
        TrainConfig wider = cfg.withModel(TinySg.detector(cfg.model().roiHeads().numClasses())
                .withRoiHeads(cfg.model().roiHeads().withHead(3, 32, 0, cfg.model().roiHeads().numClasses())));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SceneGraphModel.forPhase2(
                wider.withPhase2(wider.phase2().withInit(p0.toString()))));
        assertTrue(e.getMessage().contains("model.safetensors") && e.getMessage().contains("expected shape")
                && !e.getMessage().contains("\n"), e.getMessage());
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
                () -> SceneGraphModel.forPhase2(cfg));
        assertTrue(none.getMessage().contains("phase2.init"), none.getMessage());
        assertFalse(none.getMessage().contains("\n"));
    }
}
