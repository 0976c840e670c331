package org.sgae.eval;

import java.util.List;
import java.util.Locale;

/**
 * Dataset relation recall of one mode (eval-spec §5.4): means over the evaluated images of the per-image values.
 *
 * @param ks                  the K values
 * @param sgbSkipEmpty        whether images with GT but no predictions were skipped (SGB) instead of counted as 0
 * @param recall              [K] R@K, graph-constrained
 * @param ngRecall            [K] ng-R@K
 * @param meanRecall          [K] mR@K = mean over the numRelClasses−1 predicates of mean(list_c)
 * @param ngMeanRecall        [K] ng-mR@K
 * @param perPredicate        [K][numRelClasses] mean(list_c), 0 for a predicate without GT (column 0 unused)
 * @param ngPerPredicate      [K][numRelClasses] the same without the graph constraint
 * @param imagesPerPredicate  [numRelClasses] the length of list_c: evaluated images whose GT holds predicate c
 */
public record SgResult(SgMode mode, int[] ks, boolean sgbSkipEmpty, double[] recall, double[] ngRecall,
                       double[] meanRecall, double[] ngMeanRecall, double[][] perPredicate, double[][] ngPerPredicate,
                       int[] imagesPerPredicate, Counters counters) {

    /**
     * The counters of §5.5.
     *
     * @param images          images given to the evaluator
     * @param evaluated       images in the means
     * @param skippedNoGt     images skipped for R = 0
     * @param emptyPredictions images with GT but M = 0 (counted as recall 0, or skipped with --sgb-skip-empty)
     * @param gtTriplets      GT triplets of the evaluated images
     * @param meanPairs       mean M over the evaluated images
     */
    public record Counters(long images, long evaluated, long skippedNoGt, long emptyPredictions, long gtTriplets,
                           double meanPairs) {
    }

    /** The column header of {@link #row}. */
    public static String header(int[] ks) {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%-8s", "mode"));
        for (String family : List.of("R", "ng-R", "mR", "ng-mR")) {
            for (int k : ks) {
                sb.append(String.format(Locale.ROOT, " %9s", family + "@" + k));
            }
        }
        return sb.append("  images (evaluated / no GT / no predictions), GT triplets, mean M").toString();
    }

    /** One table row: every metric as a percentage with 4 decimals (eval-spec §1), then the counters. */
    public String row() {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%-8s", mode.title()));
        for (double[] family : List.of(recall, ngRecall, meanRecall, ngMeanRecall)) {
            for (double v : family) {
                sb.append(String.format(Locale.ROOT, " %9.4f", 100 * v));
            }
        }
        Counters c = counters;
        return sb.append(String.format(Locale.ROOT, "  %d (%d / %d / %d%s), %d, %.2f", c.images(), c.evaluated(),
                c.skippedNoGt(), c.emptyPredictions(), sgbSkipEmpty ? " skipped" : " as 0", c.gtTriplets(),
                c.meanPairs())).toString();
    }
}
