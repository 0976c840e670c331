package org.sgae.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.sgae.data.AtomicFiles;
import org.sgae.data.pipeline.Batch;
import org.sgae.data.pipeline.BatchLoader;
import org.sgae.data.vg.VgDataset;
import org.sgae.data.vg.VgGraph;
import org.sgae.eval.DetectionAp;
import org.sgae.eval.FreqPredictor;
import org.sgae.eval.SgDumps;
import org.sgae.eval.SgEvalRun;
import org.sgae.eval.SgEvalSink;
import org.sgae.eval.SgPrediction;
import org.sgae.eval.SgResult;
import org.sgae.model.detector.BatchInputs;
import org.sgae.model.relation.SceneGraphPrediction;
import org.sgae.model.relation.SgMode;
import org.sgae.tensor.Tensor;
import org.sgae.tensor.memory.MemoryScope;
import org.sgae.train.Progress;
import org.sgae.train.TrainRun;

/**
 * {@code sgae eval --mode}: one pass of a phase-2 checkpoint over a split, in the inference modes the asked
 * protocols need (SGGen and PhrDet read one SGGEN pass, eval-spec §2), each image's predictions mapped to original
 * pixels (§4) and given to an {@link SgEvalSink} per dump mode (predictions-&lt;mode&gt;.jsonl.gz and
 * results-&lt;mode&gt;.json). Beside them, in {@value #FREQ_DIR}/, the FREQ rows on the same objects: SGGen/PhrDet and
 * SGCls keep the model's boxes, labels, scores and pairs and take FREQ's relation scores
 * ({@link FreqPredictor#replaceRelScores}); PredCls is FREQ's own (every ordered GT pair). The detector's AP50/AP
 * (§6) on the SGGen objects, per class, goes to {@code detector-ap-<split>.json}.
 */
final class SgModelEval {
    static final String FREQ_DIR = "freq";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final double NANOS = 1e9;

    private SgModelEval() {
    }

    /** The dump modes (sgdet, sgcls, predcls) the protocols need, in that order. */
    static Set<SgMode> inferenceModes(Set<org.sgae.eval.SgMode> protocols) {
        Set<SgMode> out = EnumSet.noneOf(SgMode.class);
        for (org.sgae.eval.SgMode p : protocols) {
            out.add(switch (p) {
                case SGGEN, PHRDET -> SgMode.SGGEN;
                case SGCLS -> SgMode.SGCLS;
                case PREDCLS -> SgMode.PREDCLS;
            });
        }
        return out;
    }

    static String dumpMode(SgMode m) {
        return switch (m) {
            case SGGEN -> "sgdet";
            case SGCLS -> "sgcls";
            case PREDCLS -> "predcls";
        };
    }

    /**
     * What a pass produced: per dump mode the model's and FREQ's results, the detector AP (null without SGGEN), the
     * images, the wall seconds of the whole pass and of the model's inference alone.
     */
    record Outcome(Map<String, List<SgResult>> model, Map<String, List<SgResult>> freq, DetectionAp.Result ap,
                   int images, double seconds, double inferenceSeconds, Path outDir) {
    }

