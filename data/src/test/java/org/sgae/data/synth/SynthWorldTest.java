package org.sgae.data.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sgae.tensor.Tolerances;

/**
 * Statistics and noise knobs on in-memory worlds (no files). Images 0..N−1 are regenerated with the same
 * seed and the same keep probabilities, so two worlds differ only where a knob acts (the annotator draws
 * its random numbers in a fixed order).
 *
 * Tolerances: a knob with rate p acting on n independent items gives a count with standard deviation
 * √(n p (1 − p)); we accept |realised − p| ≤ 4 σ / n (false alarm ≈ 6e-5), and require n large enough that
 * this is tight (< 0.05).
 */
class SynthWorldTest {
    private static final int N = 500;
    private static final int SIZE = 128;
    private static final long SEED = 21;
    private static double[] keep;
    private static TrueGraph[] truths;
    private static SynthWorld.Generated[] base;

    @BeforeAll
    static void generateNoiseFree() {
        SynthConfig c = config(NoiseConfig.none());
        keep = Calibration.keep(SynthConfig.of(N, SIZE, SEED)); // default-noise probabilities, shared by all
        truths = new TrueGraph[N];
        for (int i = 0; i < N; i++) {
            truths[i] = SynthWorld.truth(c, i); // rendered once; each knob below only re-annotates
        }
        base = world(c);
    }

    private static SynthConfig config(NoiseConfig n) {
        return new SynthConfig(N, SIZE, SIZE, 0, SEED, 4.0, 1, n);
    }

    /** All images as train (train noise applies everywhere). */
    private static SynthWorld.Generated[] world(SynthConfig c) {
        return world(c, true);
    }

    private static SynthWorld.Generated[] world(SynthConfig c, boolean train) {
        SynthWorld.Generated[] out = new SynthWorld.Generated[c.numImages()];
        for (int i = 0; i < out.length; i++) {
            TrueGraph t = truths[i];
            out[i] = new SynthWorld.Generated(i + 1, SIZE, SIZE, Annotator.clean(t),
                    SynthWorld.annotate(c, i, t, train, keep, SIZE, SIZE));
        }
        return out;
    }

    private static void assertRate(double p, long hits, long n, String what) {
        double sigma = Math.sqrt(n * p * (1 - p));
        assertTrue(4 * sigma / n < 0.05, what + ": too few items (" + n + ") for a tight check");
        assertEquals(p, (double) hits / n, 4 * sigma / n + Tolerances.F64_EXACTISH.atol(), what + ": " + hits + " of " + n);
    }

    @Test
    void noiseFreeAnnotationsAreTrueRelations() {
        long rels = 0;
        long objects = 0;
        for (SynthWorld.Generated g : base) {
            Set<String> truth = new HashSet<>();
            for (int[] r : g.clean().relations()) {
                truth.add(r[0] + "," + r[1] + "," + r[2]);
            }
            assertEquals(g.clean().labels().length, g.noisy().labels().length);
            for (int[] r : g.noisy().relations()) {
                assertTrue(truth.contains(r[0] + "," + r[1] + "," + r[2]), "annotation not true: " + r[2]);
            }
            rels += g.noisy().relations().length;
            objects += g.noisy().labels().length;
        }
        double meanObjects = (double) objects / N;
        assertTrue(meanObjects >= 4.5 && meanObjects <= 8, "objects per image " + meanObjects);
        assertTrue(rels > 3 * N, "noise-free relations per image " + (double) rels / N);
    }

    @Test
    void objectsPerImageStayInRange() {
        for (SynthWorld.Generated g : base) {
            int n = g.clean().labels().length;
            assertTrue(n >= 1 && n <= Composer.MAX_OBJECTS, "objects " + n);
        }
    }

