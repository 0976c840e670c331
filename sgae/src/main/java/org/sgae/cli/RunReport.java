package org.sgae.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sgae.data.DataFormatException;
import org.sgae.data.pipeline.Batch;
import org.sgae.data.pipeline.BatchLoader;
import org.sgae.data.vg.VgConfig;
import org.sgae.data.vg.VgDataset;
import org.sgae.data.vg.VgDicts;
import org.sgae.data.vg.VgGraph;
import org.sgae.data.vg.VgSplit;
import org.sgae.eval.SgPrediction;
import org.sgae.model.detector.BatchInputs;
import org.sgae.model.generator.Reconstruction;
import org.sgae.model.relation.SceneGraphPrediction;
import org.sgae.model.relation.SgMode;
import org.sgae.report.BarData;
import org.sgae.report.Environment;
import org.sgae.report.FloatImage;
import org.sgae.report.GraphView;
import org.sgae.report.ImageCase;
import org.sgae.report.PhaseLog;
import org.sgae.report.ReportInput;
import org.sgae.report.ReportWriter;
import org.sgae.report.ResultTable;
import org.sgae.report.RunLogReader;
import org.sgae.tensor.Tensor;
import org.sgae.tensor.memory.MemoryScope;
import org.sgae.train.Checkpoint;
import org.sgae.train.RunLog;
import org.sgae.train.SyntheticWorlds;
import org.sgae.train.TrainRun;

/**
 * Assembles the HTML report of a demo run folder ({@link DemoLayout}) from what the run left on disk: the run logs
 * of each phase, the results JSONs (four modes, FREQ, λ_img = 0), the detector's per-class AP, per-predicate R@50,
 * the image metrics, and for the first 8 test images the predicted boxes and graph, the GT graph and the
 * reconstructions (GT and GRAPH_ONLY from the phase-1 generator; PRED once a joint model exists). Whatever is
 * missing is left out of the page (ReportInput renders a short line), so a partial run still gets a report.
 */
final class RunReport {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The K of the per-predicate recall charts. */
    static final int BAR_K = 50;
    private static final List<String> FILES = List.of("results-sgdet.json", "results-sgcls.json",
            "results-predcls.json");

    private RunReport() {
    }

    /** Writes {@code layout.report()} (or {@code out}); returns its index.html. */
    static Path write(DemoLayout layout, Path out, boolean replace, Path data, Path worldCache, PrintStream console) {
        if (!Files.isDirectory(layout.root())) {
            throw new IllegalArgumentException(layout.root() + ": no such run folder");
        }
        ReportInput in = assemble(layout, data, worldCache, console);
        Path index = ReportWriter.write(in, out != null ? out : layout.report(), replace);
        console.println("report: " + index);
        return index;
    }

    static ReportInput assemble(DemoLayout l, Path data, Path worldCache, PrintStream console) {
        boolean joint = Files.isDirectory(l.eval());
        Path primaryEval = joint ? l.eval() : l.evalL0();
        Path primaryRun = Files.isDirectory(l.phase2()) ? l.phase2() : l.phase2L0();
        ReportInput.Builder b = ReportInput.builder("sgae demo — " + l.root().toAbsolutePath().getFileName());
        addPhase(b, l.phase0(), "phase 0 (detector)");
        addPhase(b, l.phase1(), "phase 1 (generator)");
        addPhase(b, l.phase2(), "phase 2 (joint, λ_img = 1)");
        addPhase(b, l.phase2L0(), "phase 2 (λ_img = 0)");
        ResultTable sg = sgTable(joint ? l.eval() : null, l.evalL0(), primaryEval.resolve(SgModelEval.FREQ_DIR));
        if (sg != null) {
            b.table(sg);
        }
        ResultTable det = detectorTable(joint ? l.eval() : null, l.evalL0());
        if (det != null) {
            b.table(det);
        }
        ResultTable img = imageTable(l.imageMetrics());
        if (img != null) {
            b.table(img);
        }
        Path cfgFile = primaryRun.resolve(TrainRun.CONFIG);
        VgDicts dicts = null;
        Path dataDir = null;
        if (Files.isRegularFile(cfgFile)) {
            b.config(read(cfgFile));
            var cfg = org.sgae.train.config.ConfigJson.read(cfgFile);
            dataDir = data != null ? data : SyntheticWorlds.ensure(cfg.world(), worldCache != null ? worldCache
                    : SyntheticWorlds.defaultRoot(), console);
            dicts = VgDicts.read(dataDir.resolve(VgConfig.of(dataDir, VgSplit.TEST).dictsName()));
        }
        JsonNode ap = json(primaryEval.resolve("detector-ap-test.json"));
        if (ap != null) {
            Map<String, Double> perClass = new LinkedHashMap<>();
            for (JsonNode row : ap.path("per_class")) {
                perClass.put(row.path("name").asText(), row.path("ap50").asDouble(Double.NaN));
            }
            b.bars(BarData.classAp(perClass));
        }
        if (dicts != null) {
            for (String file : List.of("results-sgdet.json", "results-predcls.json")) {
                JsonNode res = json(primaryEval.resolve(file));
                if (res != null) {
                    JsonNode first = res.path("results").path(0);
                    Map<String, Double> per = new LinkedHashMap<>();
                    JsonNode arr = first.path("perPredicate").path("R@" + BAR_K);
                    for (int c = 0; c < arr.size(); c++) {
                        per.put(dicts.predicateName(c + 1), arr.get(c).asDouble());
                    }
                    if (!per.isEmpty()) {
                        b.bars(BarData.predicateRecall(first.path("mode").asText(), BAR_K, per));
                    }
                }
            }
        }
        if (dataDir != null && Checkpoint.latest(primaryRun).isPresent()) {
            // the generator after joint training when there is one, else phase 1's
            Path genRun = Files.isDirectory(l.phase2()) ? l.phase2() : l.phase1();
            Generate.Loaded gen = Checkpoint.latest(genRun).isPresent() ? Generate.load(genRun, null) : null;
            org.sgae.model.joint.JointModel jointModel = Files.isDirectory(l.phase2())
                    ? org.sgae.model.joint.JointModel.fromCheckpoint(l.phase2()) : null;
            images(b, SgCheckpoint.load(primaryRun, null), gen, jointModel, dataDir, dicts);
        }
        b.environment(Environment.detect("CPU (" + org.sgae.tensor.cpu.CpuParallel.threads() + " threads)"));
        return b.build();
    }

