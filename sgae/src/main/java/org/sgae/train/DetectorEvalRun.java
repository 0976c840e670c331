package org.sgae.train;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.sgae.autograd.GradMode;
import org.sgae.data.AtomicFiles;
import org.sgae.data.pipeline.Batch;
import org.sgae.data.pipeline.BatchLoader;
import org.sgae.data.vg.VgDataset;
import org.sgae.data.vg.VgGraph;
import org.sgae.data.vg.VgSplit;
import org.sgae.eval.DetectionAp;
import org.sgae.model.detector.BatchInputs;
import org.sgae.model.detector.DetectorModel;
import org.sgae.model.detector.FasterRcnn;
import org.sgae.model.detector.roi.Detections;
import org.sgae.tensor.memory.MemoryScope;
import org.sgae.train.config.ConfigJson;
import org.sgae.train.config.Preset;
import org.sgae.train.config.TrainConfig;

/**
 * {@code sgae eval --detector}: a phase-0 checkpoint's detections over one split, mapped to original-image pixels
 * (eval-spec §4), scored with COCO-style AP50 and AP[.5:.95] (§6). Writes {@code detector-eval-<split>.json} and the
 * checkpoint's resolved config beside it.
 */
public final class DetectorEvalRun {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final double NANOS_PER_SECOND = 1e9;

    private DetectorEvalRun() {
    }

    /**
     * What to evaluate: {@code preset} (may be null) is the preset the caller expects the checkpoint to have;
     * without {@code data}, the checkpoint's synthetic world from the cache {@code worldCache}.
     */
    public record Request(Path checkpoint, Preset preset, Path data, VgSplit split, Path out, Path worldCache) {
    }

    /** The scores, the images scored and the results file. */
    public record Outcome(DetectionAp.Result ap, int images, int iteration, Path results, double seconds) {
    }

    /** The results file of a split. */
    public static String resultsName(VgSplit split) {
        return "detector-eval-" + split.name().toLowerCase(Locale.ROOT) + ".json";
    }

