package org.sgae.data.synth;

import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per-predicate keep probabilities that make the realised predicate shares follow the target long tail
 * (vg150-format.md §8.4).
 *
 * <p>A fixed pilot of scenes (independent of the world's seed and size, so every world with the same image
 * size and noise uses the same probabilities) gives, per image: A[p], the expected number of true pairs
 * whose preferred predicate is p, and D[p][q], the expected number of those whose duplicate (if drawn)
 * would be q. The expected number of annotations of q is linear in keep:
 * E[q] = Σ_p keep[p] · (A[p] · ((1 − w) δ_pq + w · C[p][q]) + d · D[p][q]), with w the wrong-predicate rate
 * (train only unless noiseOnTest), C the confusion distribution and d the duplicate rate. Multiplicative
 * updates make E's shares equal the targets; a final scale sets the mean relations per image (capped so
 * that no keep exceeds 1). missingRel and missingObject remove annotations uniformly, so they change only
 * the mean.
 */
final class Calibration {
    static final int PILOT_IMAGES = 150;
    private static final long PILOT_SEED = 0x5EED_CA11L;
    private static final double TRAIN_FRACTION = 0.7;
    private static final Map<String, double[]> CACHE = new ConcurrentHashMap<>();
    private static final Map<String, double[][]> PILOTS = new ConcurrentHashMap<>();

    private Calibration() {
    }

    /** Keep probabilities from the pilot alone (cached per size and noise). */
    static double[] keep(SynthConfig c) {
        String key = c.width() + "x" + c.height() + "/" + c.meanRels() + "/" + c.noise();
        return CACHE.computeIfAbsent(key, k -> solve(c, pilot(c), 0));
    }

    /**
     * Keep probabilities from the pilot plus the world's own truths: large worlds calibrate on themselves
     * (tight shares even for the rare predicates), tiny ones lean on the pilot.
     */
    static double[] keep(SynthConfig c, TrueGraph[] world) {
        double[][] pilot = pilot(c);
        double[][] own = counts(java.util.Arrays.asList(world));
        for (int p = 0; p < pilot.length; p++) {
            for (int q = 0; q < pilot.length; q++) {
                own[p][q] += pilot[p][q];
            }
        }
        return solve(c, own, world.length);
    }

    /** Sums over the pilot scenes (seed-independent), cached per image size. */
    private static double[][] pilot(SynthConfig c) {
        return PILOTS.computeIfAbsent(c.width() + "x" + c.height(), k -> {
            java.util.List<TrueGraph> truths = new java.util.ArrayList<>();
            for (int i = 0; i < PILOT_IMAGES; i++) {
                SplittableRandom r = new SplittableRandom(SynthConfig.mix(PILOT_SEED, i));
                Scene scene = Composer.compose(r, c.width(), c.height());
                SceneRenderer.render(scene, r);
                truths.add(TrueGraph.of(scene));
            }
            return counts(truths);
        });
    }

    /** Row 0 = A; rows 1..P = D[p]; sums over the given images. */
    private static double[][] counts(java.util.List<TrueGraph> truths) {
        int np = Vocab.PREDICATES.size() + 1;
        double[][] s = new double[np][np];
        for (TrueGraph t : truths) {
            for (int k = 0; k < t.preds().size(); k++) {
                if (!t.salient().get(k)) {
                    continue; // never annotated (Annotator.noisy)
                }
                int bits = t.preds().get(k);
                for (int p = 1; p < np; p++) {
                    double cp = Annotator.choiceProb(bits, p, -1);
                    if (cp == 0) {
                        continue;
                    }
                    s[0][p] += cp;
                    boolean other = Annotator.choose(bits, p, 0.5) > 0;
                    for (int q = 1; q < np; q++) {
                        s[p][q] += cp * (other ? Annotator.choiceProb(bits, q, p) : confusion(p, q));
                    }
                }
            }
        }
        return s;
    }

    /** @param sums pilot counts over PILOT_IMAGES + extraImages images */
    static double[] solve(SynthConfig c, double[][] sums, int extraImages) {
        int np = sums.length;
        double[][] pilot = new double[np][np];
        for (int p = 0; p < np; p++) {
            for (int q = 0; q < np; q++) {
                pilot[p][q] = sums[p][q] / (PILOT_IMAGES + extraImages); // per image
            }
        }
        NoiseConfig n = c.noise();
        double w = n.wrongPredicate() * (n.noiseOnTest() ? 1 : TRAIN_FRACTION);
        double d = n.duplicateRel();
        double[][] m = new double[np][np];
        for (int p = 1; p < np; p++) {
            for (int q = 1; q < np; q++) {
                m[p][q] = pilot[0][p] * ((p == q ? 1 - w : 0) + w * confusion(p, q)) + d * pilot[p][q];
            }
        }
        double[] keep = new double[np];
        for (int p = 1; p < np; p++) {
            keep[p] = pilot[0][p] > 0 ? Confusions.target(p) / pilot[0][p] : 0;
        }
        for (int it = 0; it < 300; it++) {
            double[] e = expected(keep, m);
            double total = sum(e);
            for (int p = 1; p < np; p++) {
                if (e[p] > 0) {
                    keep[p] *= Confusions.target(p) / (e[p] / total);
                }
            }
            double max = 0;
            for (double k : keep) {
                max = Math.max(max, k);
            }
            for (int p = 1; p < np; p++) {
                keep[p] /= max; // keep the iteration bounded; the final scale is set below
            }
        }
        double survive = (1 - n.missingRel()) * Math.pow(1 - n.missingObject(), 2);
        double mean = sum(expected(keep, m)) * survive;
        double max = 0;
        for (double k : keep) {
            max = Math.max(max, k);
        }
        double lambda = Math.min(c.meanRels() / mean, 1 / max);
        for (int p = 1; p < np; p++) {
            keep[p] = Math.min(1, keep[p] * lambda);
        }
        return keep;
    }

    private static double[] expected(double[] keep, double[][] m) {
        double[] e = new double[keep.length];
        for (int p = 1; p < keep.length; p++) {
            for (int q = 1; q < keep.length; q++) {
                e[q] += keep[p] * m[p][q];
            }
        }
        return e;
    }

    private static double sum(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s;
    }

    /** Probability that a wrong-predicate flip turns p into q (∝ q's target share among p's confusables). */
    static double confusion(int p, int q) {
        double total = 0;
        for (String name : Confusions.confusable(p)) {
            total += Confusions.TARGET.get(name);
        }
        return Confusions.confusable(p).contains(Vocab.predName(q)) ? Confusions.TARGET.get(Vocab.predName(q)) / total
                : 0;
    }
}
