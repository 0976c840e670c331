package org.sgae.eval;

import java.util.Arrays;

/** Bit-for-bit comparison of two results (the dump round trip of eval-spec §10 must give identical doubles). */
public final class SgResultCompare {
    private SgResultCompare() {
    }

    public static boolean identical(SgResult a, SgResult b) {
        return a.mode() == b.mode() && Arrays.equals(a.ks(), b.ks()) && a.sgbSkipEmpty() == b.sgbSkipEmpty()
                && Arrays.equals(a.recall(), b.recall()) && Arrays.equals(a.ngRecall(), b.ngRecall())
                && Arrays.equals(a.meanRecall(), b.meanRecall()) && Arrays.equals(a.ngMeanRecall(), b.ngMeanRecall())
                && Arrays.deepEquals(a.perPredicate(), b.perPredicate())
                && Arrays.deepEquals(a.ngPerPredicate(), b.ngPerPredicate())
                && Arrays.equals(a.imagesPerPredicate(), b.imagesPerPredicate()) && a.counters().equals(b.counters());
    }
}
