package org.sgae.data.synth;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Turns a {@link TrueGraph} into annotations: the clean graph (all objects, every true predicate of every
 * pair) or a VG-like noisy one. The noisy annotator considers only salient pairs (composed, overlapping or
 * near), picks one predicate per pair (VG-like preference), keeps it with a calibrated per-predicate
 * probability, higher for composed pairs (so shares follow the long tail), then applies the noise knobs in
 * a fixed order so that the random stream, and hence the output, is deterministic.
 */
final class Annotator {
    /** Preference among the valid predicates of one pair: interactions and support over geometry. */
    private static final double[] PREF = new double[Vocab.PREDICATES.size() + 1];

    static {
        String[] names = {"on", "has", "wearing", "holding", "riding", "in", "part of", "in front of", "behind",
            "above", "under", "near", "left of", "right of"};
        double[] w = {10, 8, 8, 8, 8, 6, 3, 3, 3, 2, 2, 2, 1, 1};
        for (int i = 0; i < names.length; i++) {
            PREF[Vocab.pred(names[i])] = w[i];
        }
    }

    /**
     * How many times as likely a composed relation (one the composer built from this subject to this object:
     * the cup under its table, the bird flying above its sign) is kept as incidental geometry with the same
     * predicate, at most always. Annotators describe what a scene is about first. The factor is large, so
     * composed relations take each predicate's share first (up to keeping all of them) and incidental ones
     * fill the rest: incidental pairs outnumber the composed alternatives so far that with small factors
     * (6×, 15× were tried) "cup on table" still won over "cup under table" and "cup near table" and FREQ
     * stayed higher (data/README.md).
     */
    static final double SALIENCE = 100;

    private Annotator() {
    }

    /** Keep probability of a chosen predicate p: {@code keep[p]} for incidental pairs, more for composed ones. */
    static double keepProb(double[] keep, int p, boolean composed) {
        return composed ? Math.min(1, SALIENCE * keep[p]) : keep[p];
    }

    static Annotation clean(TrueGraph t) {
        int n = t.labels().length;
        double[][] boxes = new double[n][];
        for (int k = 0; k < n; k++) {
            boxes[k] = toDouble(t.boxes()[k]);
        }
        List<int[]> rels = new ArrayList<>();
        for (int k = 0; k < t.pairs().size(); k++) {
            int bits = t.preds().get(k);
            for (int p = 1; p <= Vocab.PREDICATES.size(); p++) {
                if ((bits & (1 << p)) != 0) {
                    rels.add(new int[] {t.pairs().get(k)[0], t.pairs().get(k)[1], p});
                }
            }
        }
        return new Annotation(t.labels().clone(), boxes, rels.toArray(new int[0][]));
    }

    /**
     * Probability that a pair whose valid predicates are {@code bits} is assigned predicate p, among the
     * valid ones other than {@code exclude} (−1 for none excluded); 0 if p is not among them.
     */
    static double choiceProb(int bits, int p, int exclude) {
        if ((bits & (1 << p)) == 0 || p == exclude) {
            return 0;
        }
        double sum = 0;
        for (int q = 1; q < PREF.length; q++) {
            if ((bits & (1 << q)) != 0 && q != exclude) {
                sum += PREF[q];
            }
        }
        return PREF[p] / sum;
    }

    /** A valid predicate other than {@code exclude}, by preference; u uniform in [0, 1); −1 if none. */
    static int choose(int bits, int exclude, double u) {
        double sum = 0;
        for (int q = 1; q < PREF.length; q++) {
            if ((bits & (1 << q)) != 0 && q != exclude) {
                sum += PREF[q];
            }
        }
        if (sum == 0) {
            return -1;
        }
        double x = u * sum;
        int last = -1;
        for (int q = 1; q < PREF.length; q++) {
            if ((bits & (1 << q)) != 0 && q != exclude) {
                x -= PREF[q];
                last = q;
                if (x < 0) {
                    return q;
                }
            }
        }
        return last;
    }

    static Annotation noisy(TrueGraph t, double[] keep, NoiseConfig noise, int width, int height,
                            SplittableRandom r) {
        int n = t.labels().length;
        int[] local = new int[n];
        int m = 0;
        for (int k = 0; k < n; k++) {
            local[k] = r.nextDouble() < noise.missingObject() ? -1 : m++;
        }
        int[] labels = new int[m];
        double[][] boxes = new double[m][];
        for (int k = 0; k < n; k++) {
            int label = t.labels()[k];
            double uLabel = r.nextDouble();
            double[] box = jitter(t.boxes()[k], noise.boxJitter(), width, height, r);
            if (local[k] < 0) {
                continue;
            }
            labels[local[k]] = uLabel < noise.labelNoise() ? Confusions.lookAlike(label) : label;
            boxes[local[k]] = box;
        }
        List<int[]> rels = new ArrayList<>();
        for (int k = 0; k < t.pairs().size(); k++) {
            int s = local[t.pairs().get(k)[0]];
            int o = local[t.pairs().get(k)[1]];
            int bits = t.preds().get(k);
            // Draw every number in a fixed order whatever the outcome: changing one knob then changes only
            // the annotations that knob touches (the tests compare worlds that differ in one knob).
            int p = choose(bits, -1, r.nextDouble());
            double uKeep = r.nextDouble();
            double uMiss = r.nextDouble();
            double uWrong = r.nextDouble();
            double uWrongTo = r.nextDouble();
            double uDup = r.nextDouble();
            double uDupTo = r.nextDouble();
            if (!t.salient().get(k) || s < 0 || o < 0 || uKeep >= keepProb(keep, p, t.composed().get(k))
                    || uMiss < noise.missingRel()) {
                continue;
            }
            int annotated = uWrong < noise.wrongPredicate() ? Confusions.confuse(p, uWrongTo) : p;
            rels.add(new int[] {s, o, annotated});
            if (uDup < noise.duplicateRel()) {
                int q = choose(bits, p, uDupTo);
                rels.add(new int[] {s, o, q > 0 ? q : Confusions.confuse(p, uDupTo)});
            }
        }
        return new Annotation(labels, boxes, rels.toArray(new int[0][]));
    }

    /** Moves each corner by up to ± j of the box size, keeping the box inside the image and non-empty. */
    private static double[] jitter(int[] b, double j, int width, int height, SplittableRandom r) {
        double[] d = toDouble(b);
        double[] u = {r.nextDouble(), r.nextDouble(), r.nextDouble(), r.nextDouble()}; // always 4 draws
        if (j == 0) {
            return d;
        }
        double bw = b[2] - b[0];
        double bh = b[3] - b[1];
        double x1 = clamp(d[0] + (u[0] * 2 - 1) * j * bw, 0, width - 1);
        double y1 = clamp(d[1] + (u[1] * 2 - 1) * j * bh, 0, height - 1);
        double x2 = clamp(d[2] + (u[2] * 2 - 1) * j * bw, x1 + 1, width);
        double y2 = clamp(d[3] + (u[3] * 2 - 1) * j * bh, y1 + 1, height);
        return new double[] {x1, y1, x2, y2};
    }

    private static double clamp(double v, double lo, double hi) {
        return Math.max(lo, Math.min(hi, v));
    }

    private static double[] toDouble(int[] b) {
        return new double[] {b[0], b[1], b[2], b[3]};
    }
}