    private static void addPhase(ReportInput.Builder b, Path run, String name) {
        Path log = run.resolve(RunLog.FILE);
        if (Files.isRegularFile(log)) {
            for (PhaseLog p : RunLogReader.read(log)) {
                b.phase(new PhaseLog(name, p.points(), p.skippedSteps()));
            }
        }
    }

    /** One row per protocol and source: the model, FREQ on its objects, the λ_img = 0 model. */
    static ResultTable sgTable(Path main, Path l0, Path freq) {
        List<Integer> ks = null;
        List<ResultTable.Row> rows = new ArrayList<>();
        for (String file : FILES) {
            List<Object[]> sources = new ArrayList<>();
            if (main != null) {
                sources.add(new Object[] {main.resolve(file), ""});
            }
            sources.add(new Object[] {l0.resolve(file), main != null ? " · λ_img = 0" : " (λ_img = 0)"});
            sources.add(new Object[] {freq.resolve(file), " · FREQ"});
            for (Object[] s : sources) {
                JsonNode res = json((Path) s[0]);
                if (res == null) {
                    continue;
                }
                for (JsonNode r : res.path("results")) {
                    if (ks == null) {
                        ks = new ArrayList<>();
                        for (JsonNode k : r.path("ks")) {
                            ks.add(k.asInt());
                        }
                    }
                    double[] v = new double[3 * ks.size()];
                    int c = 0;
                    for (String fam : List.of("R", "mR", "ng-R")) {
                        for (int k : ks) {
                            v[c++] = r.path(fam + "@" + k).asDouble(Double.NaN);
                        }
                    }
                    rows.add(new ResultTable.Row(r.path("mode").asText() + s[1], v));
                }
            }
        }
        if (ks == null) {
            return null;
        }
        List<String> cols = new ArrayList<>();
        for (String fam : List.of("R", "mR", "ng-R")) {
            for (int k : ks) {
                cols.add(fam + "@" + k);
            }
        }
        return ResultTable.percent("Scene-graph recall (test split)", cols, rows).withNote("FREQ: the training"
                + " set's predicate distribution per (subject, object) label pair on the model's own objects and pairs"
                + " (PredCls: every ordered GT pair). λ_img = 0: phase 2 without the reconstruction loss.");
    }

    static ResultTable detectorTable(Path main, Path l0) {
        List<ResultTable.Row> rows = new ArrayList<>();
        if (main != null) {
            JsonNode a = json(main.resolve("detector-ap-test.json"));
            if (a != null) {
                rows.add(new ResultTable.Row("detector (joint model)", a.path("ap50").asDouble(), a.path("ap")
                        .asDouble()));
            }
        }
        JsonNode a = json(l0.resolve("detector-ap-test.json"));
        if (a != null) {
            rows.add(new ResultTable.Row("detector (λ_img = 0)", a.path("ap50").asDouble(), a.path("ap").asDouble()));
        }
        return rows.isEmpty() ? null : ResultTable.percent("Detector on the SGGen objects (test split)",
                List.of("AP50", "AP[.5:.95]"), rows);
    }

