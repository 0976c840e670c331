package org.sgae.train.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ConfigJsonTest {
    private static final TrainConfig CPU = TrainConfig.preset(Preset.CPU);

    @ParameterizedTest
    @EnumSource(Preset.class)
    void everyPresetValidatesAndSurvivesJson(Preset p, @TempDir Path tmp) throws IOException {
        TrainConfig c = TrainConfig.preset(p).validate();
        Path f = tmp.resolve("config.json");
        Files.writeString(f, ConfigJson.toJson(c));
        assertEquals(c, ConfigJson.read(f));
    }

    @Test
    void presetsFollowTheSpec() {
        SolverConfig s0 = Preset.VG.solver(0);
        // §11.1: SGD 0.9, lr 0.01, wd 5e-4, biases 2× without decay, warm-up 500 from lr/3, ×0.1 at 70% and 90%.
        assertEquals(new SolverConfig(0.01, 0.9, 5e-4, 2, 0, 500, 1.0 / 3, List.of(0.7, 0.9), 0.1, 0), s0);
        assertEquals(1e-4, Preset.VG.solver(2).weightDecay()); // §11.3
        assertEquals(new PhaseConfig(100_000, 6), Preset.VG.phase(0));
        assertEquals(new WorldConfig(5000, 128, 1), CPU.world());
    }

    @Test
    void setParsesEachKindOfValue() {
        TrainConfig c = ConfigJson.set(CPU, "detSolver.lr=0.005");
        c = ConfigJson.set(c, "phase0.iters=50");
        c = ConfigJson.set(c, "detSolver.decayAt=0.5,0.8");
        c = ConfigJson.set(c, "model.rpn.proposals.preNmsTopNTrain=300");
        c = ConfigJson.set(c, "preset=vg");
        assertEquals(0.005, c.detSolver().lr());
        assertEquals(50, c.phase0().iters());
        assertEquals(List.of(0.5, 0.8), c.detSolver().decayAt());
        assertEquals(300, c.model().rpn().proposals().preNmsTopNTrain());
        assertEquals(Preset.VG, c.preset());
        assertEquals(CPU.sgSolver(), c.sgSolver(), "other keys keep the preset's values");
    }

    @Test
    void scheduleIsSetByNameAndAnOlderConfigWithoutItReadsAsStep(@TempDir Path tmp) throws IOException {
        assertEquals(SolverConfig.Schedule.STEP, CPU.detSolver().schedule());
        TrainConfig c = ConfigJson.set(CPU, "detSolver.schedule=cosine");
        assertEquals(SolverConfig.Schedule.COSINE, c.detSolver().schedule());
        assertEquals(SolverConfig.Schedule.STEP, c.sgSolver().schedule());
        Path f = tmp.resolve("config.json");
        Files.writeString(f, ConfigJson.toJson(c));
        assertEquals(c, ConfigJson.read(f));
        // a config.json of a run made before the key existed
        Files.writeString(f, ConfigJson.toJson(CPU).replaceAll(",\\s*\"schedule\" : \"STEP\"", ""));
        assertTrue(!Files.readString(f).contains("schedule"), "the test removed every schedule key");
        assertEquals(CPU, ConfigJson.read(f));
        assertThrows(IllegalArgumentException.class, () -> ConfigJson.set(CPU, "detSolver.schedule=sine"));
    }

    @Test
    void unknownKeyIsNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ConfigJson.set(CPU, "detSolver.lrr=1"));
        assertTrue(e.getMessage().startsWith("--set detSolver.lrr: unknown key") && e.getMessage().contains(
                "detSolver.lr,"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ConfigJson.set(CPU, "nosuch.lr=1"));
        assertTrue(e.getMessage().startsWith("--set nosuch.lr: unknown key"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ConfigJson.set(CPU, "detSolver=1"));
        assertTrue(e.getMessage().startsWith("--set detSolver: unknown key"), e.getMessage());
    }

    @Test
    void badValueIsNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ConfigJson.set(CPU, "phase0.iters=many"));
        assertEquals("--set phase0.iters: bad value 'many', expected an integer", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ConfigJson.set(CPU, "preset=tpu"));
        assertTrue(e.getMessage().startsWith("--set preset: bad value 'tpu'"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ConfigJson.set(CPU, "phase0.iters=1e9"));
        assertTrue(e.getMessage().startsWith("--set phase0.iters: bad value"), e.getMessage());
        // well-formed but out of range: validate() names record and field
        e = assertThrows(IllegalArgumentException.class,
                () -> ConfigJson.resolve(null, null, List.of("detSolver.lr=-1")));
        assertEquals("detSolver: SolverConfig.lr: must be finite and > 0, got -1.0", e.getMessage());
    }

    @Test
    void configFileOverlaysThePresetAndErrorsNameFileAndKey(@TempDir Path tmp) throws IOException {
        Path f = tmp.resolve("mine.json");
        Files.writeString(f, "{\"preset\": \"vg\", \"phase0\": {\"iters\": 7}}");
        TrainConfig c = ConfigJson.resolve(null, f, List.of("phase0.batchSize=3"));
        assertEquals(new PhaseConfig(7, 3), c.phase0());
        assertEquals(Preset.VG.solver(0), c.detSolver(), "the file's preset gives the defaults");

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ConfigJson.resolve(Preset.CPU, f, List.of()));
        assertTrue(e.getMessage().startsWith(f + ": key 'preset'"), e.getMessage());

        Files.writeString(f, "{\"phase0\": {\"itres\": 7}}");
        e = assertThrows(IllegalArgumentException.class, () -> ConfigJson.resolve(null, f, List.of()));
        assertEquals(f + ": unknown key 'phase0.itres'", e.getMessage());

        Files.writeString(f, "{\"phase0\": {\"iters\": \"seven\"}}");
        e = assertThrows(IllegalArgumentException.class, () -> ConfigJson.resolve(null, f, List.of()));
        assertTrue(e.getMessage().startsWith(f + ": key 'phase0.iters': expected an integer"), e.getMessage());
    }
}
