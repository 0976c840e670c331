package org.sgae.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sgae.model.detector.DetectorModel;
import org.sgae.model.generator.Phase1Model;
import org.sgae.train.config.TrainConfig;

/**
 * Phase 1 resumed from a checkpoint at K equals the uninterrupted 2K-step run bit for bit: the GAN's parameters and
 * BN running statistics and all three Adam states. Also: a phase-1 checkpoint offered to phase 0 (and the reverse) is
 * one clear line naming the phases.
 */
class Phase1ResumeTest {
    private static final int K = 3;
    @TempDir
    static Path tmp;
    private static TrainConfig cfg;
    private static Path world;

    @BeforeAll
    static void tinyWorld() {
        cfg = Phase1TrainingTest.tinyConfig(2 * K).withRun(new org.sgae.train.config.RunConfig(K, K, 3));
        world = SyntheticWorlds.ensure(cfg.world(), tmp.resolve("worlds"), Phase1TrainingTest.QUIET);
    }

    private static BatchSource data() {
        return BatchSource.of(TrainRun.trainSet(cfg, 1, world), TrainRun.loader(cfg, cfg.phase1().batchSize()));
    }

    private static Map<String, float[]> snapshot(Phase1Model m, Phase1Trainer t) {
        Map<String, float[]> out = new LinkedHashMap<>();
        m.stateDict().forEach((k, v) -> out.put("model." + k, v.toFloatArray()));
        t.optimizers().forEach((n, o) -> o.stateDict().forEach((k, v) -> out.put(n + "." + k, v.toFloatArray())));
        return out;
    }

    @Test
    void resumedPhase1EqualsTheUninterruptedRunBitForBit() throws IOException {
        Phase1Model whole = Phase1Model.forPhase1(cfg);
        Phase1Trainer wt = new Phase1Trainer(whole, cfg, tmp.resolve("whole"));
        Map<String, float[]> init = snapshot(whole, wt);
        wt.run(data(), 0, Progress.console("whole", 0, 2 * K, Phase1TrainingTest.QUIET));
        Map<String, float[]> uninterrupted = snapshot(whole, wt);

        Path atK = Checkpoint.list(tmp.resolve("whole")).get(0);
        assertEquals("iter-0000000" + K, atK.getFileName().toString());
        StateBits.seedRunWith(atK, tmp.resolve("resumed"));
        // Initialised from another seed: a tensor the checkpoint failed to restore would show as a difference.
        Phase1Model resumed = Phase1Model.forPhase1(cfg.withSeed(cfg.seed() + 1));
        Phase1Trainer rt = new Phase1Trainer(resumed, cfg, tmp.resolve("resumed"));
        assertEquals(K, rt.resumeFromLatest());
        rt.run(data(), K, Progress.console("resumed", K, 2 * K, Phase1TrainingTest.QUIET));

        StateBits.assertBitEqual(uninterrupted, snapshot(resumed, rt));
        // Not vacuous: every parameter moved and the BN statistics of all three nets are in the state.
        for (String k : init.keySet()) {
            if (k.startsWith("model.") && k.endsWith("weight")) {
                assertFalse(Arrays.equals(init.get(k), uninterrupted.get(k)), k + " moved");
            }
        }
        for (String part : new String[] {"generator.crn", "dImg", "dObj"}) {
            assertTrue(uninterrupted.keySet().stream().anyMatch(k -> k.startsWith("model." + part)
                    && k.endsWith("running_var")), part + " BN statistics are checkpointed");
        }
        for (String opt : new String[] {"g.", "dImg.", "dObj."}) {
            assertTrue(uninterrupted.keySet().stream().anyMatch(k -> k.startsWith(opt)), opt + " Adam state saved");
        }
        String log = Files.readString(tmp.resolve("whole").resolve(RunLog.FILE));
        assertTrue(log.contains("\"d_img\"") && log.contains("\"l1\""), "run log lines carry G and D losses");
    }

    @Test
    void aCheckpointOfAnotherPhaseIsOneClearLine() throws IOException {
        Path run = tmp.resolve("p1");
        Phase1Model m = Phase1Model.forPhase1(cfg);
        Phase1Trainer t = new Phase1Trainer(m, cfg, run);
        Path dir = Checkpoint.save(run, cfg, 1, 1, m, t.optimizers());
        DetectorModel det = DetectorModel.create(cfg);
        Solver solver = Solver.sgd(cfg.detSolver(), det.trainable().namedParameters(), 10);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Checkpoint.load(dir, cfg, 0, det.trainable(), solver));
        assertEquals(dir.resolve(Checkpoint.STATE) + ": checkpoint of phase 1, this run is phase 0", e.getMessage());

        Path p0 = Checkpoint.save(tmp.resolve("p0"), cfg, 0, 1, det.trainable(), solver);
        IllegalArgumentException r = assertThrows(IllegalArgumentException.class,
                () -> Checkpoint.load(p0, cfg, 1, m, t.optimizers()));
        assertEquals(p0.resolve(Checkpoint.STATE) + ": checkpoint of phase 0, this run is phase 1", r.getMessage());
        assertFalse(r.getMessage().contains("\n"));
    }
}
