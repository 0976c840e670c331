package org.sgae.data.synth;

import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per-predicate keep probabilities that make the realised predicate shares follow the target long tail
 * (vg150-format.md §8.4).
 *
 * <p>A fixed pilot of scenes (independent of the world's seed and size, so every world with the same image
 * size and noise uses the same probabilities) gives, per image and separately for incidental and composed
 * pairs: A[p], the expected number of salient true pairs whose preferred predicate is p, and D[p][q], the
 * expected number of those whose duplicate (if drawn) would be q. The expected number of annotations of q is
 * E[q] = Σ_p Σ_tier k_tier[p] · (A_tier[p] · ((1 − w) δ_pq + w · C[p][q]) + d · D_tier[p][q]), with
 * k_incidental = keep, k_composed = min(1, SALIENCE · keep) ({@link Annotator#keepProb}), w the
 * wrong-predicate rate (train only unless noiseOnTest), C the confusion distribution and d the duplicate rate.
 * Multiplicative updates make E's shares equal the targets, each followed by the scale that sets the mean
 * relations per image (capped so that no keep exceeds 1). missingRel and missingObject remove annotations
 * uniformly, so they change only the mean.
 */
final class Calibration {
    static final int PILOT_IMAGES = 150;
    private static final long PILOT_SEED = 0x5EED_CA11L;
    private static final double TRAIN_FRACTION = 0.7;
    private static final Map<String, double[]> CACHE = new ConcurrentHashMap<>();
    private static final Map<String, double[][][]> PILOTS = new ConcurrentHashMap<>();

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
        double[][][] pilot = pilot(c);
        double[][][] own = counts(java.util.Arrays.asList(world));
        for (int t = 0; t < own.length; t++) {
            for (int p = 0; p < own[t].length; p++) {
                for (int q = 0; q < own[t].length; q++) {
                    own[t][p][q] += pilot[t][p][q];
                }
            }
        }
        return solve(c, own, world.length);
    }

    /** Sums over the pilot scenes (seed-independent), cached per image size. */
    private static double[][][] pilot(SynthConfig c) {
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

    /**
     * Sums over the given images, [0] over incidental pairs and [1] over composed ones (they are kept at
     * different rates, {@link Annotator#keepProb}): row 0 = A; rows 1..P = D[p].
     */
    private static double[][][] counts(java.util.List<TrueGraph> truths) {
        int np = Vocab.PREDICATES.size() + 1;
        double[][][] s = new double[2][np][np];
        for (TrueGraph t : truths) {
            for (int k = 0; k < t.preds().size(); k++) {
                if (!t.salient().get(k)) {
                    continue; // never annotated (Annotator.noisy)
                }
                int bits = t.preds().get(k);
                double[][] sk = s[t.composed().get(k) ? 1 : 0];
                for (int p = 1; p < np; p++) {
                    double cp = Annotator.choiceProb(bits, p, -1);
                    if (cp == 0) {
                        continue;
                    }
                    sk[0][p] += cp;
                    boolean other = Annotator.choose(bits, p, 0.5) > 0;
                    for (int q = 1; q < np; q++) {
                        sk[p][q] += cp * (other ? Annotator.choiceProb(bits, q, p) : confusion(p, q));
                    }
                }
            }
        }
        return s;
    }

    /** @param sums pilot counts ({@link #counts}) over PILOT_IMAGES + extraImages images */
    static double[] solve(SynthConfig c, double[][][] sums, int extraImages) {
        int np = sums[0].length;
        NoiseConfig n = c.noise();
        double w = n.wrongPredicate() * (n.noiseOnTest() ? 1 : TRAIN_FRACTION);
        double d = n.duplicateRel();
        double[][][] m = new double[2][np][np]; // per image: expected annotations of q per unit keep of p
        double[] pool = new double[np];
        for (int t = 0; t < 2; t++) {
            for (int p = 1; p < np; p++) {
                double a = sums[t][0][p] / (PILOT_IMAGES + extraImages);
                pool[p] += a;
                for (int q = 1; q < np; q++) {
                    m[t][p][q] = a * ((p == q ? 1 - w : 0) + w * confusion(p, q))
                            + d * sums[t][p][q] / (PILOT_IMAGES + extraImages);
                }
            }
        }
        double[] keep = new double[np];
        for (int p = 1; p < np; p++) {
            keep[p] = pool[p] > 0 ? Confusions.target(p) / pool[p] : 0;
        }
        double survive = (1 - n.missingRel()) * Math.pow(1 - n.missingObject(), 2);
        // Composed pairs make the expectation non-linear in keep (min(1, SALIENCE · keep)), so the shares
        // are matched at the final scale: each round fixes the shares, then rescales to the mean.
        for (int it = 0; it < 300; it++) {
            double[] e = expected(keep, m);
            double total = sum(e);
            for (int p = 1; p < np; p++) {
                if (e[p] > 0) {
                    keep[p] *= Confusions.target(p) / (e[p] / total);
                }
            }
            keep = scaled(keep, m, c.meanRels() / survive);
        }
        return keep;
    }

    /**
     * keep · λ with λ the largest scale (no keep above 1) whose expected annotations per image do not exceed
     * {@code mean}; found by bisection, the expectation being increasing in λ.
     */
    private static double[] scaled(double[] keep, double[][][] m, double mean) {
        double max = 0;
        for (double k : keep) {
            max = Math.max(max, k);
        }
        double lo = 0;
        double hi = 1 / max;
        if (sum(expected(times(keep, hi), m)) > mean) {
            for (int i = 0; i < 60; i++) {
                double mid = (lo + hi) / 2;
                if (sum(expected(times(keep, mid), m)) > mean) {
                    hi = mid;
                } else {
                    lo = mid;
                }
            }
        }
        return times(keep, hi);
    }

    private static double[] times(double[] v, double f) {
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i] * f;
        }
        return out;
    }

    private static double[] expected(double[] keep, double[][][] m) {
        double[] e = new double[keep.length];
        for (int p = 1; p < keep.length; p++) {
            double composed = Annotator.keepProb(keep, p, true);
            for (int q = 1; q < keep.length; q++) {
                e[q] += keep[p] * m[0][p][q] + composed * m[1][p][q];
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