    @Test
    void wrongPredicateRate() {
        SynthWorld.Generated[] w = world(config(new NoiseConfig(0, 0.2, 0, 0, 0, 0, false)));
        long changed = 0;
        long n = 0;
        for (int i = 0; i < N; i++) {
            int[][] a = base[i].noisy().relations();
            int[][] b = w[i].noisy().relations();
            assertEquals(a.length, b.length);
            for (int k = 0; k < a.length; k++) {
                assertEquals(a[k][0], b[k][0]);
                n++;
                changed += a[k][2] != b[k][2] ? 1 : 0;
                if (a[k][2] != b[k][2]) {
                    assertTrue(Confusions.confusable(a[k][2]).contains(Vocab.predName(b[k][2])));
                }
            }
        }
        assertRate(0.2, changed, n, "wrongPredicate");
    }

    @Test
    void missingRelationRate() {
        SynthWorld.Generated[] w = world(config(new NoiseConfig(0.3, 0, 0, 0, 0, 0, false)));
        long before = 0;
        long after = 0;
        for (int i = 0; i < N; i++) {
            before += base[i].noisy().relations().length;
            after += w[i].noisy().relations().length;
        }
        assertRate(0.3, before - after, before, "missingRel");
    }

    @Test
    void duplicateRelationRate() {
        SynthWorld.Generated[] w = world(config(new NoiseConfig(0, 0, 0.2, 0, 0, 0, false)));
        long before = 0;
        long extra = 0;
        for (int i = 0; i < N; i++) {
            before += base[i].noisy().relations().length;
            int[][] r = w[i].noisy().relations();
            extra += r.length - base[i].noisy().relations().length;
            for (int k = 1; k < r.length; k++) {
                if (r[k][0] == r[k - 1][0] && r[k][1] == r[k - 1][1]) {
                    assertTrue(r[k][2] != r[k - 1][2], "a duplicate carries a second predicate");
                }
            }
        }
        assertRate(0.2, extra, before, "duplicateRel");
    }

    @Test
    void labelAndObjectNoiseRates() {
        SynthWorld.Generated[] lab = world(config(new NoiseConfig(0, 0, 0, 0, 0.2, 0, false)));
        SynthWorld.Generated[] obj = world(config(new NoiseConfig(0, 0, 0, 0.2, 0, 0, false)));
        long n = 0;
        long swapped = 0;
        long dropped = 0;
        for (int i = 0; i < N; i++) {
            int[] a = base[i].noisy().labels();
            int[] b = lab[i].noisy().labels();
            for (int k = 0; k < a.length; k++) {
                n++;
                if (a[k] != b[k]) {
                    swapped++;
                    assertEquals(Confusions.lookAlike(a[k]), b[k]);
                }
            }
            dropped += a.length - obj[i].noisy().labels().length;
        }
        assertRate(0.2, swapped, n, "labelNoise");
        assertRate(0.2, dropped, n, "missingObject");
    }

    @Test
    void boxJitterStaysWithinTheRequestedFraction() {
        double j = 0.1;
        SynthWorld.Generated[] w = world(config(new NoiseConfig(0, 0, 0, 0, 0, j, false)));
        long moved = 0;
        for (int i = 0; i < N; i++) {
            double[][] a = base[i].noisy().boxes();
            double[][] b = w[i].noisy().boxes();
            for (int k = 0; k < a.length; k++) {
                double bw = a[k][2] - a[k][0];
                double bh = a[k][3] - a[k][1];
                for (int c = 0; c < 4; c++) {
                    double tol = j * (c % 2 == 0 ? bw : bh) + Tolerances.F64_EXACTISH.atol(); // + double rounding
                    assertTrue(Math.abs(a[k][c] - b[k][c]) <= tol + 1, "corner moved too far");
                    moved += a[k][c] != b[k][c] ? 1 : 0;
                }
            }
        }
        assertTrue(moved > N, "jitter moves corners: " + moved);
    }

