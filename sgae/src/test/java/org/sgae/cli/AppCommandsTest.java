package org.sgae.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sgae.data.vg.VgConfig;
import org.sgae.data.vg.VgDataset;
import org.sgae.data.vg.VgSplit;
import org.sgae.train.SyntheticWorlds;
import org.sgae.train.config.ConfigJson;

/**
 * The application commands of issue 14 on one CI smoke run: {@code demo --quick} into a temp folder (the whole
 * pipeline: world, phases 0, 1, 2, evaluation, image metrics, report), then {@code eval --mode}, {@code infer},
 * {@code generate} and {@code report} on its checkpoints, with their outputs' shapes and their one-line errors.
 */
class AppCommandsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    static Path tmp;
    private static Path cache;
    private static DemoLayout run;
    private static Path world;

    @BeforeAll
    static void quickDemo() {
        cache = tmp.resolve("worlds");
        run = new DemoLayout(tmp.resolve("demo"));
        CliRun r = CliRun.of("demo", "--quick", "--out", run.root().toString(), "--world-cache", cache.toString());
        assertEquals(0, r.code(), r.err());
        world = SyntheticWorlds.ensure(ConfigJson.read(run.phase0().resolve("config.json")).world(), cache,
                System.out);
    }

    @Test
    void demoWritesAReportWhoseFilesExist() throws IOException {
        Path index = run.report().resolve("index.html");
        assertTrue(Files.isRegularFile(index));
        Document doc = Jsoup.parse(index.toFile(), "UTF-8");
        List<Element> imgs = doc.select("img");
        assertTrue(imgs.size() >= 10, "charts and test images: " + imgs.size());
        for (Element img : imgs) {
            assertTrue(Files.isRegularFile(run.report().resolve(img.attr("src"))), img.attr("src"));
        }
        String text = doc.text();
        List<String> expected = new ArrayList<>(List.of("PredCls · FREQ", "SGGen · FREQ", "AP50", "GRAPH_ONLY",
                "phase 0 (detector)", "phase 1 (generator)", "phase 2 (λ_img = 0)"));
        // with the joint trainer the λ_img = 1 model has the plain rows and λ_img = 0 its own; without, λ_img = 0 alone
        String l0 = Demo.jointAvailable() ? " · λ_img = 0" : " (λ_img = 0)";
        for (String mode : List.of("SGGen", "PhrDet", "SGCls", "PredCls")) {
            expected.add(mode + l0);
        }
        if (Demo.jointAvailable()) {
            expected.add("phase 2 (joint, λ_img = 1)");
            expected.add("detector (joint model)");
            List<String> modes = new ArrayList<>();
            JSON.readTree(run.imageMetrics().toFile()).path("modes").forEach(m -> modes.add(m.path("mode").asText()));
            assertEquals(List.of("GT", "PRED", "GRAPH_ONLY"), modes, "the joint model's reconstructions");
            assertTrue(Files.isRegularFile(run.report().resolve("img-1-recon-pred.png")), "PRED in the report");
        }
        for (String s : expected) {
            assertTrue(text.contains(s), s);
        }
        JsonNode summary = JSON.readTree(run.root().resolve("demo-summary.json").toFile());
        assertTrue(summary.path("seconds").path("total").asDouble() > 0);
        assertTrue(Files.isRegularFile(run.plan()));
    }

    @Test
    void theFullDemoPlanResolvesOnTheCpuPreset() {
        var cfg = ConfigJson.resolve(org.sgae.train.config.Preset.CPU, null, DemoPlan.FULL.sets());
        assertEquals(2000, cfg.phase0().iters());
        assertEquals(0.04, cfg.detSolver().lr(), 0.0);
        assertEquals(0.0, cfg.model().roiHeads().dropout(), 0.0);
        assertEquals(ConfigJson.resolve(org.sgae.train.config.Preset.CPU, null, DemoPlan.QUICK.sets()).sg().obj()
                .source(), cfg.sg().obj().source(), "quick runs the same model as the full demo");
    }

    @Test
    void demoNeverReusesAFolderSilentlyAndResumesKeepingFinishedPhases() throws IOException {
        CliRun.of("demo", "--quick", "--out", run.root().toString(), "--world-cache", cache.toString())
                .assertOneLineError(run.root().toString(), "exists", "--force");
        CliRun.of("demo", "--quick", "--force", "--resume", "--out", run.root().toString())
                .assertOneLineError("--force", "--resume");
        Path copy = tmp.resolve("demo-resumed");
        copyTree(run.root(), copy);
        DemoLayout l = new DemoLayout(copy);
        Path ckpt = org.sgae.train.Checkpoint.latest(l.phase0()).orElseThrow().resolve("model.safetensors");
        var before = Files.getLastModifiedTime(ckpt);
        long lines = Files.lines(l.phase2L0().resolve("log.jsonl")).count();
        CliRun r = CliRun.of("demo", "--quick", "--resume", "--out", copy.toString(), "--world-cache",
                cache.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals(before, Files.getLastModifiedTime(ckpt), "finished phase 0 kept, not retrained");
        assertEquals(lines, Files.lines(l.phase2L0().resolve("log.jsonl")).count(), "phase 2 not retrained");
        assertTrue(Files.isRegularFile(l.report().resolve("index.html")));
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path t = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(p, t);
                }
            }
        }
    }

    @Test
    void evalWritesEveryModeWithFreqAndPerClassAp() throws IOException {
        Path out = tmp.resolve("eval");
        CliRun r = CliRun.of("eval", "--mode", "all", "--checkpoint", run.phase2L0().toString(), "--world-cache",
                cache.toString(), "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        int images = VgDataset.open(VgConfig.of(world, VgSplit.TEST)).size();
        JsonNode sgdet = JSON.readTree(out.resolve("results-sgdet.json").toFile());
        assertEquals(List.of("SGGen", "PhrDet"), modes(sgdet));
        assertEquals(images, sgdet.path("source").path("numImages").asInt());
        assertEquals(List.of("SGCls"), modes(JSON.readTree(out.resolve("results-sgcls.json").toFile())));
        assertEquals(List.of("PredCls"), modes(JSON.readTree(out.resolve("results-predcls.json").toFile())));
        for (String m : List.of("sgdet", "sgcls", "predcls")) {
            assertTrue(Files.isRegularFile(out.resolve("predictions-" + m + ".jsonl.gz")), m);
            assertTrue(Files.isRegularFile(out.resolve("freq").resolve("results-" + m + ".json")), m);
        }
        JsonNode ap = JSON.readTree(out.resolve("detector-ap-test.json").toFile());
        assertTrue(ap.path("per_class").isArray() && ap.path("per_class").size() > 0, ap.toString());

        Path one = tmp.resolve("eval-one");
        assertEquals(0, CliRun.of("eval", "--mode", "predcls", "--no-freq", "--checkpoint", run.phase2L0().toString(),
                "--world-cache", cache.toString(), "--out", one.toString()).code());
        assertTrue(Files.isRegularFile(one.resolve("results-predcls.json")));
        assertFalse(Files.exists(one.resolve("results-sgdet.json")));
        assertFalse(Files.exists(one.resolve("freq")));
    }

    private static List<String> modes(JsonNode results) {
        List<String> out = new ArrayList<>();
        results.path("results").forEach(n -> out.add(n.path("mode").asText()));
        return out;
    }

    @Test
    void sharedDetectorPassGivesTheSamePredictionsAsOneModeAtATime() {
        SgCheckpoint m = SgCheckpoint.load(run.phase2L0(), null);
        VgDataset ds = VgDataset.open(VgConfig.of(world, VgSplit.TEST));
        try (var loader = new org.sgae.data.pipeline.BatchLoader(ds, org.sgae.train.TrainRun.loader(m.cfg(), 3)
                .withShuffle(false), 0)) {
            var b = loader.next();
            var images = org.sgae.model.detector.BatchInputs.images(b);
            List<float[]> boxes = new ArrayList<>();
            List<int[]> labels = new ArrayList<>();
            for (int i = 0; i < b.n(); i++) {
                int from = b.objectOffsets()[i];
                int to = b.objectOffsets()[i + 1];
                boxes.add(java.util.Arrays.copyOfRange(b.boxes(), 4 * from, 4 * to));
                labels.add(java.util.Arrays.copyOfRange(b.labels(), from, to));
            }
            var all = m.model().inferModes(images, boxes, labels,
                    java.util.EnumSet.allOf(org.sgae.model.relation.SgMode.class));
            for (var mode : org.sgae.model.relation.SgMode.values()) {
                var one = m.model().infer(images, boxes, labels, mode);
                for (int i = 0; i < b.n(); i++) {
                    var x = all.get(mode).get(i);
                    var y = one.get(i);
                    String at = mode + " image " + i;
                    org.junit.jupiter.api.Assertions.assertArrayEquals(y.boxes(), x.boxes(), at);
                    org.junit.jupiter.api.Assertions.assertArrayEquals(y.labels(), x.labels(), at);
                    org.junit.jupiter.api.Assertions.assertArrayEquals(y.scores(), x.scores(), at);
                    org.junit.jupiter.api.Assertions.assertArrayEquals(y.relPairs(), x.relPairs(), at);
                    org.junit.jupiter.api.Assertions.assertArrayEquals(y.relScores(), x.relScores(), at);
                }
            }
        }
    }

    @Test
    void evalErrorsAreOneLine() {
        CliRun.of("eval", "--mode", "sgdett", "--checkpoint", run.phase2L0().toString())
                .assertOneLineError("unknown mode 'sgdett'");
        CliRun.of("eval", "--mode", "all", "--checkpoint", run.phase0().toString(), "--world-cache", cache.toString())
                .assertOneLineError("phase 0", "phase 2");
        CliRun.of("eval", "--mode", "all", "--checkpoint", run.phase2L0().toString(), "--preset", "vg")
                .assertOneLineError("config.json", "preset CPU", "expected VG");
        CliRun.of("eval", "--mode", "all").assertOneLineError("--checkpoint");
    }

    @Test
    void inferWritesAGraphAndAFigureInTheImagesPixels() throws IOException {
        Path png = firstImage();
        BufferedImage src = ImageIO.read(png.toFile());
        // a non-square JPEG of another size: resized for the model, boxes back in its own pixels
        BufferedImage wide = new BufferedImage(150, 90, BufferedImage.TYPE_INT_RGB);
        wide.createGraphics().drawImage(src, 0, 0, 150, 90, null);
        Path jpg = tmp.resolve("wide.jpg");
        assertTrue(ImageIO.write(wide, "jpg", jpg.toFile()));
        Path out = tmp.resolve("infer");
        CliRun r = CliRun.of("infer", png.toString(), jpg.toString(), "--checkpoint", run.phase2L0().toString(),
                "--world-cache", cache.toString(), "--out", out.toString(), "--top", "5");
        assertEquals(0, r.code(), r.err());
        JsonNode doc = JSON.readTree(out.resolve("wide.json").toFile());
        assertEquals(150, doc.path("width").asInt());
        assertEquals(90, doc.path("height").asInt());
        JsonNode objects = doc.path("objects");
        assertTrue(objects.size() > 0, doc.toString());
        for (JsonNode o : objects) {
            JsonNode b = o.path("box");
            assertEquals(4, b.size());
            assertTrue(b.get(0).asDouble() >= 0 && b.get(2).asDouble() <= 150 && b.get(3).asDouble() <= 90, b.toString());
            assertTrue(o.path("name").isTextual() && o.path("score").isNumber());
        }
        JsonNode rels = doc.path("relations");
        assertTrue(rels.size() <= 5);
        for (JsonNode rel : rels) {
            assertTrue(rel.path("subject").asInt() < objects.size() && rel.path("object").asInt() < objects.size());
            assertTrue(rel.path("predicate_scores").size() > 1, rel.toString());
            assertTrue(rel.path("name").isTextual());
        }
        for (String stem : List.of(stem(png), "wide")) {
            assertNotNull(ImageIO.read(out.resolve(stem + "-figure.png").toFile()), stem);
        }
        // outputs are not overwritten without --force
        CliRun.of("infer", jpg.toString(), "--checkpoint", run.phase2L0().toString(), "--world-cache",
                cache.toString(), "--out", out.toString()).assertOneLineError("wide.json", "exists");
    }

    @Test
    void inferErrorsNameTheFile() throws IOException {
        Path missing = tmp.resolve("nope.png");
        CliRun.of("infer", missing.toString(), "--checkpoint", run.phase2L0().toString())
                .assertOneLineError(missing.toString());
        Path corrupt = tmp.resolve("corrupt.png");
        Files.writeString(corrupt, "not an image");
        CliRun.of("infer", corrupt.toString(), "--checkpoint", run.phase2L0().toString())
                .assertOneLineError(corrupt.toString());
        Path png = firstImage();
        CliRun.of("infer", png.toString(), "--checkpoint", run.phase1().toString(), "--world-cache",
                cache.toString()).assertOneLineError(run.phase1().toString());
    }

    @Test
    void aCheckpointWithOtherShapesIsOneLineNamingTheWeights() throws IOException {
        Path ckpt = org.sgae.train.Checkpoint.latest(run.phase2L0()).orElseThrow();
        Path other = tmp.resolve("other-shapes").resolve(ckpt.getFileName().toString());
        copyTree(ckpt, other);
        Path cfg = other.resolve("config.json");
        String text = Files.readString(cfg);
        String changed = text.replaceFirst("\"hidden\" : 64", "\"hidden\" : 32"); // sg.repn.hidden: RePN's MLP
        assertTrue(!changed.equals(text), "the config names sg.repn.hidden");
        Files.writeString(cfg, changed);
        CliRun.of("infer", firstImage().toString(), "--checkpoint", other.toString(), "--world-cache",
                cache.toString(), "--out", tmp.resolve("infer-other").toString())
                .assertOneLineError(other.resolve("model.safetensors").toString());
    }

    /**
     * A joint phase-2 checkpoint as JointModel saves it ("sg." + the scene-graph model, "gan." + the GAN), built
     * from the demo's phase-2 and phase-1 weights: eval reads its scene-graph part (same results as the plain
     * checkpoint), generate its GAN part (same image as from phase 1).
     */
    @Test
    void aJointCheckpointGivesItsSceneGraphPartToEvalAndItsGanToGenerate() throws IOException {
        Path sg = org.sgae.train.Checkpoint.latest(run.phase2L0()).orElseThrow();
        Path gan = org.sgae.train.Checkpoint.latest(run.phase1()).orElseThrow();
        Path joint = tmp.resolve("joint").resolve("checkpoints").resolve(sg.getFileName().toString());
        Files.createDirectories(joint);
        Files.copy(sg.resolve("config.json"), joint.resolve("config.json"));
        Files.copy(sg.resolve("state.json"), joint.resolve("state.json"));
        java.util.Map<String, org.sgae.tensor.Tensor> all = new java.util.LinkedHashMap<>();
        org.sgae.nn.SafeTensors.read(sg.resolve("model.safetensors")).tensors().forEach((k, v) -> all.put("sg." + k, v));
        org.sgae.nn.SafeTensors.read(gan.resolve("model.safetensors")).tensors().forEach((k, v) -> all.put("gan." + k,
                v));
        org.sgae.nn.SafeTensors.write(joint.resolve("model.safetensors"), all);

        Path plain = tmp.resolve("eval-plain");
        Path fromJoint = tmp.resolve("eval-joint");
        for (Object[] c : new Object[][] {{run.phase2L0(), plain}, {tmp.resolve("joint"), fromJoint}}) {
            CliRun r = CliRun.of("eval", "--mode", "predcls", "--no-freq", "--checkpoint", c[0].toString(),
                    "--world-cache", cache.toString(), "--out", c[1].toString());
            assertEquals(0, r.code(), r.err());
        }
        assertEquals(JSON.readTree(plain.resolve("results-predcls.json").toFile()).path("results"),
                JSON.readTree(fromJoint.resolve("results-predcls.json").toFile()).path("results"));

        Path house = examples().resolve("house.json");
        for (Object[] c : new Object[][] {{run.phase1(), tmp.resolve("gen-p1")}, {joint, tmp.resolve("gen-joint")}}) {
            CliRun r = CliRun.of("generate", house.toString(), "--checkpoint", c[0].toString(), "--world-cache",
                    cache.toString(), "--out", c[1].toString());
            assertEquals(0, r.code(), r.err());
        }
        org.junit.jupiter.api.Assertions.assertArrayEquals(Files.readAllBytes(tmp.resolve("gen-p1").resolve("house.png")),
                Files.readAllBytes(tmp.resolve("gen-joint").resolve("house.png")), "the same generator, the same image");
    }

    @Test
    void generateDrawsA64PixelImagePerExampleGraph() throws IOException {
        Path out = tmp.resolve("gen");
        Path graphs = examples();
        List<String> args = new ArrayList<>(List.of("generate"));
        try (Stream<Path> s = Files.list(graphs)) {
            s.filter(p -> p.toString().endsWith(".json")).sorted().forEach(p -> args.add(p.toString()));
        }
        args.addAll(List.of("--checkpoint", run.phase1().toString(), "--world-cache", cache.toString(), "--out",
                out.toString()));
        CliRun r = CliRun.of(args.toArray(String[]::new));
        assertEquals(0, r.code(), r.err());
        BufferedImage small = ImageIO.read(out.resolve("house.png").toFile());
        assertEquals(64, small.getWidth());
        assertEquals(64, small.getHeight());
        assertEquals(64 * Generate.VIEW_SCALE, ImageIO.read(out.resolve("house-x4.png").toFile()).getWidth());
        assertNotNull(ImageIO.read(out.resolve("house-graph.png").toFile()));
        assertTrue(Files.isRegularFile(out.resolve("rider.png")) && Files.isRegularFile(out.resolve("table.png")));
    }

    @Test
    void generateErrorsAreOneLine() throws IOException {
        Path bad = tmp.resolve("bad.json");
        Files.writeString(bad, "{\"objects\": [\"house\", \"unicorn\"], \"relationships\": []}");
        CliRun.of("generate", bad.toString(), "--checkpoint", run.phase1().toString(), "--world-cache",
                cache.toString()).assertOneLineError("bad.json", "objects[1]", "unicorn");
        Path range = tmp.resolve("range.json");
        Files.writeString(range, "{\"objects\": [\"house\"], \"relationships\": [[0, \"on\", 3]]}");
        CliRun.of("generate", range.toString(), "--checkpoint", run.phase1().toString(), "--world-cache",
                cache.toString()).assertOneLineError("range.json", "out of range");
        CliRun.of("generate", examples().resolve("house.json").toString(), "--checkpoint",
                run.phase2L0().toString(), "--world-cache", cache.toString()).assertOneLineError("phase");
    }

    @Test
    void reportRewritesOnlyWithForce() {
        Path out = tmp.resolve("report2");
        CliRun r = CliRun.of("report", run.root().toString(), "--out", out.toString(), "--world-cache",
                cache.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(Files.isRegularFile(out.resolve("index.html")));
        CliRun.of("report", run.root().toString(), "--out", out.toString(), "--world-cache", cache.toString())
                .assertOneLineError(out.toAbsolutePath().toString(), "--force");
        assertEquals(0, CliRun.of("report", run.root().toString(), "--out", out.toString(), "--force",
                "--world-cache", cache.toString()).code());
        CliRun.of("report", tmp.resolve("no-run").toString()).assertOneLineError("no-run");
    }

    private static Path firstImage() throws IOException {
        try (Stream<Path> s = Files.walk(world)) {
            return s.filter(p -> p.toString().endsWith(".png")).sorted().findFirst().orElseThrow();
        }
    }

    private static String stem(Path p) {
        String n = p.getFileName().toString();
        return n.substring(0, n.lastIndexOf('.'));
    }

    /** sgae/examples/graphs, from the module folder (surefire's working directory) or the repository root. */
    private static Path examples() {
        Path p = Path.of("examples", "graphs");
        return Files.isDirectory(p) ? p : Path.of("sgae", "examples", "graphs");
    }
}
