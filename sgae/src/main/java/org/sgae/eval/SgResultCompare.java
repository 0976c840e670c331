package org.sgae.eval;

import java.util.Arrays;

/**
 * Bit-for-bit comparison of two results (the dump round trip of eval-spec §10 must give identical doubles). The mean M
 * counter is left out: it counts the pairs the evaluator was given, and a dump keeps only those that can matter
 * (§8 truncation), so it is smaller after a round trip whenever an image had more than topPairs pairs.
 */
public final class SgResultCompare {
    private SgResultCompare() {
    }

    public static boolean identical(SgResult a, SgResult b) {
        return a.mode() == b.mode() && Arrays.equals(a.ks(), b.ks()) && a.sgbSkipEmpty() == b.sgbSkipEmpty()
                && Arrays.equals(a.recall(), b.recall()) && Arrays.equals(a.ngRecall(), b.ngRecall())
                && Arrays.equals(a.meanRecall(), b.meanRecall()) && Arrays.equals(a.ngMeanRecall(), b.ngMeanRecall())
                && Arrays.deepEquals(a.perPredicate(), b.perPredicate())
                && Arrays.deepEquals(a.ngPerPredicate(), b.ngPerPredicate())
                && Arrays.equals(a.imagesPerPredicate(), b.imagesPerPredicate())
                && sameCounters(a.counters(), b.counters());
    }

    private static boolean sameCounters(SgResult.Counters a, SgResult.Counters b) {
        return a.images() == b.images() && a.evaluated() == b.evaluated() && a.skippedNoGt() == b.skippedNoGt()
                && a.emptyPredictions() == b.emptyPredictions() && a.gtTriplets() == b.gtTriplets();
    }
}
