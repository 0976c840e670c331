package org.sgae.report;

import java.util.ArrayList;
import java.util.List;

/**
 * Everything the HTML report shows. Every part is optional: empty lists and a null config or environment render as
 * a short "not available in this run" line, so a partial run still gets a report.
 *
 * @param title       the page title (e.g. "sgae demo — preset cpu")
 * @param phases      loss curves, one chart per phase (see {@link RunLogReader})
 * @param tables      results tables (mode × R@K, ng-R@K, mR@K, FREQ and λ_img = 0 rows; image metrics)
 * @param bars        bar charts (per-class AP, per-predicate recall)
 * @param images      up to {@value ReportWriter#MAX_IMAGES} test images (more are left out, and the page says so)
 * @param configJson  the resolved config as JSON (pretty-printed in the page)
 * @param environment JVM, threads, CPU, OS, device
 */
public record ReportInput(String title, List<PhaseLog> phases, List<ResultTable> tables, List<BarData> bars,
                          List<ImageCase> images, String configJson, Environment environment) {
    public ReportInput {
        title = title == null || title.isBlank() ? "sgae report" : title;
        phases = phases == null ? List.of() : List.copyOf(phases);
        tables = tables == null ? List.of() : List.copyOf(tables);
        bars = bars == null ? List.of() : List.copyOf(bars);
        images = images == null ? List.of() : List.copyOf(images);
    }

    public static Builder builder(String title) {
        return new Builder(title);
    }

    /** Collects the parts as they become available. */
    public static final class Builder {
        private final String title;
        private final List<PhaseLog> phases = new ArrayList<>();
        private final List<ResultTable> tables = new ArrayList<>();
        private final List<BarData> bars = new ArrayList<>();
        private final List<ImageCase> images = new ArrayList<>();
        private String configJson;
        private Environment environment;

        private Builder(String title) {
            this.title = title;
        }

        public Builder phases(List<PhaseLog> logs) {
            phases.addAll(logs);
            return this;
        }

        public Builder phase(PhaseLog log) {
            phases.add(log);
            return this;
        }

        public Builder table(ResultTable table) {
            tables.add(table);
            return this;
        }

        public Builder bars(BarData chart) {
            bars.add(chart);
            return this;
        }

        public Builder image(ImageCase c) {
            images.add(c);
            return this;
        }

        public Builder config(String json) {
            configJson = json;
            return this;
        }

        public Builder environment(Environment env) {
            environment = env;
            return this;
        }

        public ReportInput build() {
            return new ReportInput(title, phases, tables, bars, images, configJson, environment);
        }
    }
}
