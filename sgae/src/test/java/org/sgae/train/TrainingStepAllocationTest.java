package org.sgae.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.sgae.data.pipeline.Batch;
import org.sgae.examples.ShapesData;
import org.sgae.tensor.memory.CpuPool;
import org.sgae.train.config.Preset;
import org.sgae.train.config.TrainConfig;

/**
 * The trainer's step (losses, the loss read, backward, sync, clip, SGD) must not allocate fresh CPU arrays once warm:
 * everything a step makes lives in its MemoryScope and goes back to the pool, so a leak or a per-step allocation
 * outside the pool's reach shows up as a pool miss.
 */
class TrainingStepAllocationTest {
    private static final int BATCH = 8;
    /** Steps that may allocate: the first creates momentum buffers, gradients and the pool's free lists. */
    private static final int WARMUP_STEPS = 3;
    private static final int MEASURED_STEPS = 10;

    @Test
    void warmStepsTakeOnlyRecycledArrays() {
        TrainConfig cpu = TrainConfig.preset(Preset.CPU);
        // Clipping on, so its norm computation is measured too.
        TrainConfig cfg = cpu.withDetSolver(cpu.detSolver().withClipNorm(1));
        TrainableModel model = TinyModels.model(TinyModels.net(1));
        Solver solver = Solver.sgd(cfg.detSolver(), model.namedParameters(), cfg.phase0().iters());
        Trainer trainer = new Trainer(model, solver, GradientSync.LOCAL, cfg, 0, null);
        ShapesData data = ShapesData.generate(BATCH, 2);
        int[] order = new int[BATCH];
        for (int i = 0; i < BATCH; i++) {
            order[i] = i;
        }
        Batch b = TinyModels.batch(data, order, 0, BATCH);
        int it = 0;
        for (; it < WARMUP_STEPS; it++) {
            assertTrue(trainer.step(b, it, true).applied());
        }
        long[] warm = CpuPool.hitsAndMisses();
        for (; it < WARMUP_STEPS + MEASURED_STEPS; it++) {
            assertTrue(trainer.step(b, it, it % 2 == 0).applied()); // log and non-log steps alike
        }
        long[] after = CpuPool.hitsAndMisses();
        assertTrue(after[0] > warm[0], "the steps did take pooled arrays (the check is not vacuous)");
        assertEquals(warm[1], after[1], "warm training steps allocated fresh pooled arrays");
    }
}
