package org.sgae.report;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A bar chart: one bar per name (in the map's order), values are fractions drawn as percentages (AP, recall).
 * NaN values (e.g. a class without GT in the test split) are drawn as empty bars and listed as "n/a".
 */
public record BarData(String title, String valueName, Map<String, Double> values) {
    public BarData {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** Per-class detector AP (class name → AP@0.5 as a fraction). */
    public static BarData classAp(Map<String, Double> apByClass) {
        return new BarData("Per-class AP@0.5 (SGGen detections)", "AP@0.5 (%)", apByClass);
    }

    /** Per-predicate recall of one mode at K (predicate → recall as a fraction). */
    public static BarData predicateRecall(String mode, int k, Map<String, Double> recallByPredicate) {
        return new BarData("Per-predicate R@" + k + " (" + mode + ")", "R@" + k + " (%)", recallByPredicate);
    }
}
