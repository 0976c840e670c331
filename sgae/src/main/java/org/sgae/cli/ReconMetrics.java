package org.sgae.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.sgae.data.AtomicFiles;
import org.sgae.data.pipeline.Batch;
import org.sgae.data.pipeline.BatchLoader;
import org.sgae.data.vg.VgDataset;
import org.sgae.eval.ImageMetrics;
import org.sgae.model.generator.GtGraphs;
import org.sgae.model.generator.Reconstruction;
import org.sgae.tensor.memory.MemoryScope;
import org.sgae.train.Progress;
import org.sgae.train.TrainRun;
import org.sgae.train.config.TrainConfig;

/**
 * The image metrics of eval-spec §7 (L1, PSNR, SSIM against the 64×64 antialiased test image, both in [0, 1]) of the
 * generator's reconstructions in the modes that need no scene-graph model: GT (GT graph and boxes) and GRAPH_ONLY
 * (GT graph, box-net boxes), over the first {@code limit} images of a split; written to image-metrics.json.
 * The PRED mode (predicted graph and boxes) needs the joint model and joins here when it exists.
 */
final class ReconMetrics {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    /** Reconstructions' noise seed (fixed, so reruns compare). */
    static final long SEED = 7;

    private ReconMetrics() {
    }

    /** Per mode ("GT", "GRAPH_ONLY") the mean values; the number of images. */
    record Outcome(Map<String, ImageMetrics.Values> means, long images) {
    }

    static Outcome run(Generate.Loaded g, TrainConfig cfg, VgDataset ds, int limit, Path file, PrintStream console) {
        Map<String, ImageMetrics.Mean> means = new LinkedHashMap<>();
        for (Reconstruction.Mode m : Reconstruction.Mode.values()) {
            means.put(m.name(), new ImageMetrics.Mean());
        }
        int n = Math.min(limit, ds.size());
        int done = 0;
        try (BatchLoader loader = new BatchLoader(ds, TrainRun.loader(cfg, cfg.phase1().batchSize())
                .withShuffle(false), 0);
             Progress bar = Progress.console("image metrics", 0, n, console)) {
            while (loader.hasNext() && done < n) {
                Batch b = loader.next();
                try (MemoryScope scope = MemoryScope.open()) {
                    for (Reconstruction.Mode m : Reconstruction.Mode.values()) {
                        Reconstruction.Result r = Reconstruction.reconstruct(g.generator(), b, m, SEED);
                        float[] img = Reconstruction.pixels(r.images()).toFloatArray();       // [B·3·S·S]
                        float[] tgt = floats(GtGraphs.denormalise(r.targets()));
                        int s = r.images().dim(2);
                        int per = 3 * s * s;
                        for (int i = 0; i < b.n() && done + i < n; i++) {
                            means.get(m.name()).add(ImageMetrics.of(java.util.Arrays.copyOfRange(img, i * per,
                                    (i + 1) * per), java.util.Arrays.copyOfRange(tgt, i * per, (i + 1) * per), 3, s,
                                    s));
                        }
                    }
                }
                int before = done;
                done = Math.min(n, done + b.n());
                bar.step(done);
                if (done * 4L / n > before * 4L / n) { // every 25 %
                    bar.log(done, "images");
                }
            }
        }
        Map<String, ImageMetrics.Values> out = new LinkedHashMap<>();
        means.forEach((k, v) -> out.put(k, v.mean()));
        int count = done;
        write(file, out, count, ds);
        out.forEach((k, v) -> console.printf(Locale.ROOT, "reconstruction %-10s L1 %.4f PSNR %.2f dB SSIM %.4f (%d"
                + " test images)%n", k, v.l1(), v.psnr(), v.ssim(), count));
        return new Outcome(out, count);
    }

    /**
     * The joint model's reconstructions in GT, PRED (the auto-encoder: predicted graph and boxes through the
     * coupling) and GRAPH_ONLY ({@code Reconstructions}), over the first {@code limit} images; same file.
     */
    static Outcome runJoint(Path checkpoint, VgDataset ds, int limit, Path file, PrintStream console) {
        org.sgae.model.joint.JointModel model = org.sgae.model.joint.JointModel.fromCheckpoint(checkpoint);
        var r = org.sgae.model.joint.Reconstructions.run(model, ds, limit, SEED, null);
        Map<String, ImageMetrics.Values> out = new LinkedHashMap<>();
        r.means().forEach((m, v) -> out.put(m.name(), v));
        write(file, out, r.images(), ds);
        out.forEach((k, v) -> console.printf(Locale.ROOT, "reconstruction %-10s L1 %.4f PSNR %.2f dB SSIM %.4f (%d"
                + " test images, joint model)%n", k, v.l1(), v.psnr(), v.ssim(), r.images()));
        return new Outcome(out, r.images());
    }

    private static float[] floats(double[] v) {
        float[] f = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            f[i] = (float) v[i];
        }
        return f;
    }

    private static void write(Path file, Map<String, ImageMetrics.Values> means, long images, VgDataset ds) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("split", ds.config().split().name().toLowerCase(Locale.ROOT));
        doc.put("images", images);
        doc.put("seed", SEED);
        List<Map<String, Object>> rows = new ArrayList<>();
        means.forEach((mode, v) -> {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("mode", mode);
            r.put("l1", v.l1());
            r.put("psnr", v.psnr());
            r.put("ssim", v.ssim());
            rows.add(r);
        });
        doc.put("modes", rows);
        try {
            AtomicFiles.write(file, JSON.writeValueAsString(doc).getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
