package org.sgae.data.synth;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import org.sgae.data.vg.FrequencyStats;
import org.sgae.data.vg.VgConfig;
import org.sgae.data.vg.VgDataset;
import org.sgae.data.vg.VgGraph;
import org.sgae.data.vg.VgSplit;

/**
 * neural-motifs' FREQ baseline in PredCls: how far the two labels alone predict the predicate. Statistics are
 * the train split's predicate counts per (subject label, object label) ({@link FrequencyStats}); every
 * ordered pair of GT objects of a test image gets the distribution fg / Σ fg of its label pair (pairs never
 * seen in train get no prediction). Recall follows eval-spec.md §5.1 (graph constraint: each pair's argmax
 * predicate scored by its probability) and §5.2 (no graph constraint: every pair × predicate entry), with
 * GT boxes and labels standing in for the predictions (scores 1), averaged over images with ≥ 1 GT relation.
 * <pre>
 * java -cp ... org.sgae.data.synth.FreqBaseline --data DIR [--h5 VG-SGG.h5]
 * </pre>
 */
public final class FreqBaseline {
    /** ng-R@K keeps at most this many entries per image (eval-spec.md §5.2). */
    private static final int NG_KEEP = 100;

    private final FrequencyStats stats;

    public FreqBaseline(FrequencyStats stats) {
        this.stats = stats;
    }

    /** Mean recalls over the evaluated images. */
    public record Result(int images, long gtTriples, double r20, double r50, double r100, double ngR50) {
    }

    public Result evaluate(List<VgGraph> test) {
        double[] sum = new double[4];
        int images = 0;
        long triples = 0;
        for (VgGraph g : test) {
            if (g.numRelations() == 0) {
                continue; // skip rule
            }
            images++;
            triples += g.numRelations();
            List<int[]> ranked = graphConstrained(g);
            sum[0] += recall(g, ranked, 20);
            sum[1] += recall(g, ranked, 50);
            sum[2] += recall(g, ranked, 100);
            sum[3] += recall(g, noGraphConstraint(g), 50);
        }
        double n = Math.max(1, images);
        return new Result(images, triples, sum[0] / n, sum[1] / n, sum[2] / n, sum[3] / n);
    }

    /** P(predicate | labels) over predicates 1..P, or null when train never saw the label pair. */
    double[] distribution(int subjectLabel, int objectLabel) {
        int p = stats.numPredicateClasses();
        int row = (subjectLabel * stats.numObjectClasses() + objectLabel) * p;
        long total = 0;
        for (int c = 1; c < p; c++) {
            total += stats.fg()[row + c];
        }
        if (total == 0) {
            return null;
        }
        double[] d = new double[p];
        for (int c = 1; c < p; c++) {
            d[c] = (double) stats.fg()[row + c] / total;
        }
        return d;
    }

    /** {subject, object, predicate} per pair with its argmax predicate (lowest on ties), best score first. */
    List<int[]> graphConstrained(VgGraph g) {
        List<int[]> preds = new ArrayList<>();
        List<Double> scores = new ArrayList<>();
        forEachPair(g, (i, j, d) -> {
            int best = 1;
            for (int c = 2; c < d.length; c++) {
                if (d[c] > d[best]) {
                    best = c;
                }
            }
            preds.add(new int[] {i, j, best});
            scores.add(d[best]);
        });
        return rank(preds, scores);
    }

    /** Every pair × predicate entry with a non-zero probability, best first, at most {@link #NG_KEEP}. */
    private List<int[]> noGraphConstraint(VgGraph g) {
        List<int[]> preds = new ArrayList<>();
        List<Double> scores = new ArrayList<>();
        forEachPair(g, (i, j, d) -> {
            for (int c = 1; c < d.length; c++) {
                if (d[c] > 0) {
                    preds.add(new int[] {i, j, c});
                    scores.add(d[c]);
                }
            }
        });
        List<int[]> ranked = rank(preds, scores);
        return ranked.subList(0, Math.min(NG_KEEP, ranked.size()));
    }

    private interface PairBody {
        void accept(int i, int j, double[] distribution);
    }

    /** Ordered pairs i ≠ j in row-major order (the tie order of eval-spec.md §5.1), skipping unseen label pairs. */
    private void forEachPair(VgGraph g, PairBody body) {
        int[] l = g.labels();
        for (int i = 0; i < l.length; i++) {
            for (int j = 0; j < l.length; j++) {
                double[] d = i == j ? null : distribution(l[i], l[j]);
                if (d != null) {
                    body.accept(i, j, d);
                }
            }
        }
    }

    /** Stable sort by score, descending: equal scores keep their input order. */
    private static List<int[]> rank(List<int[]> preds, List<Double> scores) {
        Integer[] order = new Integer[preds.size()];
        for (int k = 0; k < order.length; k++) {
            order[k] = k;
        }
        Arrays.sort(order, (a, b) -> Float.compare((float) (double) scores.get(b), (float) (double) scores.get(a)));
        List<int[]> out = new ArrayList<>();
        for (int k : order) {
            out.add(preds.get(k));
        }
        return out;
    }