    static ResultTable imageTable(Path file) {
        JsonNode m = json(file);
        if (m == null) {
            return null;
        }
        List<ResultTable.Row> rows = new ArrayList<>();
        for (JsonNode r : m.path("modes")) {
            rows.add(new ResultTable.Row(r.path("mode").asText(), r.path("l1").asDouble(), r.path("psnr").asDouble(),
                    r.path("ssim").asDouble()));
        }
        return new ResultTable("Reconstruction (first " + m.path("images").asInt() + " test images, 64×64)",
                List.of("L1", "PSNR (dB)", "SSIM"), rows, ResultTable.Style.PLAIN, "GT: GT graph and boxes;"
                + " PRED: the predicted scene graph and boxes (the auto-encoder; joint model only); GRAPH_ONLY: GT"
                + " graph, box-net layout. Against the 64×64 antialiased input, in [0, 1].");
    }

    /** The first {@link ReportWriter#MAX_IMAGES} test images: predicted boxes and graph, GT graph, reconstructions. */
    private static void images(ReportInput.Builder b, SgCheckpoint m, Generate.Loaded gen,
                               org.sgae.model.joint.JointModel joint, Path dataDir, VgDicts dicts) {
        VgDataset ds = VgDataset.open(VgConfig.of(dataDir, VgSplit.TEST));
        int n = Math.min(ReportWriter.MAX_IMAGES, ds.size());
        if (n == 0) {
            return;
        }
        try (BatchLoader loader = new BatchLoader(ds, TrainRun.loader(m.cfg(), n).withShuffle(false), 0);
             MemoryScope scope = MemoryScope.open()) {
            Batch batch = loader.next();
            List<Tensor> inputs = BatchInputs.images(batch);
            List<SceneGraphPrediction> preds = m.model().infer(inputs, null, null, SgMode.SGGEN);
            float[][] pred = joint == null ? null : split(org.sgae.model.joint.Reconstructions.pred(joint, batch,
                    ReconMetrics.SEED), batch.n());
            float[][] gt = gen == null ? null : recon(gen, batch, Reconstruction.Mode.GT);
            float[][] graphOnly = gen == null ? null : recon(gen, batch, Reconstruction.Mode.GRAPH_ONLY);
            int s = gen == null ? 0 : gen.generator().config().imageSize();
            for (int i = 0; i < n; i++) {
                VgGraph g = ds.raw(i);
                int w = batch.imageWidths()[i];
                int h = batch.imageHeights()[i];
                SgPrediction p = preds.get(i).toEval(w, h, w, h);
                Infer.Shown shown = Infer.shown(p, preds.get(i).numPredicates(), dicts, Infer.FIGURE_OBJECTS,
                        ReportWriter.MAX_GRAPH_EDGES);
                b.image(new ImageCase("image_id " + g.info().imageId(), new FloatImage(h, w,
                        inputs.get(i).toFloatArray()), shown.boxes(), shown.graph(), gtGraph(g, dicts),
                        pred == null ? null : new FloatImage(s, s, pred[i]),
                        gt == null ? null : new FloatImage(s, s, gt[i]),
                        graphOnly == null ? null : new FloatImage(s, s, graphOnly[i])));
            }
        }
    }

    private static float[][] recon(Generate.Loaded gen, Batch batch, Reconstruction.Mode mode) {
        Tensor px = Reconstruction.pixels(Reconstruction.reconstruct(gen.generator(), batch, mode,
                ReconMetrics.SEED).images());                                                  // [B,3,S,S]
        return split(px.toFloatArray(), batch.n());
    }

    /** [n·per] → n images of per values. */
    private static float[][] split(float[] all, int n) {
        int per = all.length / n;
        float[][] out = new float[n][];
        for (int i = 0; i < n; i++) {
            out[i] = java.util.Arrays.copyOfRange(all, i * per, (i + 1) * per);
        }
        return out;
    }

    static GraphView gtGraph(VgGraph g, VgDicts dicts) {
        List<String> labels = new ArrayList<>();
        for (int l : g.labels()) {
            labels.add(dicts.objectName(l));
        }
        List<GraphView.Edge> edges = new ArrayList<>();
        int[] r = g.relations();
        for (int k = 0; k + 2 < r.length; k += 3) {
            edges.add(new GraphView.Edge(r[k], r[k + 1], dicts.predicateName(r[k + 2])));
        }
        return GraphView.of(labels, edges);
    }

    private static JsonNode json(Path file) {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new DataFormatException(file, "unreadable JSON: " + e.getMessage(), e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
