package org.sgae.report;

import java.math.BigDecimal;
import java.util.Locale;

/** How the report prints numbers (eval-spec.md §1: fractions to 4 decimals, percentages in tables). */
final class Numbers {
    static final String MISSING = "—";

    private Numbers() {
    }

    /**
     * A fraction as a percentage with 2 decimals: 0.123456 → "12.35". The digits are those of the fraction printed
     * to 4 decimals ({@link #plain}), shifted, so a table and a printed fraction never disagree in the last digit
     * (100 · v in binary could round the other way).
     */
    static String percent(double fraction) {
        if (!Double.isFinite(fraction)) {
            return MISSING;
        }
        return new BigDecimal(plain(fraction)).movePointRight(2).setScale(2).toPlainString();
    }

    /** A value with 4 decimals: 0.123456 → "0.1235". */
    static String plain(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.4f", v) : MISSING;
    }

    static String format(ResultTable.Style style, double v) {
        return style == ResultTable.Style.PERCENT ? percent(v) : plain(v);
    }
}
