package org.sgae.train;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sgae.data.pipeline.Batch;
import org.sgae.model.generator.Phase1Model;
import org.sgae.model.generator.Reconstruction;
import org.sgae.tensor.Tensor;
import org.sgae.tensor.memory.MemoryScope;
import org.sgae.train.config.ConfigJson;
import org.sgae.train.config.GeneratorConfig;
import org.sgae.train.config.Preset;
import org.sgae.train.config.TrainConfig;

/**
 * A short phase 1 on a tiny world: after training, the GT-mode reconstructions of the training images (eval mode,
 * fixed noise) are much closer to their targets than the mean image is (eval-spec §7's L1 on [0,1] pixels).
 */
class Phase1TrainingTest {
    static final PrintStream QUIET = new PrintStream(new ByteArrayOutputStream());

    /** The cpu preset with a tiny world, batch and generator (CRN to 32², D_g 16), Adam lr 2e-3 for a short run. */
    static TrainConfig tinyConfig(int iters) {
        TrainConfig cfg = ConfigJson.resolve(Preset.CPU, null, List.of("world.images=16", "world.size=64",
                "phase1.batchSize=8", "phase1.iters=" + iters, "run.logEvery=5", "run.checkpointEvery=5"));
        GeneratorConfig g = cfg.generator().withArch(16, 32, 2, 2, List.of(32, 16, 16, 16), List.of(8, 16, 16), 32)
                .withAdam(new GeneratorConfig.AdamConfig(2e-3, 0.9, 0.999, 1e-8));
        return cfg.withGenerator(g).validate();
    }

    @Test
    void shortPhase1BeatsTheMeanImage(@TempDir Path tmp) {
        TrainConfig cfg = tinyConfig(120);
        Path world = SyntheticWorlds.ensure(cfg.world(), tmp.resolve("worlds"), QUIET);
        BatchSource data = BatchSource.of(TrainRun.trainSet(cfg, 1, world),
                TrainRun.loader(cfg, cfg.phase1().batchSize()).withShuffle(false));
        Phase1Model model = Phase1Model.forPhase1(cfg);
        Phase1Trainer trainer = new Phase1Trainer(model, cfg, null);
        List<Batch> all = new ArrayList<>();
        Iterator<Batch> it = data.from(0);
        all.add(it.next());
        all.add(it.next());
        model.train();
        for (int i = 0; i < cfg.phase1().iters(); i++) {
            GanStepResult r = trainer.step(all.get(i % 2), i, false);
            assertTrue(r.applied(), "step " + i + " applied: " + r.skipReason());
        }
        BatchSource.closeIfNeeded(it);
        double recon = 0;
        List<double[]> targets = new ArrayList<>();
        List<double[]> recons = new ArrayList<>();
        try (MemoryScope scope = MemoryScope.open()) {
            for (Batch b : all) {
                Reconstruction.Result r = Reconstruction.reconstruct(model.gan().generator(), b,
                        Reconstruction.Mode.GT, 7);
                Tensor x = Reconstruction.pixels(r.images());
                Tensor y = Reconstruction.pixels(r.targets());
                for (double v : Reconstruction.meanAbsoluteError(x, y)) {
                    recon += v;
                }
                split(y, targets);
                split(x, recons);
            }
        }
        recon /= targets.size();
        double[] mean = new double[targets.get(0).length];
        for (double[] t : targets) {
            for (int k = 0; k < mean.length; k++) {
                mean[k] += t[k] / targets.size();
            }
        }
        double meanL1 = 0;
        for (double[] t : targets) {
            double s = 0;
            for (int k = 0; k < mean.length; k++) {
                s += Math.abs(t[k] - mean[k]);
            }
            meanL1 += s / mean.length / targets.size();
        }
        String msg = String.format(Locale.ROOT, "GT reconstruction L1 %.4f vs mean image %.4f", recon, meanL1);
        System.out.println(msg);
        assertTrue(recon < 0.75 * meanL1, msg);
    }

    private static void split(Tensor images, List<double[]> out) {
        double[] v = images.toDoubleArray();
        int per = v.length / images.dim(0);
        for (int i = 0; i < images.dim(0); i++) {
            out.add(java.util.Arrays.copyOfRange(v, i * per, (i + 1) * per));
        }
    }
}
