package org.sgae.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sgae.data.pipeline.Batch;
import org.sgae.model.generator.Phase1Model;
import org.sgae.model.generator.Reconstruction;
import org.sgae.tensor.Tensor;
import org.sgae.tensor.memory.MemoryScope;
import org.sgae.train.config.TrainConfig;

/**
 * A batch whose pixels are NaN makes L_G non-finite: the iteration is skipped (nothing applied, the BN statistics
 * the forward pass moved put back) and the run log says so with the step. Also: GT reconstructions do not depend on
 * the batch an image is in (eval-mode BN, per-image noise seed).
 */
class Phase1SkipTest {
    @Test
    void nonFiniteLossSkipsTheIterationAndLogsIt(@TempDir Path tmp) throws IOException {
        TrainConfig cfg = Phase1TrainingTest.tinyConfig(2).withRun(new org.sgae.train.config.RunConfig(1, 100, 1));
        Path world = SyntheticWorlds.ensure(cfg.world(), tmp.resolve("worlds"), Phase1TrainingTest.QUIET);
        BatchSource data = BatchSource.of(TrainRun.trainSet(cfg, 1, world), TrainRun.loader(cfg, 8));
        Iterator<Batch> it = data.from(0);
        Batch good = it.next();
        BatchSource.closeIfNeeded(it);
        float[] nan = good.images().clone();
        java.util.Arrays.fill(nan, 0, 100, Float.NaN);
        Batch bad = new Batch(nan, good.n(), good.height(), good.width(), good.imageHeights(), good.imageWidths(),
                good.scales(), good.imageIds(), good.objectOffsets(), good.labels(), good.boxes(), good.relOffsets(),
                good.relations());

        Phase1Model model = Phase1Model.forPhase1(cfg);
        Map<String, float[]> before = state(model);
        Phase1Trainer trainer = new Phase1Trainer(model, cfg, tmp.resolve("run"));
        trainer.run(iteration -> java.util.List.of(bad, bad).iterator(), 0,
                Progress.console("nan", 0, 2, Phase1TrainingTest.QUIET));
        assertEquals(2, trainer.skipped());
        Map<String, float[]> after = state(model);
        before.forEach((k, v) -> assertArrayEquals(v, after.get(k), k + " untouched by skipped steps"));
        String log = Files.readString(tmp.resolve("run").resolve(RunLog.FILE));
        assertTrue(log.contains("{\"phase\":1,\"iter\":1,\"skipped\":\"L_G NaN\"}"), log);
        assertTrue(log.contains("{\"phase\":1,\"iter\":2,\"skipped\":\"L_G NaN\"}"), log);

        // and a good batch trains
        assertTrue(trainer.step(good, 2, true).applied());
        assertFalse(java.util.Arrays.equals(before.get("generator.crn.head.2.bias"),
                state(model).get("generator.crn.head.2.bias")));
    }

    @Test
    void reconstructionDoesNotDependOnTheBatch(@TempDir Path tmp) {
        TrainConfig cfg = Phase1TrainingTest.tinyConfig(1);
        Path world = SyntheticWorlds.ensure(cfg.world(), tmp.resolve("worlds"), Phase1TrainingTest.QUIET);
        Iterator<Batch> two = BatchSource.of(TrainRun.trainSet(cfg, 1, world), TrainRun.loader(cfg, 2)
                .withShuffle(false)).from(0);
        Iterator<Batch> one = BatchSource.of(TrainRun.trainSet(cfg, 1, world), TrainRun.loader(cfg, 1)
                .withShuffle(false)).from(0);
        Batch pair = two.next();
        Batch first = one.next();
        BatchSource.closeIfNeeded(two);
        BatchSource.closeIfNeeded(one);
        assertEquals(pair.imageIds()[0], first.imageIds()[0]);
        Phase1Model model = Phase1Model.forPhase1(cfg);
        try (MemoryScope scope = MemoryScope.open()) {
            for (Reconstruction.Mode mode : Reconstruction.Mode.values()) {
                Tensor a = Reconstruction.reconstruct(model.gan().generator(), pair, mode, 3).images();
                Tensor b = Reconstruction.reconstruct(model.gan().generator(), first, mode, 3).images();
                float[] x = a.narrow(0, 0, 1).contiguous().toFloatArray();
                float[] y = b.toFloatArray();
                // Same arithmetic per image except the conv kernels' batch blocking: a few float ulps.
                for (int k = 0; k < y.length; k++) {
                    assertEquals(y[k], x[k], 1e-4 * (1 + Math.abs(y[k])), mode + " value " + k);
                }
                assertTrue(model.gan().generator().isTraining(), "reconstruction restores train mode");
            }
        }
    }

    private static Map<String, float[]> state(Phase1Model m) {
        Map<String, float[]> out = new LinkedHashMap<>();
        m.stateDict().forEach((k, v) -> out.put(k, v.toFloatArray()));
        return out;
    }
}
