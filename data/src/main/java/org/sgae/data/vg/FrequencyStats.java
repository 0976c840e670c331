package org.sgae.data.vg;

/**
 * The relation head's frequency bias statistics (vg150-format.md §6 step 6, SGB get_VG_statistics).
 * Arrays are flat: fg[(s * C + o) * P + p], bg[s * C + o], with C object classes and P predicate classes,
 * both including background 0.
 */
public record FrequencyStats(int numObjectClasses, int numPredicateClasses, long[] fg, long[] bg) {

    /** Counts over every graph of {@code train} as stored (duplicates included, as SGB does). */
    public static FrequencyStats compute(VgDataset train) {
        int c = train.dicts().numObjectClasses();
        int p = train.dicts().numPredicateClasses();
        long[] fg = new long[c * c * p];
        long[] bg = new long[c * c];
        for (int i = 0; i < train.size(); i++) {
            VgGraph g = train.raw(i);
            int[] l = g.labels();
            int[] r = g.relations();
            for (int k = 0; k < r.length; k += 3) {
                fg[(l[r[k]] * c + l[r[k + 1]]) * p + r[k + 2]]++;
            }
            addBackground(g, l, bg, c);
        }
        return new FrequencyStats(c, p, fg, bg);
    }

    /** All ordered pairs of boxes that overlap (no +1, SGB box_filter to_move = 0); all pairs if none do. */
    private static void addBackground(VgGraph g, int[] l, long[] bg, int c) {
        int n = l.length;
        int[] b = g.boxes1024();
        boolean any = false;
        for (int pass = 0; pass < 2; pass++) {
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    if (i == j) {
                        continue;
                    }
                    boolean overlap = Math.min(b[4 * i + 2], b[4 * j + 2]) - Math.max(b[4 * i], b[4 * j]) > 0
                            && Math.min(b[4 * i + 3], b[4 * j + 3]) - Math.max(b[4 * i + 1], b[4 * j + 1]) > 0;
                    if (pass == 1 || overlap) {
                        bg[l[i] * c + l[j]]++;
                        any = true;
                    }
                }
            }
            if (any) {
                return;
            }
        }
    }

    /**
     * pred_dist = log(fg / Σ_p fg + 1e-3) with fg[:, :, 0] := bg + 1; flat [C * C * P] float32, the
     * initial value of the frequency-bias embedding.
     */
    public float[] logPrior() {
        int c = numObjectClasses;
        int p = numPredicateClasses;
        float[] out = new float[c * c * p];
        for (int so = 0; so < c * c; so++) {
            double[] row = new double[p];
            double sum = 0;
            for (int k = 0; k < p; k++) {
                row[k] = k == 0 ? bg[so] + 1 : fg[so * p + k];
                sum += row[k];
            }
            for (int k = 0; k < p; k++) {
                out[so * p + k] = (float) Math.log(row[k] / sum + 1e-3);
            }
        }
        return out;
    }
}
