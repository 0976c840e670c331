package org.sgae.data.synth;

import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per-predicate keep probabilities that make the realised predicate shares follow the target long tail
 * (vg150-format.md §8.4). A fixed pilot of scenes (independent of the world's seed and size, so every world
 * with the same settings uses the same probabilities) gives A[p], the expected number of pairs per image
 * that choose p. With keep[p] the expected annotated count is base[p] = A[p] · keep[p]; wrongPredicate then
 * mixes base through the confusion matrix. We solve for base so that the mixed shares equal the target,
 * then scale to the target mean (capped so that no keep exceeds 1).
 */
final class Calibration {
    static final int PILOT_IMAGES = 150;
    private static final long PILOT_SEED = 0x5EED_CA11L;
    private static final Map<String, double[]> CACHE = new ConcurrentHashMap<>();
    private static final Map<String, double[]> PILOTS = new ConcurrentHashMap<>();

    private Calibration() {
    }

    static double[] keep(SynthConfig c) {
        String key = c.width() + "x" + c.height() + "/" + c.meanRels() + "/" + c.noise();
        double[] a = PILOTS.computeIfAbsent(c.width() + "x" + c.height(), k -> pilotCounts(c.width(), c.height()));
        return CACHE.computeIfAbsent(key, k -> solve(c, a));
    }

    /** A[p]: expected pairs per image assigned predicate p by the preference choice. */
    static double[] pilotCounts(int width, int height) {
        int np = Vocab.PREDICATES.size() + 1;
        double[] a = new double[np];
        for (int i = 0; i < PILOT_IMAGES; i++) {
            SplittableRandom r = new SplittableRandom(SynthConfig.mix(PILOT_SEED, i));
            Scene s = Composer.compose(r, width, height);
            SceneRenderer.render(s, r);
            TrueGraph t = TrueGraph.of(s);
            for (int bits : t.preds()) {
                for (int p = 1; p < np; p++) {
                    a[p] += Annotator.choiceProb(bits, p);
                }
            }
        }
        for (int p = 1; p < np; p++) {
            a[p] /= PILOT_IMAGES;
        }
        return a;
    }

    static double[] solve(SynthConfig c, double[] a) {
        int np = a.length;
        NoiseConfig n = c.noise();
        double trainFrac = 0.7;
        double wrong = n.wrongPredicate() * (n.noiseOnTest() ? 1 : trainFrac);
        double[] target = new double[np];
        for (int p = 1; p < np; p++) {
            target[p] = Confusions.target(p);
        }
        double[] base = target.clone();
        for (int it = 0; it < 100; it++) {
            double[] mixed = mix(base, wrong);
            double sum = 0;
            for (int p = 1; p < np; p++) {
                base[p] *= mixed[p] > 0 ? target[p] / mixed[p] : 1;
                sum += base[p];
            }
            for (int p = 1; p < np; p++) {
                base[p] /= sum;
            }
        }
        double survive = (1 - n.missingRel()) * (1 + n.duplicateRel()) * Math.pow(1 - n.missingObject(), 2);
        double lambda = c.meanRels() / survive;
        for (int p = 1; p < np; p++) {
            if (base[p] > 0) {
                lambda = Math.min(lambda, a[p] / base[p]);
            }
        }
        double[] keep = new double[np];
        for (int p = 1; p < np; p++) {
            keep[p] = a[p] > 0 ? Math.min(1, lambda * base[p] / a[p]) : 0;
        }
        return keep;
    }

    /** Shares after a fraction w of each predicate's annotations moves to its confusables. */
    private static double[] mix(double[] base, double w) {
        double[] out = new double[base.length];
        for (int p = 1; p < base.length; p++) {
            out[p] += (1 - w) * base[p];
            double sum = 0;
            for (String q : Confusions.confusable(p)) {
                sum += Confusions.TARGET.get(q);
            }
            for (String q : Confusions.confusable(p)) {
                out[Vocab.pred(q)] += w * base[p] * Confusions.TARGET.get(q) / sum;
            }
        }
        double total = 0;
        for (double v : out) {
            total += v;
        }
        for (int p = 1; p < out.length; p++) {
            out[p] /= total;
        }
        return out;
    }
}
