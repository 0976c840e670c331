package org.sgae.report;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.sgae.train.RunLog;

/** Synthetic report inputs: a run log written by the real RunLog, tables with known values, random images. */
final class ReportFixtures {
    static final String[] CLASSES = {"person", "horse", "tree", "street", "car", "dog", "window", "bird", "bench",
        "hat", "shirt", "table"};
    static final String[] PREDICATES = {"on", "has", "wearing", "riding", "near", "behind", "in", "above"};

    private ReportFixtures() {
    }

    /** Two phases; phase 1 has a skipped step, a NaN loss and a resume that logs iterations 30 and 40 again. */
    static Path writeRunLog(Path runDir) {
        RunLog log = new RunLog(runDir);
        for (int it = 10; it <= 100; it += 10) {
            log.progress(0, it, losses("rpn_cls", 0.7 / Math.sqrt(it), "rpn_box", 0.2 / Math.sqrt(it), "roi_cls",
                    1.5 / Math.sqrt(it), "roi_box", 0.4 / Math.sqrt(it)), 0.01 * Math.min(1, it / 50.0), 4.5, 0);
        }
        for (int it = 10; it <= 40; it += 10) {
            log.progress(1, it, losses("l1", 1.0 / it, "gan_img", 0.69, "gan_obj", 0.7), 1e-4, 12.0, 0);
        }
        log.skipped(1, 45, "loss is NaN");
        log.progress(1, 50, losses("l1", Double.NaN, "gan_img", 0.69, "gan_obj", 0.7), 1e-4, 12.0, 1);
        for (int it = 30; it <= 80; it += 10) { // resumed from the checkpoint at iteration 20
            log.progress(1, it, losses("l1", 0.5 / it, "gan_img", 0.68, "gan_obj", 0.71), 1e-4, 11.0, 1);
        }
        return log.file();
    }

    private static Map<String, Double> losses(Object... kv) {
        Map<String, Double> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], (Double) kv[i + 1]);
        }
        return m;
    }

    static ResultTable sgTable() {
        List<ResultTable.Row> rows = List.of(
                new ResultTable.Row("SGGen", 0.123456, 0.15, 0.175),
                new ResultTable.Row("PhrDet", 0.2, 0.25, 0.3),
                new ResultTable.Row("SGCls", 0.3, 0.35, Double.NaN),
                new ResultTable.Row("PredCls", 0.5, 0.6, 1.0),
                new ResultTable.Row("FREQ (PredCls)", 0.4, 0.45, 0.5),
                new ResultTable.Row("λ_img = 0 (SGGen)", 0.11, 0.14, 0.16));
        return ResultTable.percent("Relation recall <R@K>", List.of("R@20", "R@50", "R@100"), rows)
                .withNote("FREQ: most frequent predicate per class pair & no image.");
    }

    static ResultTable imageTable() {
        return new ResultTable("Image metrics", List.of("L1", "PSNR (dB)", "SSIM"),
                List.of(new ResultTable.Row("PRED", 0.187654, 21.234567, 0.45),
                        new ResultTable.Row("GT", 0.15, 23.5, 0.55)), ResultTable.Style.PLAIN, null);
    }

    static BarData classAp() {
        Map<String, Double> m = new LinkedHashMap<>();
        for (int i = 0; i < CLASSES.length; i++) {
            m.put(CLASSES[i], i == 3 ? Double.NaN : (i + 1) / (double) CLASSES.length);
        }
        return BarData.classAp(m);
    }

    static BarData predicateRecall() {
        Map<String, Double> m = new LinkedHashMap<>();
        for (int i = 0; i < PREDICATES.length; i++) {
            m.put(PREDICATES[i], 0.9 - 0.1 * i);
        }
        return BarData.predicateRecall("SGGen", 100, m);
    }

    static FloatImage randomImage(SplittableRandom r, int h, int w) {
        float[] v = new float[3 * h * w];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) r.nextDouble();
        }
        return new FloatImage(h, w, v);
    }

    static BoxSet randomBoxes(SplittableRandom r, int n, int h, int w) {
        float[] b = new float[4 * n];
        String[] labels = new String[n];
        float[] scores = new float[n];
        for (int i = 0; i < n; i++) {
            float x1 = r.nextInt(w - 20);
            float y1 = r.nextInt(h - 20);
            b[4 * i] = x1;
            b[4 * i + 1] = y1;
            b[4 * i + 2] = x1 + 10 + r.nextInt(w - (int) x1 - 10);
            b[4 * i + 3] = y1 + 10 + r.nextInt(h - (int) y1 - 10);
            labels[i] = CLASSES[r.nextInt(CLASSES.length)];
            scores[i] = (float) r.nextDouble();
        }
        return new BoxSet(b, labels, scores);
    }

    /** A graph over the given labels: a chain, one reverse edge, one parallel edge, scores if asked. */
    static GraphView graph(SplittableRandom r, String[] labels, boolean scored) {
        List<GraphView.Edge> edges = new ArrayList<>();
        for (int i = 0; i + 1 < labels.length; i++) {
            edges.add(new GraphView.Edge(i, i + 1, PREDICATES[r.nextInt(PREDICATES.length)],
                    scored ? r.nextDouble() : Double.NaN));
        }
        if (labels.length > 1) {
            edges.add(new GraphView.Edge(1, 0, "near", scored ? 0.5 : Double.NaN));
            edges.add(new GraphView.Edge(0, 1, "behind", scored ? 0.25 : Double.NaN));
        }
        return GraphView.of(List.of(labels), edges);
    }

    /** Image cases: the first complete, the second without reconstructions, the third with only a GT graph. */
    static List<ImageCase> cases(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        List<ImageCase> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            FloatImage in = randomImage(r, 128, 128);
            BoxSet boxes = randomBoxes(r, 5, 128, 128);
            String[] gtLabels = {"man", "horse", "street", "hat"};
            GraphView gt = graph(r, gtLabels, false);
            switch (i % 3) {
                case 0 -> out.add(new ImageCase("image <" + i + "> & co", in, boxes, graph(r, boxes.labels(), true), gt,
                        randomImage(r, 64, 64), randomImage(r, 64, 64), randomImage(r, 64, 64)));
                case 1 -> out.add(new ImageCase("image " + i, in, boxes, graph(r, boxes.labels(), true), gt,
                        null, null, null));
                default -> out.add(new ImageCase(null, null, null, null, gt, null, null, null));
            }
        }
        return out;
    }
}