    /**
     * Runs {@code modes} of {@code m} over {@code ds} (every image, split order) into {@code outDir}; {@code freq}
     * (may be null) adds the FREQ rows. {@code maxImages} ≤ 0: all.
     */
    static Outcome run(SgCheckpoint m, VgDataset ds, Set<SgMode> modes, FreqPredictor freq, Path outDir,
                       PrintStream console) {
        long t0 = System.nanoTime();
        createDirectories(outDir);
        String producer = m.dir().toAbsolutePath().toString();
        Map<SgMode, SgEvalSink> sinks = new LinkedHashMap<>();
        Map<SgMode, SgEvalSink> freqSinks = new LinkedHashMap<>();
        Path freqDir = outDir.resolve(FREQ_DIR);
        List<DetectionAp.ImageGt> apGts = new ArrayList<>();
        List<DetectionAp.ImageDets> apDets = new ArrayList<>();
        long inferNanos = 0;
        try {
            for (SgMode mode : modes) {
                sinks.put(mode, SgEvalSink.open(ds, dumpMode(mode), producer, m.configSha256(), outDir, false));
                if (freq != null) {
                    createDirectories(freqDir);
                    freqSinks.put(mode, SgEvalSink.open(ds, dumpMode(mode), "FREQ on the objects of " + producer,
                            m.configSha256(), freqDir, false));
                }
            }
            int next = 0;
            try (BatchLoader loader = new BatchLoader(ds, TrainRun.loader(m.cfg(), m.cfg().phase0().batchSize())
                    .withShuffle(false), 0);
                 Progress bar = Progress.console("eval " + ds.config().split().name().toLowerCase(Locale.ROOT), 0,
                         ds.size(), console)) {
                while (loader.hasNext()) {
                    Batch b = loader.next();
                    try (MemoryScope scope = MemoryScope.open()) {
                        List<Tensor> images = BatchInputs.images(b);
                        List<float[]> gtBoxes = new ArrayList<>();
                        List<int[]> gtLabels = new ArrayList<>();
                        for (int i = 0; i < b.n(); i++) {
                            int from = b.objectOffsets()[i];
                            int to = b.objectOffsets()[i + 1];
                            gtBoxes.add(java.util.Arrays.copyOfRange(b.boxes(), 4 * from, 4 * to));
                            gtLabels.add(java.util.Arrays.copyOfRange(b.labels(), from, to));
                        }
                        long t = System.nanoTime();
                        Map<SgMode, List<SceneGraphPrediction>> preds = m.model().inferModes(images, gtBoxes,
                                gtLabels, modes);
                        inferNanos += System.nanoTime() - t;
                        for (int i = 0; i < b.n(); i++, next++) {
                            VgGraph g = ds.raw(next);
                            if (g.info().imageId() != b.imageIds()[i]) {
                                throw new IllegalStateException("eval: the loader gave image_id " + b.imageIds()[i]
                                        + " where the split has " + g.info().imageId() + " (image " + next + ")");
                            }
                            for (SgMode mode : modes) {
                                SgPrediction p = preds.get(mode).get(i).toEval(b.imageWidths()[i],
                                        b.imageHeights()[i], g.info().width(), g.info().height());
                                sinks.get(mode).add(next, p);
                                if (mode == SgMode.SGGEN) {
                                    double[] scores = new double[p.scores().length];
                                    for (int k = 0; k < scores.length; k++) {
                                        scores[k] = p.scores()[k];
                                    }
                                    apGts.add(new DetectionAp.ImageGt(g.boxes(), g.labels()));
                                    apDets.add(new DetectionAp.ImageDets(p.boxes(), scores, p.labels()));
                                }
                                if (freq != null) {
                                    freqSinks.get(mode).add(next, mode == SgMode.PREDCLS
                                            ? freq.predCls(SgDumps.gt(g)) : freq.replaceRelScores(p));
                                }
                            }
                        }
                        bar.step(next);
                        if (next * 10L / ds.size() > (next - b.n()) * 10L / ds.size()) { // every 10 %
                            bar.log(next, String.format(Locale.ROOT, "%.1f images/s (all modes)",
                                    next / Math.max(1e-9, (System.nanoTime() - t0) / NANOS)));
                        }
                    }
                }
            }
            Map<String, List<SgResult>> model = new LinkedHashMap<>();
            Map<String, List<SgResult>> freqResults = new LinkedHashMap<>();
            PrintStream quiet = new PrintStream(java.io.OutputStream.nullOutputStream());
            for (SgMode mode : modes) {
                model.put(dumpMode(mode), sinks.get(mode).finish(quiet));
                if (freq != null) {
                    freqResults.put(dumpMode(mode), freqSinks.get(mode).finish(quiet));
                }
            }
            DetectionAp.Result ap = apGts.isEmpty() ? null : DetectionAp.evaluate(apGts, apDets);
            if (ap != null) {
                writeAp(outDir.resolve(apFile(ds)), ap, ds, m);
            }
            double seconds = (System.nanoTime() - t0) / NANOS;
            Outcome o = new Outcome(model, freqResults, ap, ds.size(), seconds, inferNanos / NANOS, outDir);
            console.println(table(o));
            console.printf(Locale.ROOT, "%s split, %d images, checkpoint %s (iteration %d): %.1f s (inference %.1f s,"
                    + " %.1f images/s per mode); results in %s%n", ds.config().split().name().toLowerCase(Locale.ROOT),
                    ds.size(), m.dir(), m.iteration(), seconds, inferNanos / NANOS,
                    ds.size() * modes.size() / Math.max(1e-9, inferNanos / NANOS), outDir);
            return o;
        } finally {
            sinks.values().forEach(SgEvalSink::close);
            freqSinks.values().forEach(SgEvalSink::close);
        }
    }

    /** detector-ap-&lt;split&gt;.json. */
    static String apFile(VgDataset ds) {
        return "detector-ap-" + ds.config().split().name().toLowerCase(Locale.ROOT) + ".json";
    }

    /** The model rows, then FREQ's, then the detector's AP. */
    static String table(Outcome o) {
        List<SgResult> rows = new ArrayList<>();
        o.model().values().forEach(rows::addAll);
        StringBuilder sb = new StringBuilder("model\n").append(SgEvalRun.table(rows));
        if (!o.freq().isEmpty()) {
            List<SgResult> f = new ArrayList<>();
            o.freq().values().forEach(f::addAll);
            sb.append("\nFREQ (same objects; PredCls: every GT pair)\n").append(SgEvalRun.table(f));
        }
        if (o.ap() != null) {
            sb.append(String.format(Locale.ROOT, "%ndetector on the SGGen objects: AP50 %.4f AP[.5:.95] %.4f",
                    o.ap().ap50(), o.ap().ap()));
        }
        return sb.toString();
    }

    private static void writeAp(Path file, DetectionAp.Result ap, VgDataset ds, SgCheckpoint m) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("checkpoint", m.dir().toAbsolutePath().toString());
        r.put("iteration", m.iteration());
        r.put("split", ds.config().split().name().toLowerCase(Locale.ROOT));
        r.put("images", ds.size());
        r.put("ap50", ap.ap50());
        r.put("ap", ap.ap());
        List<Map<String, Object>> per = new ArrayList<>();
        ap.ap50PerClass().forEach((c, v) -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("class", c);
            row.put("name", ds.dicts().objectName(c));
            row.put("ap50", v);
            row.put("ap", ap.apPerClass().get(c));
            per.add(row);
        });
        r.put("per_class", per);
        try {
            AtomicFiles.write(file, JSON.writeValueAsString(r).getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private static void createDirectories(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir, e);
        }
    }
}
