package org.sgae.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sgae.nn.Conv2d;
import org.sgae.tensor.ops.Reduce;
import org.sgae.train.config.PhaseConfig;
import org.sgae.train.config.Preset;
import org.sgae.train.config.RunConfig;
import org.sgae.train.config.TrainConfig;
import org.sgae.train.config.WorldConfig;

/** The path the detector will take: a cached synthetic world, VG-layout batches, a phase run, then a resume. */
class TrainRunTest {
    private static final WorldConfig WORLD = new WorldConfig(12, 32, 3);
    private static final int BATCH = 2;

    /** A one-conv "model" whose loss is the mean squared response to the batch's images. */
    private static TrainableModel tinyModel(TrainConfig cfg) {
        Conv2d conv = Conv2d.builder(3, 4, 3).padding(1).build(new SplittableRandom(cfg.seed()));
        return TrainableModel.of(conv, (b, s) -> {
            var y = conv.forward(b.imagesTensor());
            return Map.of("l2", Reduce.meanAll(y.mul(y)));
        });
    }

    @Test
    void phaseRunsOnTheWorldAndResumesToALongerSchedule(@TempDir Path tmp) throws IOException {
        Path data = SyntheticWorlds.ensure(WORLD, tmp.resolve("worlds"), new PrintStream(new ByteArrayOutputStream()));
        TrainConfig cpu = TrainConfig.preset(Preset.CPU);
        TrainConfig cfg = cpu.withWorld(WORLD).withPhase0(new PhaseConfig(4, BATCH)).withRun(new RunConfig(2, 2, 3));
        Path out = tmp.resolve("run");
        TrainRun.prepareFolder(out, false);
        TrainRun.saveConfig(out, cfg);
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        Trainer.Summary s = TrainRun.run(cfg, 0, TrainRunTest::tinyModel, data, out, false, new PrintStream(console));
        assertEquals(4, s.iteration());
        assertEquals(List.of("iter-00000002", "iter-00000004"),
                Checkpoint.list(out).stream().map(p -> p.getFileName().toString()).toList());
        assertEquals(2, Files.readAllLines(out.resolve(RunLog.FILE)).size());

        TrainConfig longer = cfg.withPhase0(cfg.phase0().withIters(6));
        console.reset();
        s = TrainRun.run(longer, 0, TrainRunTest::tinyModel, data, out, true, new PrintStream(console));
        assertEquals(6, s.iteration());
        assertTrue(console.toString().startsWith("resuming at iteration 4"), console.toString());
        assertEquals(3, Files.readAllLines(out.resolve(RunLog.FILE)).size(), "the resumed run appends to the log");
    }
}
