package org.sgae.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.sgae.train.config.ConfigJson;
import org.sgae.train.config.Preset;
import org.sgae.train.config.TrainConfig;

class MainTest {
    private static CliRun run(String... args) {
        return CliRun.of(args);
    }

    private static void assertOneLineError(CliRun r, String... mustContain) {
        r.assertOneLineError(mustContain);
    }

    @Test
    void trainResolvesPrintsAndSavesTheConfigBeforeTheModelRefusesAMissingInit(@TempDir Path tmp) {
        Path out = tmp.resolve("run");
        CliRun r = run("train", "--phase", "2", "--out", out.toString(), "--set", "detSolver.lr=0.005",
                "--set", "phase0.iters=40");
        // phase 2 without its phase-0 checkpoint: the config is resolved and saved first, then one line says what is missing
        r.assertOneLineError("phase2.init");
        TrainConfig expected = ConfigJson.set(ConfigJson.set(TrainConfig.preset(Preset.CPU), "detSolver.lr=0.005"),
                "phase0.iters=40");
        assertTrue(r.out().contains(ConfigJson.toJson(expected)), "the resolved config is printed in full");
        assertEquals(expected, ConfigJson.read(out.resolve("config.json")));
    }

    @Test
    void anExistingOutputFolderIsRefusedUnlessResuming(@TempDir Path tmp) throws IOException {
        Path out = tmp.resolve("run");
        run("train", "--phase", "2", "--out", out.toString());
        String saved = Files.readString(out.resolve("config.json"));

        CliRun again = run("train", "--phase", "2", "--out", out.toString(), "--set", "seed=9");
        assertOneLineError(again, out.toString(), "output folder exists", "--resume");
        assertEquals(saved, Files.readString(out.resolve("config.json")), "nothing overwritten");

        CliRun resumed = run("train", "--phase", "2", "--out", out.toString(), "--resume");
        resumed.assertOneLineError("phase2.init"); // the folder rule lets --resume through to the model

        CliRun nothing = run("train", "--phase", "0", "--out", tmp.resolve("none").toString(), "--resume");
        assertOneLineError(nothing, "--resume needs the folder of an earlier run");
    }

    @Test
    void configErrorsAreOneLineNamingTheKey(@TempDir Path tmp) throws IOException {
        String out = tmp.resolve("run").toString();
        assertOneLineError(run("train", "--phase", "0", "--out", out, "--set", "detSolver.lrr=1"),
                "detSolver.lrr", "unknown key");
        assertOneLineError(run("train", "--phase", "0", "--out", out, "--set", "phase0.iters=x"),
                "phase0.iters", "bad value");
        assertOneLineError(run("train", "--phase", "0", "--out", out, "--set", "run.logEvery=0"),
                "run: RunConfig.logEvery");
        assertOneLineError(run("train", "--phase", "3", "--out", out), "--phase must be 0, 1 or 2");
        Path cfg = tmp.resolve("bad.json");
        Files.writeString(cfg, "{\"world\": {\"pixels\": 3}}");
        assertOneLineError(run("train", "--phase", "2", "--out", out, "--config", cfg.toString()),
                cfg.toString(), "world.pixels");
        assertFalse(Files.exists(tmp.resolve("run")), "a bad config creates no run folder");
    }

    @ParameterizedTest
    @ValueSource(strings = {"train", "synth", "train-shapes", "eval", "bench-detector", "infer", "generate", "report",
        "demo", "reconstruct", "ablation", "bench-joint", "bench-sg", "bench-generator", "doctor"})
    void everySubcommandHasHelp(String cmd) {
        CliRun r = run(cmd, "--help");
        assertEquals(0, r.code());
        assertTrue(r.out().startsWith("Usage: sgae " + cmd), r.out());
    }

    @Test
    void synthWritesAWorld(@TempDir Path tmp) {
        Path out = tmp.resolve("world");
        CliRun r = run("synth", "--out", out.toString(), "--images", "3", "--size", "32", "--threads", "1");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("wrote 3 images to " + out), r.out());
        assertTrue(Files.isRegularFile(out.resolve("VG-SGG.h5")));
    }

    @Test
    void trainShapesRuns() {
        assertEquals(0, run("train-shapes", "--train", "32", "--test", "8", "--epochs", "1", "--batch", "16").code());
    }
}
