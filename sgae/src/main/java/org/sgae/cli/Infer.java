package org.sgae.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.sgae.data.AtomicFiles;
import org.sgae.data.image.ImageFiles;
import org.sgae.data.image.RgbImage;
import org.sgae.data.pipeline.LoaderConfig;
import org.sgae.data.pipeline.Preprocess;
import org.sgae.data.vg.VgDicts;
import org.sgae.eval.SgPrediction;
import org.sgae.model.relation.SceneGraphPrediction;
import org.sgae.model.relation.SgMode;
import org.sgae.report.BoxSet;
import org.sgae.report.Drawings;
import org.sgae.report.FloatImage;
import org.sgae.report.GraphView;
import org.sgae.tensor.Tensor;
import org.sgae.tensor.memory.MemoryScope;
import org.sgae.train.TrainRun;
import org.sgae.train.config.Preset;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code sgae infer IMAGE... --checkpoint F}: each PNG/JPEG, resized as the checkpoint's preset says (the loader's
 * sizes: cpu the world's side, vg 600/1000), through the scene-graph model in SGGen mode → {@code <name>.json}
 * (objects with boxes in the image's own pixels, labels, scores; relations ranked by subject score × predicate
 * score × object score, each with its predicate scores) and {@code <name>-figure.png} (the image with its boxes
 * beside the top relations drawn as a graph).
 */
@Command(name = "infer", mixinStandardHelpOptions = true,
        description = {"Scene graphs of PNG/JPEG images with a phase-2 checkpoint: <out>/<name>.json and",
            "<out>/<name>-figure.png per image. Boxes are in the image's own pixels."})
