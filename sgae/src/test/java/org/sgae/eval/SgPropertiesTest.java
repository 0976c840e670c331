package org.sgae.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The property cross-checks of eval-spec §10 on random images (fixed seeds), in every mode. */
class SgPropertiesTest {
    static final int OBJ = 6;
    static final int REL = 8;

    /** A random image: G GT objects, R relations (duplicates possible), N detections jittered around the GT. */
    record Image(SgGt gt, SgPrediction pred) {
    }

    static Image randomImage(SplittableRandom rng, boolean gtObjects, int maxPairs) {
        int g = 2 + rng.nextInt(maxPairs > 100 ? 16 : 6); // many objects when many pairs are asked for
        float[] gb = new float[4 * g];
        int[] gl = new int[g];
        for (int k = 0; k < g; k++) {
            float x = rng.nextInt(200);
            float y = rng.nextInt(200);
            gb[4 * k] = x;
            gb[4 * k + 1] = y;
            gb[4 * k + 2] = x + 10 + rng.nextInt(60);
            gb[4 * k + 3] = y + 10 + rng.nextInt(60);
            gl[k] = 1 + rng.nextInt(OBJ - 1);
        }
        int r = rng.nextInt(8);
        int[] rels = new int[3 * r];
        for (int k = 0; k < r; k++) {
            int s = rng.nextInt(g);
            int o = (s + 1 + rng.nextInt(g - 1)) % g;
            rels[3 * k] = s;
            rels[3 * k + 1] = o;
            rels[3 * k + 2] = 1 + rng.nextInt(REL - 1);
        }
        int n = gtObjects ? g : 2 + rng.nextInt(maxPairs > 100 ? 18 : 10);
        float[] pb = new float[4 * n];
        int[] pl = new int[n];
        float[] ps = new float[n];
        for (int k = 0; k < n; k++) {
            int src = k % g;
            for (int c = 0; c < 4; c++) {
                pb[4 * k + c] = gb[4 * src + c] + (c < 2 ? -1 : 1) * rng.nextInt(8) + rng.nextFloat();
            }
            pl[k] = rng.nextInt(3) == 0 ? 1 + rng.nextInt(OBJ - 1) : gl[src];
            ps[k] = rng.nextFloat();
        }
        List<int[]> all = new ArrayList<>();
        for (int s = 0; s < n; s++) {
            for (int o = 0; o < n; o++) {
                if (s != o) {
                    all.add(new int[] {s, o});
                }
            }
        }
        int m = Math.min(all.size(), rng.nextInt(maxPairs + 1));
        int[] pairs = new int[2 * m];
        float[] rs = new float[m * REL];
        for (int k = 0; k < m; k++) {
            int[] p = all.remove(rng.nextInt(all.size()));
            pairs[2 * k] = p[0];
            pairs[2 * k + 1] = p[1];
            for (int c = 0; c < REL; c++) {
                rs[k * REL + c] = rng.nextFloat() * (rng.nextInt(4) == 0 ? 1e-3f : 1f);
            }
        }
        return new Image(new SgGt(gb, gl, rels), new SgPrediction(pb, pl, ps, pairs, rs));
    }

    static SgResult evaluate(SgMode mode, List<Image> images) {
        SgEvaluator ev = new SgEvaluator(mode, OBJ, REL, false, new int[] {1, 3, 10, 20, 50, 100});
        for (int k = 0; k < images.size(); k++) {
            ev.add("image " + k, images.get(k).gt(), images.get(k).pred());
        }
        return ev.result();
    }

    static List<Image> images(long seed, SgMode mode, int count, int maxPairs) {
        SplittableRandom rng = new SplittableRandom(seed);
        List<Image> out = new ArrayList<>();
        for (int k = 0; k < count; k++) {
            out.add(randomImage(rng, mode == SgMode.SGCLS || mode == SgMode.PREDCLS, maxPairs));
        }
        return out;
    }