    /**
     * A checkpoint folder (with model.safetensors) as it is, or a run folder's newest checkpoint; otherwise one
     * error naming the folder.
     */
    public static Path resolveCheckpoint(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException(dir + ": no such checkpoint folder");
        }
        if (Files.exists(dir.resolve(Checkpoint.MODEL))) {
            return dir;
        }
        return Checkpoint.latest(dir).orElseThrow(() -> new IllegalArgumentException(dir + ": holds neither "
                + Checkpoint.MODEL + " nor checkpoints/iter-*"));
    }

    public static Outcome run(Request req, PrintStream console) {
        long t0 = System.nanoTime();
        Path ckpt = resolveCheckpoint(req.checkpoint());
        TrainConfig cfg = ConfigJson.read(ckpt.resolve(Checkpoint.CONFIG));
        if (req.preset() != null && req.preset() != cfg.preset()) {
            throw new IllegalArgumentException(ckpt.resolve(Checkpoint.CONFIG) + ": checkpoint of preset "
                    + cfg.preset() + ", expected " + req.preset());
        }
        DetectorModel model = DetectorModel.create(cfg);
        Checkpoint.State state = Checkpoint.loadModel(ckpt, cfg, 0, model.trainable());
        Path data = req.data() != null ? req.data() : SyntheticWorlds.ensure(cfg.world(), req.worldCache(), console);
        VgDataset ds = VgDataset.open(cfg.preset().split(data, req.split()));
        Scored s = detectAll(model.detector(), ds, cfg);
        DetectionAp.Result ap = DetectionAp.evaluate(s.gts(), s.dets());
        Path out = req.out() != null ? req.out() : ckpt;
        double seconds = (System.nanoTime() - t0) / NANOS_PER_SECOND;
        Path results = out.resolve(resultsName(req.split()));
        write(out, cfg, results, report(ckpt, data, req.split(), state.iteration(), s, ap, ds, seconds));
        console.print(table(ap, ds, s));
        console.printf(Locale.ROOT, "%s split, %d images, checkpoint %s (iteration %d): AP50 %.4f AP %.4f"
                + " (%.1f s, inference %.1f images/s); results %s%n", req.split().name().toLowerCase(Locale.ROOT),
                s.gts().size(), ckpt, state.iteration(), ap.ap50(), ap.ap(), seconds, s.imagesPerSecond(), results);
        return new Outcome(ap, s.gts().size(), state.iteration(), results, seconds);
    }

    /** Every image's GT (original pixels) and detections (mapped to original pixels), in the split's order. */
    record Scored(List<DetectionAp.ImageGt> gts, List<DetectionAp.ImageDets> dets, Map<Integer, Integer> gtCounts,
                  Map<Integer, Double> medianSide, double imagesPerSecond) {
    }

    /** Per class the median of √area ("+1" area, original pixels) of its GT boxes: how small the class is. */
    private static Map<Integer, Double> medianSides(List<DetectionAp.ImageGt> gts) {
        Map<Integer, List<Double>> sides = new HashMap<>();
        for (DetectionAp.ImageGt g : gts) {
            float[] b = g.boxes();
            for (int k = 0; k < g.labels().length; k++) {
                double area = (b[4 * k + 2] - b[4 * k] + 1.0) * (b[4 * k + 3] - b[4 * k + 1] + 1.0);
                sides.computeIfAbsent(g.labels()[k], c -> new ArrayList<>()).add(Math.sqrt(area));
            }
        }
        Map<Integer, Double> out = new HashMap<>();
        sides.forEach((c, v) -> {
            v.sort(null);
            out.put(c, v.get(v.size() / 2));
        });
        return out;
    }

    private static Scored detectAll(FasterRcnn detector, VgDataset ds, TrainConfig cfg) {
        Map<Long, VgGraph> byId = new HashMap<>();
        for (int i = 0; i < ds.size(); i++) {
            byId.put(ds.raw(i).info().imageId(), ds.raw(i));
        }
        List<DetectionAp.ImageGt> gts = new ArrayList<>();
        List<DetectionAp.ImageDets> dets = new ArrayList<>();
        Map<Integer, Integer> counts = new HashMap<>();
        detector.eval();
        long nanos = 0;
        try (GradMode off = GradMode.disabled();
             BatchLoader loader = new BatchLoader(ds, TrainRun.loader(cfg, cfg.phase0().batchSize())
                     .withShuffle(false), 0)) {
            while (loader.hasNext()) {
                Batch b = loader.next();
                try (MemoryScope scope = MemoryScope.open()) {
                    long t = System.nanoTime();
                    List<Detections> found = detector.detect(BatchInputs.images(b));
                    nanos += System.nanoTime() - t;
                    for (int i = 0; i < b.n(); i++) {
                        VgGraph g = byId.get(b.imageIds()[i]);
                        gts.add(new DetectionAp.ImageGt(g.boxes(), g.labels()));
                        for (int l : g.labels()) {
                            counts.merge(l, 1, Integer::sum);
                        }
                        dets.add(toOriginal(found.get(i), g.info().width(), g.info().height(), b.imageWidths()[i],
                                b.imageHeights()[i]));
                    }
                }
            }
        }
        return new Scored(gts, dets, counts, medianSides(gts), gts.size() / (nanos / NANOS_PER_SECOND));
    }

    /**
     * Detections in the input frame (wIn × hIn) → original pixels (w × h), eval-spec §4: each ratio in double rounded
     * to float32, float32 products, no clipping. Before that, §3's x2 ≥ x1 and y2 ≥ y1 clamp (a box decoded wholly
     * past the right edge is clipped to x1 = W − 1 with x2 below it).
     */
    static DetectionAp.ImageDets toOriginal(Detections d, int w, int h, int wIn, int hIn) {
        float rx = (float) ((double) w / wIn);
        float ry = (float) ((double) h / hIn);
        int n = d.size();
        float[] b = d.boxes();
        float[] boxes = new float[4 * n];
        double[] scores = new double[n];
        for (int k = 0; k < n; k++) {
            float x1 = b[4 * k];
            float y1 = b[4 * k + 1];
            boxes[4 * k] = x1 * rx;
            boxes[4 * k + 1] = y1 * ry;
            boxes[4 * k + 2] = Math.max(x1, b[4 * k + 2]) * rx;
            boxes[4 * k + 3] = Math.max(y1, b[4 * k + 3]) * ry;
            scores[k] = d.scores()[k];
        }
        return new DetectionAp.ImageDets(boxes, scores, d.labels().clone());
    }

    private static String table(DetectionAp.Result ap, VgDataset ds, Scored s) {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%-4s %-16s %6s %6s %7s %7s%n", "idx",
                "class", "GT", "side", "AP50", "AP"));
        ap.ap50PerClass().forEach((c, v) -> sb.append(String.format(Locale.ROOT, "%-4d %-16s %6d %6.1f %7.4f %7.4f%n",
                c, ds.dicts().objectName(c), s.gtCounts().get(c), s.medianSide().get(c), v, ap.apPerClass().get(c))));
        return sb.toString();
    }

    private static Map<String, Object> report(Path ckpt, Path data, VgSplit split, int iteration, Scored s,
                                              DetectionAp.Result ap, VgDataset ds, double seconds) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("checkpoint", ckpt.toAbsolutePath().toString());
        r.put("iteration", iteration);
        r.put("data", data.toAbsolutePath().toString());
        r.put("split", split.name().toLowerCase(Locale.ROOT));
        r.put("images", s.gts().size());
        r.put("ap50", ap.ap50());
        r.put("ap", ap.ap());
        List<Map<String, Object>> perClass = new ArrayList<>();
        ap.ap50PerClass().forEach((c, v) -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("class", c);
            row.put("name", ds.dicts().objectName(c));
            row.put("gt", s.gtCounts().get(c));
            row.put("median_side_px", s.medianSide().get(c));
            row.put("ap50", v);
            row.put("ap", ap.apPerClass().get(c));
            perClass.add(row);
        });
        r.put("per_class", perClass);
        r.put("inference_images_per_s", s.imagesPerSecond());
        r.put("seconds", seconds);
        return r;
    }

    /** The results and, unless it is there already (the checkpoint's own folder), the resolved config. */
    private static void write(Path out, TrainConfig cfg, Path results, Map<String, Object> report) {
        try {
            Files.createDirectories(out);
            if (!Files.exists(out.resolve(TrainRun.CONFIG))) {
                TrainRun.saveConfig(out, cfg);
            }
            AtomicFiles.write(results, JSON.writeValueAsString(report).getBytes(StandardCharsets.UTF_8));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode the results", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + out, e);
        }
    }
}