    /** Share of the GT triplets hit by the first K ranked predictions (matching of eval-spec.md §5.1 step 6). */
    static double recall(VgGraph g, List<int[]> ranked, int k) {
        int[] r = g.relations();
        int[] l = g.labels();
        BitSet hit = new BitSet();
        for (int[] m : ranked.subList(0, Math.min(k, ranked.size()))) {
            for (int t = 0; t < g.numRelations(); t++) {
                int s = r[3 * t];
                int o = r[3 * t + 1];
                if (r[3 * t + 2] == m[2] && l[s] == l[m[0]] && l[o] == l[m[1]]
                        && iou(g.boxes(), s, m[0]) >= 0.5f && iou(g.boxes(), o, m[1]) >= 0.5f) {
                    hit.set(t);
                }
            }
        }
        return (double) hit.cardinality() / g.numRelations();
    }

    /** Box IoU with inclusive pixel extents, in float32 (eval-spec.md §3). */
    static float iou(float[] b, int a, int c) {
        float iw = Math.max(0f, Math.min(b[4 * a + 2], b[4 * c + 2]) - Math.max(b[4 * a], b[4 * c]) + 1);
        float ih = Math.max(0f, Math.min(b[4 * a + 3], b[4 * c + 3]) - Math.max(b[4 * a + 1], b[4 * c + 1]) + 1);
        float inter = iw * ih;
        float areaA = (b[4 * a + 2] - b[4 * a] + 1) * (b[4 * a + 3] - b[4 * a + 1] + 1);
        float areaC = (b[4 * c + 2] - b[4 * c] + 1) * (b[4 * c + 3] - b[4 * c + 1] + 1);
        return inter / (areaA + areaC - inter);
    }

    public static void main(String[] args) {
        Path data = null;
        String h5 = "VG-SGG.h5";
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--data" -> data = Path.of(args[++i]);
                case "--h5" -> h5 = args[++i];
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (data == null) {
            throw new IllegalArgumentException("usage: FreqBaseline --data DIR [--h5 VG-SGG.h5]");
        }
        VgConfig cfg = VgConfig.of(data, VgSplit.TRAIN).withH5(h5).withNumValIm(0).withFilters(false, false, false);
        VgDataset train = VgDataset.open(cfg);
        VgDataset test = VgDataset.open(cfg.withSplit(VgSplit.TEST));
        List<VgGraph> graphs = new ArrayList<>();
        for (int i = 0; i < test.size(); i++) {
            graphs.add(test.raw(i));
        }
        Result r = new FreqBaseline(FrequencyStats.compute(train)).evaluate(graphs);
        System.out.printf(Locale.ROOT, "FREQ PredCls on %s (%s): %d test images, %d GT triplets%n"
                + "R@20 %.4f  R@50 %.4f  R@100 %.4f  ng-R@50 %.4f%n", data, h5, r.images(), r.gtTriples(), r.r20(),
                r.r50(), r.r100(), r.ngR50());
        System.out.print(new FreqBaseline(FrequencyStats.compute(train)).labelPairReport(15));
    }

    /**
     * Train statistics: predicate histogram, label pairs seen and those with ≥ 2 predicates, and the
     * {@code top} most frequent label pairs with the share of their most frequent predicate (what FREQ gets
     * right on them).
     */
    String labelPairReport(int top) {
        int c = stats.numObjectClasses();
        int p = stats.numPredicateClasses();
        long[] hist = new long[p];
        List<long[]> pairs = new ArrayList<>(); // {so, total, mode count, mode}
        int multi = 0;
        long inMulti = 0;
        long modes = 0;
        for (int so = 0; so < c * c; so++) {
            long total = 0;
            long mode = 0;
            int arg = 0;
            int kinds = 0;
            for (int k = 1; k < p; k++) {
                long n = stats.fg()[so * p + k];
                hist[k] += n;
                total += n;
                kinds += n > 0 ? 1 : 0;
                if (n > mode) {
                    mode = n;
                    arg = k;
                }
            }
            if (total > 0) {
                pairs.add(new long[] {so, total, mode, arg});
                multi += kinds >= 2 ? 1 : 0;
                inMulti += kinds >= 2 ? total : 0;
                modes += mode;
            }
        }
        long all = Arrays.stream(hist).sum();
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT,
                "train: %d relations, %d label pairs, %d with >= 2 predicates (holding %.1f %% of the relations);"
                + " %.1f %% of the relations carry their pair's most frequent predicate%npredicates (%%):", all,
                pairs.size(), multi, 100.0 * inMulti / Math.max(1, all), 100.0 * modes / Math.max(1, all)));
        Integer[] byCount = new Integer[p - 1];
        for (int k = 1; k < p; k++) {
            byCount[k - 1] = k;
        }
        Arrays.sort(byCount, (a, b) -> Long.compare(hist[b], hist[a]));
        for (int k : byCount) {
            sb.append(String.format(Locale.ROOT, " %s %.1f", Vocab.predName(k), 100.0 * hist[k] / Math.max(1, all)));
        }
        sb.append("\ntop label pairs (relations, share of the most frequent predicate):\n");
        pairs.sort((a, b) -> Long.compare(b[1], a[1]));
        for (long[] e : pairs.subList(0, Math.min(top, pairs.size()))) {
            sb.append(String.format(Locale.ROOT, "  %s-%s %d  %s %.2f%n", Vocab.className((int) (e[0] / c)),
                    Vocab.className((int) (e[0] % c)), e[1], Vocab.predName((int) e[3]), (double) e[2] / e[1]));
        }
        return sb.toString();
    }
}
