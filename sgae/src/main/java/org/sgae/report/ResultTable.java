package org.sgae.report;

import java.util.List;

/**
 * A results table: a title, column names, and rows of a label plus one value per column (NaN: not computed,
 * printed as a dash). {@link Style#PERCENT} values are fractions printed as percentages with 2 decimals (eval-spec.md
 * §1: fractions print to 4 decimals, tables show them as percentages, so 0.123456 → "12.35"); {@link Style#PLAIN}
 * values (L1, PSNR, SSIM) print as they are with 4 decimals. Each cell also carries the full-precision value as its
 * tooltip. The note (may be null) is printed under the table, e.g. which rows are baselines.
 */
public record ResultTable(String title, List<String> columns, List<Row> rows, Style style, String note) {
    public enum Style { PERCENT, PLAIN }

    /** One row: its label (e.g. "SGGen", "FREQ", "λ_img = 0") and one value per column. */
    public record Row(String label, double... values) {
    }

    public ResultTable {
        columns = List.copyOf(columns);
        rows = List.copyOf(rows);
        for (Row r : rows) {
            if (r.values().length != columns.size()) {
                throw new IllegalArgumentException("table '" + title + "' row '" + r.label() + "' has "
                        + r.values().length + " values for " + columns.size() + " columns");
            }
        }
    }

    public static ResultTable percent(String title, List<String> columns, List<Row> rows) {
        return new ResultTable(title, columns, rows, Style.PERCENT, null);
    }

    public ResultTable withNote(String text) {
        return new ResultTable(title, columns, rows, style, text);
    }
}
