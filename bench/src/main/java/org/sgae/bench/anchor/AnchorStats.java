package org.sgae.bench.anchor;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The statistics of shared/anchors/cpu_torch_anchor.py, rule for rule, so that a sgae number and a torch number
 * that sit side by side were reduced the same way. Pure functions; see AnchorStatsTest.
 */
public final class AnchorStats {
    private AnchorStats() {
    }

    /** time_cpu: reps = clamp(ceil(target / est), minReps, maxReps), est floored at 1 µs. */
    public static int reps(double targetS, double estS, int minReps, int maxReps) {
        double want = Math.ceil(targetS / Math.max(estS, 1e-6));
        return (int) Math.min(maxReps, Math.max(minReps, want));
    }

    /** statistics.median of sorted values: the middle one, or the mean of the two middle ones. */
    public static double median(double[] sorted) {
        int n = sorted.length;
        if (n == 0) {
            throw new IllegalArgumentException("median of no values");
        }
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /** The script's q(f): times[min(n-1, int(f*(n-1) + 0.5))] of sorted times (nearest rank, no interpolation). */
    public static double quantile(double[] sorted, double f) {
        int n = sorted.length;
        return sorted[Math.min(n - 1, (int) (f * (n - 1) + 0.5))];
    }

    /**
     * finish_case / measure_case: the index of the fastest clean entry, or of the fastest entry when none is clean.
     * Ties go to the earlier entry, as Python's min() does.
     */
    public static int bestIndex(double[] medians, boolean[] contaminated) {
        boolean anyClean = false;
        for (boolean c : contaminated) {
            anyClean |= !c;
        }
        int best = -1;
        for (int i = 0; i < medians.length; i++) {
            if (anyClean && contaminated[i]) {
                continue;
            }
            if (best < 0 || medians[i] < medians[best]) {
                best = i;
            }
        }
        if (best < 0) {
            throw new IllegalArgumentException("no passes");
        }
        return best;
    }

    /** pass_spread = slowest / fastest pass median, rounded to 3 places; null when the fastest is not positive. */
    public static Double spread(double[] medians) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double m : medians) {
            lo = Math.min(lo, m);
            hi = Math.max(hi, m);
        }
        return lo > 0 ? round(hi / lo, 3) : null;
    }

    /** Python's round(x, digits): the exact binary value rounded half-even, so JSON numbers match the script's. */
    public static double round(double x, int digits) {
        if (Double.isNaN(x) || Double.isInfinite(x)) {
            return x;
        }
        return new BigDecimal(x).setScale(digits, RoundingMode.HALF_EVEN).doubleValue();
    }
}
