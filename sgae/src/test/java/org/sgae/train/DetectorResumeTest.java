package org.sgae.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sgae.model.detector.DetectorModel;
import org.sgae.train.config.ConfigJson;
import org.sgae.train.config.Preset;
import org.sgae.train.config.TrainConfig;

/**
 * Issue 11's exact-resume test on the detector itself (CPU backend): the cpu preset's model on a tiny synthetic
 * world, trained K steps, checkpointed, then continued from that checkpoint by a fresh model, solver and trainer (what
 * a new process does), equals the uninterrupted 2K-step run in every tensor of the model's state dict and the
 * optimiser's (parameters and momentum; the preset detector has no buffers — its backbone's batch norm is off by
 * default — and any it gains are compared too, since the snapshot takes whole state dicts), bit for bit. The sampled
 * anchors and ROIs, the dropout masks and the data order all come from (seed, iteration) streams, so nothing but the
 * checkpoint can carry state across the cut.
 */
class DetectorResumeTest {
    private static final int K = 4; // with 2 images a batch the cut and the end fall in different epochs
    private static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());
    @TempDir
    static Path tmp;
    private static TrainConfig cfg;
    private static Path world;

    @BeforeAll
    static void tinyWorld() {
        // Only the world, batch and schedule are small; the model is the cpu preset's. Checkpoints at K and 2K.
        cfg = ConfigJson.resolve(Preset.CPU, null, List.of("world.images=16", "world.size=64",
                "phase0.batchSize=2", "phase0.iters=" + 2 * K, "run.checkpointEvery=" + K, "run.logEvery=" + K));
        world = SyntheticWorlds.ensure(cfg.world(), tmp.resolve("worlds"), QUIET);
    }

    private record Run(DetectorModel model, Solver solver, Trainer trainer) {
    }

    /** A fresh detector initialised from {@code initSeed}, trained under {@code cfg} (its seed drives the streams). */
    private static Run fresh(long initSeed, Path runDir) {
        DetectorModel model = DetectorModel.create(cfg.withSeed(initSeed));
        Solver solver = Solver.sgd(cfg.detSolver(), model.trainable().namedParameters(), cfg.phase0().iters());
        return new Run(model, solver, new Trainer(model.trainable(), solver, GradientSync.LOCAL, cfg, 0, runDir));
    }

    private static BatchSource data() {
        return BatchSource.of(TrainRun.trainSet(cfg, 0, world), TrainRun.loader(cfg, cfg.phase0().batchSize()));
    }

    private static Map<String, float[]> snapshot(Run r) {
        return StateBits.snapshot(r.model().trainable(), r.solver());
    }

    @Test
    void resumedDetectorEqualsTheUninterruptedRunBitForBit() throws IOException {
        Run whole = fresh(cfg.seed(), tmp.resolve("whole"));
        Map<String, float[]> init = snapshot(whole);
        whole.trainer().run(data(), 0, Progress.console("whole", 0, 2 * K, QUIET));
        Map<String, float[]> uninterrupted = snapshot(whole);

        Path atK = Checkpoint.list(tmp.resolve("whole")).get(0);
        assertEquals("iter-0000000" + K, atK.getFileName().toString());
        StateBits.seedRunWith(atK, tmp.resolve("resumed"));
        // Initialised from another seed: a tensor the checkpoint failed to restore would show as a difference.
        Run resumed = fresh(cfg.seed() + 1, tmp.resolve("resumed"));
        assertEquals(K, resumed.trainer().resumeFromLatest());
        resumed.trainer().run(data(), K, Progress.console("resumed", K, 2 * K, QUIET));

        StateBits.assertBitEqual(uninterrupted, snapshot(resumed));
        // Not vacuous: training moved every parameter and momentum buffer away from its start.
        uninterrupted.forEach((name, v) -> {
            if (init.containsKey(name) && !name.endsWith("num_batches_tracked")) {
                assertFalse(Arrays.equals(init.get(name), v), "training left " + name + " unchanged");
            }
        });
    }
}
