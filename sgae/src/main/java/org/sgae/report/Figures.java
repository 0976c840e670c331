package org.sgae.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** The report's charts, drawn with XChart: loss curves per phase and bar charts of per-class/per-predicate values. */
final class Figures {
    private static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 15);
    private static final Font TEXT = new Font(Font.SANS_SERIF, Font.PLAIN, 12);

    private Figures() {
    }

    /**
     * Loss against iteration: the total in black, each named loss in its colour, the learning rate dashed on the
     * right axis. Non-finite values leave a gap (they were skipped steps' losses, logged as text).
     */
    static BufferedImage lossCurves(PhaseLog log) {
        XYChart chart = new XYChartBuilder().width(960).height(440).title("Training losses — " + log.name())
                .xAxisTitle("iteration").yAxisTitle("loss").build();
        style(chart.getStyler());
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        chart.getStyler().setMarkerSize(0);
        chart.getStyler().setYAxisGroupPosition(1, Styler.YAxisPosition.Right);
        chart.setYAxisGroupTitle(1, "learning rate");
        chart.getStyler().setYAxisDecimalPattern("0.######"); // "0.0001", not ".0001"
        List<PhaseLog.Point> pts = log.points();
        double[] x = new double[pts.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = pts.get(i).iteration();
        }
        // every loss name any point has, in first-seen order
        Map<String, double[]> series = new LinkedHashMap<>();
        series.put("total", new double[x.length]);
        for (int i = 0; i < x.length; i++) {
            for (String name : pts.get(i).losses().keySet()) {
                series.computeIfAbsent(name, k -> new double[x.length]);
            }
        }
        series.values().forEach(v -> java.util.Arrays.fill(v, Double.NaN));
        double[] lr = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            PhaseLog.Point p = pts.get(i);
            series.get("total")[i] = finiteOrNaN(p.loss());
            for (Map.Entry<String, Double> e : p.losses().entrySet()) {
                if (!e.getKey().equals("total")) {
                    series.get(e.getKey())[i] = finiteOrNaN(e.getValue());
                }
            }
            lr[i] = finiteOrNaN(p.lr());
        }
        int colour = 0;
        for (Map.Entry<String, double[]> e : series.entrySet()) {
            if (!anyFinite(e.getValue())) {
                continue;
            }
            XYSeries s = chart.addSeries(e.getKey(), x, e.getValue());
            s.setMarker(SeriesMarkers.NONE);
            if (e.getKey().equals("total")) {
                s.setLineColor(Color.BLACK);
                s.setLineWidth(2.2f);
            } else {
                s.setLineColor(Palette.at(colour++));
                s.setLineWidth(1.3f);
            }
        }
        if (anyFinite(lr)) {
            XYSeries s = chart.addSeries("lr (right axis)", x, lr);
            s.setMarker(SeriesMarkers.NONE);
            s.setYAxisGroup(1);
            s.setLineColor(Color.GRAY);
            s.setLineStyle(new BasicStroke(1.2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                    new float[] {6f, 4f}, 0f));
        }
        return BitmapEncoder.getBufferedImage(chart);
    }

    /** Bars in the map's order, values (fractions) as percentages; NaN values as empty bars. */
    static BufferedImage bars(BarData data) {
        List<String> names = new ArrayList<>(data.values().keySet());
        List<Double> values = new ArrayList<>();
        for (double v : data.values().values()) {
            values.add(Double.isFinite(v) ? 100 * v : 0.0);
        }
        int width = Math.max(640, Math.min(1400, 160 + 26 * names.size()));
        CategoryChart chart = new CategoryChartBuilder().width(width).height(420).title(data.title())
                .yAxisTitle(data.valueName()).build();
        style(chart.getStyler());
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setXAxisLabelRotation(names.size() > 8 ? 90 : 0);
        chart.getStyler().setYAxisMin(0.0);
        chart.getStyler().setYAxisMax(100.0);
        chart.getStyler().setAvailableSpaceFill(0.7);
        if (names.isEmpty()) {
            names.add("(none)");
            values.add(0.0);
        }
        chart.addSeries(data.valueName(), names, values).setFillColor(new Color(0x3182bd));
        return BitmapEncoder.getBufferedImage(chart);
    }

    private static void style(Styler s) {
        s.setChartBackgroundColor(Color.WHITE);
        s.setChartTitleFont(TITLE);
        s.setLegendFont(TEXT);
        s.setAntiAlias(true);
        if (s instanceof org.knowm.xchart.style.AxesChartStyler a) {
            a.setAxisTickLabelsFont(TEXT);
            a.setAxisTitleFont(TEXT);
            a.setPlotGridLinesColor(new Color(0xdddddd));
        }
    }

    /** Whether the phase has a loss to draw (a run whose every step diverged has none). */
    static boolean anyFiniteLoss(PhaseLog log) {
        for (PhaseLog.Point p : log.points()) {
            if (Double.isFinite(p.loss()) || p.losses().values().stream().anyMatch(Double::isFinite)) {
                return true;
            }
        }
        return false;
    }

    private static double finiteOrNaN(double v) {
        return Double.isFinite(v) ? v : Double.NaN;
    }

    private static boolean anyFinite(double[] v) {
        for (double d : v) {
            if (Double.isFinite(d)) {
                return true;
            }
        }
        return false;
    }
}