final class Infer implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    /** Objects drawn on the figure at most (the highest-scoring): more hide the image. */
    static final int FIGURE_OBJECTS = 12;

    @Parameters(arity = "1..*", paramLabel = "IMAGE", description = "PNG or JPEG files")
    List<Path> images;

    @Option(names = "--checkpoint", required = true, paramLabel = "DIR",
            description = "a phase-2 checkpoint folder (iter-N) or run folder (its newest checkpoint)")
    Path checkpoint;

    @Option(names = "--preset", description = "refuse a checkpoint of another preset")
    Preset preset;

    @Option(names = "--out", paramLabel = "DIR", description = "output folder (default ${DEFAULT-VALUE})")
    Path out = Path.of("runs", "infer");

    @Option(names = "--top", description = "relations written per image (default ${DEFAULT-VALUE})")
    int top = 50;

    @Option(names = "--force", description = "replace output files that exist")
    boolean force;

    @Mixin
    DataOptions dataOptions;

    @Override
    public Integer call() {
        if (top < 1) {
            throw new IllegalArgumentException("--top must be >= 1, got " + top);
        }
        // every image is read before the model loads, so a bad file fails fast and nothing is half-written
        List<RgbImage> decoded = new ArrayList<>();
        for (Path p : images) {
            decoded.add(ImageFiles.read(p));
        }
        SgCheckpoint m = SgCheckpoint.load(checkpoint, preset);
        VgDicts dicts = Dicts.of(m.cfg(), dataOptions);
        for (int i = 0; i < images.size(); i++) {
            Path img = images.get(i);
            String name = stem(img);
            Path json = out.resolve(name + ".json");
            Path fig = out.resolve(name + "-figure.png");
            OutputFiles.requireFree(force, List.of(json, fig));
            Result r = infer(m, decoded.get(i));
            write(json, document(img, m, r, dicts, top));
            Drawings.writePng(figure(decoded.get(i), r, dicts, top), fig);
            System.out.printf(Locale.ROOT, "%s: %d objects, %d relations → %s, %s%n", img, r.pred().numObjects(),
                    r.pred().numPairs(), json, fig);
        }
        return 0;
    }

    /** One image's prediction in original pixels. */
    record Result(int width, int height, SgPrediction pred, int numPredicates) {
    }

    /** The image resized as the checkpoint's loader would, SGGen inference, boxes back to original pixels. */
    static Result infer(SgCheckpoint m, RgbImage img) {
        LoaderConfig lc = TrainRun.loader(m.cfg(), 1);
        float s = Preprocess.scale(img.width(), img.height(), lc.minSize(), lc.maxSize());
        int w = Math.max(1, Math.round(img.width() * s));
        int h = Math.max(1, Math.round(img.height() * s));
        float[] px = Preprocess.resizeNormalise(img, w, h, new float[3], new float[] {1, 1, 1}, false);
        try (MemoryScope scope = MemoryScope.open()) {
            SceneGraphPrediction p = m.model().infer(List.of(Tensor.of(px, 3, h, w)), null, null, SgMode.SGGEN)
                    .get(0);
            return new Result(img.width(), img.height(), p.toEval(w, h, img.width(), img.height()),
                    p.numPredicates());
        }
    }

    /** Pair indices by triplet score s_sub · max_{c≥1} p_c · s_obj, highest first (ties: lower index). */
    static Integer[] ranked(SgPrediction p, int numPredicates) {
        int m = p.numPairs();
        double[] t = new double[m];
        for (int i = 0; i < m; i++) {
            t[i] = p.scores()[p.relPairs()[2 * i]] * best(p, numPredicates, i)[1] * p.scores()[p.relPairs()[2 * i + 1]];
        }
        Integer[] order = new Integer[m];
        for (int i = 0; i < m; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(t[b], t[a]));
        return order;
    }

    /** {predicate c ≥ 1 with the highest score, that score} of pair i. */
    private static double[] best(SgPrediction p, int numPredicates, int i) {
        int row = i * numPredicates;
        int c = 1;
        for (int k = 2; k < numPredicates; k++) {
            if (p.relScores()[row + k] > p.relScores()[row + c]) {
                c = k;
            }
        }
        return new double[] {c, p.relScores()[row + c]};
    }

    /** The JSON document of one image. */
    static Map<String, Object> document(Path image, SgCheckpoint m, Result r, VgDicts dicts, int top) {
        SgPrediction p = r.pred();
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("image", image.toString());
        doc.put("width", r.width());
        doc.put("height", r.height());
        doc.put("checkpoint", m.dir().toAbsolutePath().toString());
        doc.put("iteration", m.iteration());
        doc.put("preset", m.cfg().preset().name().toLowerCase(Locale.ROOT));
        List<Map<String, Object>> objects = new ArrayList<>();
        for (int j = 0; j < p.numObjects(); j++) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("index", j);
            o.put("label", p.labels()[j]);
            o.put("name", dicts.objectName(p.labels()[j]));
            o.put("score", p.scores()[j]);
            o.put("box", new float[] {p.boxes()[4 * j], p.boxes()[4 * j + 1], p.boxes()[4 * j + 2],
                p.boxes()[4 * j + 3]});
            objects.add(o);
        }
        doc.put("objects", objects);
        List<Map<String, Object>> rels = new ArrayList<>();
        Integer[] order = ranked(p, r.numPredicates());
        for (int n = 0; n < Math.min(top, order.length); n++) {
            int i = order[n];
            double[] b = best(p, r.numPredicates(), i);
            Map<String, Object> rel = new LinkedHashMap<>();
            rel.put("subject", p.relPairs()[2 * i]);
            rel.put("object", p.relPairs()[2 * i + 1]);
            rel.put("predicate", (int) b[0]);
            rel.put("name", dicts.predicateName((int) b[0]));
            rel.put("score", p.scores()[p.relPairs()[2 * i]] * b[1] * p.scores()[p.relPairs()[2 * i + 1]]);
            Map<String, Float> scores = new LinkedHashMap<>();
            for (int c = 1; c < r.numPredicates(); c++) {
                scores.put(dicts.predicateName(c), p.relScores()[i * r.numPredicates() + c]);
            }
            rel.put("predicate_scores", scores);
            rels.add(rel);
        }
        doc.put("relations", rels);
        return doc;
    }

    /** The image with its highest-scoring boxes beside the top relations among them as a graph. */
    static BufferedImage figure(RgbImage img, Result r, VgDicts dicts, int top) {
        Shown s = shown(r.pred(), r.numPredicates(), dicts, FIGURE_OBJECTS, Math.min(top,
                org.sgae.report.ReportWriter.MAX_GRAPH_EDGES));
        return sideBySide(Drawings.boxes(FloatImage.of(img), s.boxes()), Drawings.graph(s.graph()));
    }

    /** What a figure shows: boxes and graph over the same objects, box i and graph node i the same object. */
    record Shown(BoxSet boxes, GraphView graph) {
    }

    /**
     * The n highest-scoring objects (ties: lower index) as boxes tagged 0..k−1 in that order, and the graph of the
     * pairs among them with each pair's best predicate and triplet score, its {@code edges} highest-scoring edges
     * kept; graph node ids are the same 0..k−1, so a box and its node carry the same tag.
     */
    static Shown shown(SgPrediction p, int numPredicates, VgDicts dicts, int n, int edges) {
        Integer[] order = new Integer[p.numObjects()];
        for (int j = 0; j < order.length; j++) {
            order[j] = j;
        }
        Arrays.sort(order, (a, b) -> Float.compare(p.scores()[b], p.scores()[a]));
        int k = Math.min(n, order.length);
        int[] pos = new int[p.numObjects()];
        Arrays.fill(pos, -1);
        float[] bx = new float[4 * k];
        String[] labels = new String[k];
        float[] scores = new float[k];
        List<String> names = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            int j = order[i];
            pos[j] = i;
            System.arraycopy(p.boxes(), 4 * j, bx, 4 * i, 4);
            labels[i] = dicts.objectName(p.labels()[j]);
            scores[i] = p.scores()[j];
            names.add(labels[i]);
        }
        List<GraphView.Edge> list = new ArrayList<>();
        for (int i = 0; i < p.numPairs(); i++) {
            int s = p.relPairs()[2 * i];
            int o = p.relPairs()[2 * i + 1];
            if (pos[s] < 0 || pos[o] < 0) {
                continue;
            }
            double[] b = best(p, numPredicates, i);
            list.add(new GraphView.Edge(pos[s], pos[o], dicts.predicateName((int) b[0]),
                    p.scores()[s] * b[1] * p.scores()[o]));
        }
        return new Shown(new BoxSet(bx, labels, scores), GraphView.of(names, list).topEdges(edges));
    }

    static BufferedImage sideBySide(BufferedImage a, BufferedImage b) {
        int gap = 8;
        BufferedImage out = new BufferedImage(a.getWidth() + gap + b.getWidth(), Math.max(a.getHeight(),
                b.getHeight()), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, out.getWidth(), out.getHeight());
        g.drawImage(a, 0, 0, null);
        g.drawImage(b, a.getWidth() + gap, 0, null);
        g.dispose();
        return out;
    }

    static String stem(Path p) {
        String n = p.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot > 0 ? n.substring(0, dot) : n;
    }

    static void write(Path file, Object doc) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            AtomicFiles.write(file, JSON.writeValueAsString(doc).getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
