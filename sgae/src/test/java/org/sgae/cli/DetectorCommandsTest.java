package org.sgae.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sgae.data.vg.VgConfig;
import org.sgae.data.vg.VgDataset;
import org.sgae.data.vg.VgSplit;
import org.sgae.train.Checkpoint;
import org.sgae.train.DetectorEvalRun;
import org.sgae.train.RunLog;
import org.sgae.train.SyntheticWorlds;
import org.sgae.train.config.ConfigJson;
import org.sgae.train.config.TrainConfig;

/**
 * The CI smoke run of issue 11 through the real command line: a cpu-derived phase 0 of a few steps on a tiny cached
 * world (train → checkpoints → resume → eval --detector), then the eval command's one-line errors. The model is the
 * cpu preset's; only the world, the schedule and the batch are small.
 */
class DetectorCommandsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    static Path tmp;
    private static Path cache;
    private static Path run;

    private static CliRun run(String... args) {
        return CliRun.of(args);
    }

    /** The tiny run's settings: 40 images of 64 px, batch 2, checkpoints every 2 steps. */
    private static List<String> train(int iters, String... more) {
        List<String> a = new ArrayList<>(List.of("train", "--phase", "0", "--preset", "cpu", "--out", run.toString(),
                "--world-cache", cache.toString(), "--set", "world.images=40", "--set", "world.size=64",
                "--set", "phase0.batchSize=2", "--set", "phase0.iters=" + iters, "--set", "run.checkpointEvery=2",
                "--set", "run.logEvery=2"));
        a.addAll(List.of(more));
        return a;
    }

    @BeforeAll
    static void trainTinyRun() {
        cache = tmp.resolve("worlds");
        run = tmp.resolve("run");
        CliRun r = run(train(4).toArray(String[]::new));
        assertEquals(0, r.code(), r.err());
    }

    @Test
    void trainsCheckpointsResumesAndEvaluates() throws IOException {
        assertEquals(List.of("iter-00000002", "iter-00000004"),
                Checkpoint.list(run).stream().map(p -> p.getFileName().toString()).toList());
        assertEquals(2, Files.readAllLines(run.resolve(RunLog.FILE)).size());
        JsonNode line = JSON.readTree(Files.readAllLines(run.resolve(RunLog.FILE)).get(1));
        assertTrue(line.get("losses").has("rpn_obj") && line.get("losses").has("box"), line.toString());

        CliRun resumed = run(train(6, "--resume").toArray(String[]::new));
        assertEquals(0, resumed.code(), resumed.err());
        assertTrue(Files.isDirectory(Checkpoint.folderOf(run).resolve("iter-00000006")));

        Path out = tmp.resolve("eval");
        CliRun r = run("eval", "--detector", "--checkpoint", run.toString(), "--world-cache", cache.toString(),
                "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        TrainConfig cfg = ConfigJson.read(out.resolve("config.json"));
        assertEquals(ConfigJson.read(run.resolve("config.json")), cfg, "the resolved config beside the results");
        JsonNode res = JSON.readTree(out.resolve(DetectorEvalRun.resultsName(VgSplit.TEST)).toFile());
        VgDataset test = VgDataset.open(VgConfig.of(SyntheticWorlds.ensure(cfg.world(), cache, System.out),
                VgSplit.TEST));
        int boxes = 0;
        for (int i = 0; i < test.size(); i++) {
            boxes += test.raw(i).numObjects();
        }
        assertEquals(test.size(), res.get("images").asInt(), "every test image is scored");
        assertEquals(6, res.get("iteration").asInt(), "the run folder's newest checkpoint");
        int gt = 0;
        for (JsonNode row : res.get("per_class")) {
            gt += row.get("gt").asInt();
        }
        assertEquals(boxes, gt, "every GT box is in the per-class table");
        double ap50 = res.get("ap50").asDouble();
        assertTrue(ap50 >= 0 && ap50 <= 1 && res.get("ap").asDouble() <= ap50, res.toString());
    }

    @Test
    void evalErrorsAreOneLineNamingTheFile() throws IOException {
        Path ckpt = Checkpoint.list(run).get(0);
        String cacheArg = cache.toString();
        Path missing = tmp.resolve("nothing");
        assertOneLineError(run("eval", "--detector", "--checkpoint", missing.toString()), missing.toString());
        assertOneLineError(run("eval", "--detector", "--checkpoint", ckpt.toString(), "--preset", "vg",
                "--world-cache", cacheArg), ckpt.resolve(Checkpoint.CONFIG).toString(), "preset CPU");

        Path notVg = Files.createDirectories(tmp.resolve("not-vg"));
        Files.writeString(notVg.resolve("readme.txt"), "not a data set");
        CliRun r = run("eval", "--detector", "--checkpoint", ckpt.toString(), "--data", notVg.toString(),
                "--out", tmp.resolve("e2").toString());
        assertOneLineError(r, notVg.toString());

        Path corrupt = tmp.resolve("corrupt");
        Files.createDirectories(corrupt);
        for (String f : List.of(Checkpoint.MODEL, Checkpoint.OPTIM, Checkpoint.CONFIG, Checkpoint.STATE)) {
            Files.copy(ckpt.resolve(f), corrupt.resolve(f));
        }
        byte[] model = Files.readAllBytes(corrupt.resolve(Checkpoint.MODEL));
        Files.write(corrupt.resolve(Checkpoint.MODEL), Arrays.copyOf(model, model.length / 2));
        assertOneLineError(run("eval", "--detector", "--checkpoint", corrupt.toString(), "--world-cache", cacheArg),
                corrupt.resolve(Checkpoint.MODEL).toString());
        assertOneLineError(run("eval", "--checkpoint", ckpt.toString()), "--detector");
    }

    private static void assertOneLineError(CliRun r, String... mustContain) {
        r.assertOneLineError(mustContain);
    }
}