    @Test
    void testSplitGetsOnlySparseNoiseByDefault() {
        NoiseConfig n = new NoiseConfig(0, 0.5, 0, 0, 0.5, 0, false);
        SynthWorld.Generated[] test = world(config(n), false);
        for (int i = 0; i < N; i++) {
            SynthWorld.Generated t = test[i];
            assertEquals(java.util.Arrays.toString(base[i].noisy().labels()), java.util.Arrays.toString(t.noisy().labels()));
            assertEquals(base[i].noisy().relations().length, t.noisy().relations().length);
            for (int k = 0; k < t.noisy().relations().length; k++) {
                assertEquals(base[i].noisy().relations()[k][2], t.noisy().relations()[k][2]);
            }
        }
    }

    /** Realised shares follow the target long tail (within ±20 % relative where counts allow). */
    @Test
    void predicateSharesAreLongTailed() {
        SynthWorld.Generated[] w = world(config(NoiseConfig.defaults()));
        long[] count = new long[Vocab.PREDICATES.size() + 1];
        long total = 0;
        for (SynthWorld.Generated g : w) {
            for (int[] r : g.noisy().relations()) {
                count[r[2]]++;
                total++;
            }
        }
        for (int p = 1; p < count.length; p++) {
            double target = Confusions.target(p);
            double expected = target * total;
            double share = (double) count[p] / total;
            // ±20 % relative plus 4 binomial σ for the sample size (the tail predicates have few instances here)
            double tol = 0.2 * target + 4 * Math.sqrt(expected * (1 - target)) / total;
            assertEquals(target, share, tol, Vocab.predName(p) + " share over " + total + " relations");
        }
        long max = java.util.Arrays.stream(count).max().getAsLong();
        assertEquals(count[Vocab.ON], max, "'on' is the head");
        assertTrue(count[Vocab.ON] >= 10 * Math.max(1, Math.min(count[Vocab.PART_OF], count[Vocab.RIDING])),
                "head-to-tail ratio");
        double mean = (double) total / N;
        assertTrue(mean >= 2.5 && mean <= 5.5, "annotated relations per image " + mean);
    }

    /** Annotated geometric relations satisfy their rule on the final boxes (independent re-check). */
    @Test
    void geometricRelationsHoldOnTheBoxes() {
        for (SynthWorld.Generated g : base) {
            double[][] b = g.clean().boxes();
            for (int[] r : g.clean().relations()) {
                double[] s = b[r[0]];
                double[] o = b[r[1]];
                String p = Vocab.predName(r[2]);
                switch (p) {
                    case "above" -> assertTrue(s[3] + 4 <= o[1], p);
                    case "under" -> assertTrue(o[3] + 4 <= s[1] // below it, or standing beneath its top
                            || s[0] >= o[0] && s[2] <= o[2] && 4 * (s[1] - o[1]) >= o[3] - o[1]
                            && Math.abs(s[3] - o[3]) <= 2, p);
                    case "left of" -> assertTrue(s[2] < o[0], p);
                    case "right of" -> assertTrue(o[2] < s[0], p);
                    case "on" -> assertTrue(Math.abs(s[3] - o[1]) <= 2 && (s[0] + s[2]) / 2 >= o[0]
                            && (s[0] + s[2]) / 2 <= o[2], p);
                    case "in" -> assertTrue(s[0] >= o[0] - 0.1 * (s[2] - s[0]) && s[2] <= o[2] + 0.1 * (s[2] - s[0])
                            && s[3] <= o[3], p);
                    case "riding" -> assertTrue(s[3] > o[1] && s[3] <= o[3], p);
                    case "near" -> assertTrue(s[2] <= o[0] || o[2] <= s[0] || s[3] <= o[1] || o[3] <= s[1], p);
                    case "in front of", "behind", "has", "part of", "wearing", "holding" ->
                            assertTrue(Math.min(s[2], o[2]) > Math.max(s[0], o[0])
                                    && Math.min(s[3], o[3]) > Math.max(s[1], o[1]), p + " needs overlap");
                    default -> throw new AssertionError(p);
                }
            }
        }
    }
}