    @Test
    void permutingGtRelsLeavesEveryMetricUnchanged() {
        for (SgMode mode : SgMode.values()) {
            List<Image> images = images(11, mode, 60, 40);
            SplittableRandom rng = new SplittableRandom(3);
            List<Image> permuted = new ArrayList<>();
            for (Image im : images) {
                int[] r = im.gt().rels();
                int n = r.length / 3;
                int[] perm = shuffled(rng, n);
                int[] out = new int[r.length];
                for (int k = 0; k < n; k++) {
                    System.arraycopy(r, 3 * perm[k], out, 3 * k, 3);
                }
                permuted.add(new Image(new SgGt(im.gt().boxes(), im.gt().labels(), out), im.pred()));
            }
            SgResult a = evaluate(mode, images);
            SgResult b = evaluate(mode, permuted);
            assertTrue(a.recall()[5] > 0, mode + ": the random images must hit something to prove anything");
            assertTrue(SgResultCompare.identical(a, b), mode + ": permuting gt_rels changed a metric");
        }
    }

    @Test
    void permutingRelPairsWithoutTiesLeavesEveryMetricUnchanged() {
        for (SgMode mode : SgMode.values()) {
            List<Image> images = images(5, mode, 60, 40);
            SplittableRandom rng = new SplittableRandom(9);
            List<Image> permuted = new ArrayList<>();
            for (Image im : images) {
                SgPrediction p = im.pred();
                assertNoTies(p, mode);
                int m = p.numPairs();
                int[] perm = shuffled(rng, m);
                int[] pairs = new int[2 * m];
                float[] rs = new float[m * REL];
                for (int k = 0; k < m; k++) {
                    System.arraycopy(p.relPairs(), 2 * perm[k], pairs, 2 * k, 2);
                    System.arraycopy(p.relScores(), REL * perm[k], rs, REL * k, REL);
                }
                permuted.add(new Image(im.gt(), new SgPrediction(p.boxes(), p.labels(), p.scores(), pairs, rs)));
            }
            assertTrue(SgResultCompare.identical(evaluate(mode, images), evaluate(mode, permuted)), mode.title());
        }
    }

    @Test
    void recallGrowsWithKAndCountersAddUp() {
        for (SgMode mode : SgMode.values()) {
            SgResult r = evaluate(mode, images(21, mode, 80, 60));
            for (int k = 1; k < r.ks().length; k++) {
                assertTrue(r.recall()[k] >= r.recall()[k - 1] && r.ngRecall()[k] >= r.ngRecall()[k - 1], mode.title());
            }
            for (double v : r.recall()) {
                assertTrue(v >= 0 && v <= 1);
            }
            assertEquals(r.counters().evaluated() + r.counters().skippedNoGt(), r.counters().images());
        }
    }

    /** Within each image all t (§5.1) and all u (§5.2) values are distinct, so no tie rule is involved. */
    private static void assertNoTies(SgPrediction p, SgMode mode) {
        SgPrediction e = mode == SgMode.PREDCLS ? new SgPrediction(p.boxes(), p.labels(), ones(p.numObjects()),
                p.relPairs(), p.relScores()) : p;
        Set<Long> t = new HashSet<>();
        for (long k : SgImageRecall.graphKeys(e, REL, new int[e.numPairs()])) {
            assertTrue(t.add(k >>> 32), "tied t");
        }
        Set<Long> u = new HashSet<>();
        for (long k : SgImageRecall.ngKeys(e, REL)) {
            assertTrue(u.add(k >>> 32), "tied u");
        }
    }

    private static float[] ones(int n) {
        float[] a = new float[n];
        java.util.Arrays.fill(a, 1f);
        return a;
    }

    private static int[] shuffled(SplittableRandom rng, int n) {
        int[] p = new int[n];
        for (int k = 0; k < n; k++) {
            p[k] = k;
        }
        for (int k = n - 1; k > 0; k--) {
            int j = rng.nextInt(k + 1);
            int t = p[k];
            p[k] = p[j];
            p[j] = t;
        }
        return p;
    }

    @Test
    void rankingKeysOrderScoresDescendingThenIndexAscending() {
        float[] scores = {0.5f, -1f, 0.5f, 0f, -0f, Float.MAX_VALUE, 1e-30f, -1e-30f};
        long[] keys = new long[scores.length];
        for (int k = 0; k < scores.length; k++) {
            keys[k] = SgRanking.key(scores[k], k);
        }
        long[] top = SgRanking.smallest(keys, keys.length, keys.length);
        int[] order = java.util.Arrays.stream(top).mapToInt(k -> SgRanking.index(k)).toArray();
        assertArrayEquals(new int[] {5, 0, 2, 6, 3, 4, 7, 1}, order);
        assertArrayEquals(new int[] {5, 0, 2}, java.util.Arrays.copyOf(order, 3));
        assertEquals(3, SgRanking.smallest(keys, keys.length, 3).length);
    }
}
