package org.sgae.train.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The committed short-run setting ({@code configs/cpu-phase0-3min.json}, the README's ≤ 3-minute phase-0 row) loads
 * through the command line's path and is the cpu preset with exactly the changes the README describes.
 */
class ShortRunConfigTest {
    // surefire runs in the module folder; the configs live at the repository root
    private static final Path FILE = Path.of("..", "configs", "cpu-phase0-3min.json");

    @Test
    void isTheCpuPresetWithoutRoiDropoutAtTwiceTheLrFor2000Iterations() {
        assertTrue(Files.isRegularFile(FILE), "missing " + FILE.toAbsolutePath());
        TrainConfig c = ConfigJson.resolve(null, FILE, List.of());
        TrainConfig expected = TrainConfig.preset(Preset.CPU);
        for (String s : List.of("phase0.iters=2000", "detSolver.lr=0.04", "model.roiHeads.dropout=0",
                "run.checkpointEvery=500")) {
            expected = ConfigJson.set(expected, s);
        }
        assertEquals(expected, c);
        assertEquals(Preset.CPU, c.preset());
        assertEquals(SolverConfig.Schedule.STEP, c.detSolver().schedule());
    }

    @Test
    void commandLineSetsStillOverrideIt() {
        TrainConfig c = ConfigJson.resolve(null, FILE, List.of("phase0.iters=1800", "seed=7"));
        assertEquals(1800, c.phase0().iters());
        assertEquals(7, c.seed());
        assertEquals(0.0, c.model().roiHeads().dropout());
    }
}
