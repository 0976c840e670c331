package org.sgae.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

/**
 * Writes the report: {@value #INDEX} plus its PNGs in one folder, opened from disk without a server (relative
 * links only, CSS inline, no scripts). Everything is written into a hidden temporary folder beside the target,
 * which is then renamed into place, so a reader never sees half a report. An existing, non-empty target is replaced
 * only when the caller says so ({@code replace}, the CLI's --force); otherwise nothing is written.
 */
public final class ReportWriter {
    public static final String INDEX = "index.html";
    /** Test images shown at most (issue 14: 8). */
    public static final int MAX_IMAGES = 8;
    /** Edges of a predicted graph drawn at most (the highest-scoring ones): more are unreadable. */
    public static final int MAX_GRAPH_EDGES = 20;
    /** Display scale of the 64×64 reconstructions (nearest neighbour). */
    static final int RECON_SCALE = 3;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ReportWriter() {
    }

    /**
     * Writes the report for {@code input} into {@code folder}; returns the path of its index.html.
     *
     * @throws ReportException when the folder exists and is not empty and {@code replace} is false, or when a file
     *                         cannot be written (the target is then left as it was)
     */
    public static Path write(ReportInput input, Path folder, boolean replace) {
        Path target = folder.toAbsolutePath().normalize();
        if (!replace && nonEmpty(target)) {
            throw new ReportException("report folder " + target + " exists and is not empty (use --force to replace it)");
        }
        Path parent = target.getParent();
        Path tmp;
        try {
            Files.createDirectories(parent);
            tmp = Files.createTempDirectory(parent, "." + target.getFileName() + ".tmp-");
        } catch (IOException e) {
            throw new ReportException("cannot create a folder in " + parent + ": " + e.getMessage(), e);
        }
        try {
            Files.writeString(tmp.resolve(INDEX), new Page(input, tmp).render(), StandardCharsets.UTF_8);
            swapIn(tmp, target, replace);
        } catch (IOException | UncheckedIOException e) {
            deleteQuietly(tmp);
            throw new ReportException("cannot write the report into " + target + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            deleteQuietly(tmp);
            throw e;
        }
        return target.resolve(INDEX);
    }

    /** Renames the finished folder into place; an old report is moved aside first and deleted after. */
    private static void swapIn(Path tmp, Path target, boolean replace) throws IOException {
        Path old = null;
        if (Files.exists(target)) {
            if (!replace && nonEmpty(target)) { // appeared while we were writing
                throw new ReportException("report folder " + target + " exists and is not empty (use --force to "
                        + "replace it)");
            }
            old = Files.createTempDirectory(target.getParent(), "." + target.getFileName() + ".old-");
            Files.delete(old);
            Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
        }
        try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, target);
        } catch (IOException e) {
            if (old != null) {
                Files.move(old, target, StandardCopyOption.ATOMIC_MOVE); // put the old report back
            }
            throw e;
        }
        if (old != null) {
            deleteQuietly(old);
        }
    }

    static boolean nonEmpty(Path dir) {
        if (!Files.isDirectory(dir)) {
            return Files.exists(dir);
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.findAny().isPresent();
        } catch (IOException e) {
            throw new ReportException("cannot list " + dir + ": " + e.getMessage(), e);
        }
    }

    private static void deleteQuietly(Path root) {
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) { // children before their folder
                Files.deleteIfExists(p);
            }
        } catch (IOException ignored) {
            // best effort: a hidden leftover folder is harmless
        }
    }

    /** One page being built: HTML text plus the PNGs it links, written into {@code dir}. */
    private static final class Page {
        private final ReportInput in;
        private final Path dir;
        private final StringBuilder h = new StringBuilder(1 << 16);

        Page(ReportInput in, Path dir) {
            this.in = in;
            this.dir = dir;
        }

        String render() throws IOException {
            h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
                    .append(Html.escape(in.title())).append("</title>\n<style>\n").append(CSS).append("</style>\n")
                    .append("</head>\n<body>\n<header>\n<h1>").append(Html.escape(in.title())).append("</h1>\n")
                    .append("<p class=\"meta\">Written ")
                    .append(Html.escape(Instant.now().truncatedTo(ChronoUnit.SECONDS).toString()))
                    .append(" by sgae.</p>\n<nav>")
                    .append("<a href=\"#results\">Results</a> · <a href=\"#losses\">Training losses</a> · ")
                    .append("<a href=\"#per-class\">Per class and predicate</a> · ")
                    .append("<a href=\"#images\">Test images</a> · <a href=\"#config\">Configuration</a> · ")
                    .append("<a href=\"#environment\">Environment</a></nav>\n</header>\n");
            results();
            losses();
            bars();
            images();
            config();
            environment();
            h.append("</body>\n</html>\n");
            return h.toString();
        }

        private void section(String id, String title) {
            h.append("<section id=\"").append(id).append("\">\n<h2>").append(Html.escape(title)).append("</h2>\n");
        }

        private void missing(String what) {
            h.append("<p class=\"missing\">").append(Html.escape(what)).append(" not available in this run.</p>\n");
        }

        private void results() {
            section("results", "Results");
            if (in.tables().isEmpty()) {
                missing("Results");
            }
            for (ResultTable t : in.tables()) {
                boolean pct = t.style() == ResultTable.Style.PERCENT;
                h.append("<table class=\"results\">\n<caption>").append(Html.escape(t.title()))
                        .append(pct ? " <span class=\"unit\">(%)</span>" : "").append("</caption>\n<thead><tr><th></th>");
                for (String c : t.columns()) {
                    h.append("<th scope=\"col\">").append(Html.escape(c)).append("</th>");
                }
                h.append("</tr></thead>\n<tbody>\n");
                for (ResultTable.Row r : t.rows()) {
                    h.append("<tr><th scope=\"row\">").append(Html.escape(r.label())).append("</th>");
                    for (double v : r.values()) {
                        String tip = Double.isFinite(v) ? Double.toString(v) : "not computed";
                        h.append("<td title=\"").append(Html.escape(tip)).append("\">")
                                .append(Numbers.format(t.style(), v)).append("</td>");
                    }
                    h.append("</tr>\n");
                }
                h.append("</tbody>\n</table>\n");
                if (t.note() != null && !t.note().isBlank()) {
                    h.append("<p class=\"note\">").append(Html.escape(t.note())).append("</p>\n");
                }
            }
            h.append("</section>\n");
        }

        private void losses() throws IOException {
            section("losses", "Training losses");
            if (in.phases().isEmpty()) {
                missing("Run logs");
            }
            int i = 0;
            for (PhaseLog p : in.phases()) {
                i++;
                if (p.points().isEmpty()) {
                    h.append("<p class=\"missing\">").append(Html.escape(p.name())).append(": no progress lines logged")
                            .append(p.skippedSteps() > 0 ? " (" + p.skippedSteps() + " skipped steps)" : "")
                            .append(".</p>\n");
                    continue;
                }
                if (!Figures.anyFiniteLoss(p)) {
                    h.append("<p class=\"missing\">").append(Html.escape(summary(p)))
                            .append(" No finite loss was logged: no chart.</p>\n");
                    continue;
                }
                figure(png("loss-" + i + ".png", Figures.lossCurves(p)), "Training losses of " + p.name(),
                        summary(p), "wide");
            }
            h.append("</section>\n");
        }

        private static String summary(PhaseLog p) {
            List<PhaseLog.Point> pts = p.points();
            PhaseLog.Point first = pts.get(0);
            PhaseLog.Point last = pts.get(pts.size() - 1);
            double sum = 0;
            int n = 0;
            for (PhaseLog.Point q : pts) {
                if (Double.isFinite(q.imagesPerSecond()) && q.imagesPerSecond() > 0) {
                    sum += q.imagesPerSecond();
                    n++;
                }
            }
            return p.name() + ": " + pts.size() + " logged steps, iterations " + first.iteration() + "–"
                    + last.iteration() + "; final loss " + Numbers.plain(last.loss()) + "; lr "
                    + String.format(Locale.ROOT, "%.3g → %.3g", first.lr(), last.lr()) + "; mean throughput "
                    + (n == 0 ? Numbers.MISSING : String.format(Locale.ROOT, "%.2f img/s", sum / n))
                    + "; skipped steps " + p.skippedSteps() + ".";
        }

        private void bars() throws IOException {
            section("per-class", "Per class and predicate");
            if (in.bars().isEmpty()) {
                missing("Per-class AP and per-predicate recall");
            }
            int i = 0;
            for (BarData b : in.bars()) {
                i++;
                StringBuilder na = new StringBuilder();
                for (Map.Entry<String, Double> e : b.values().entrySet()) {
                    if (!Double.isFinite(e.getValue())) {
                        na.append(na.length() == 0 ? "" : ", ").append(e.getKey());
                    }
                }
                String caption = b.title() + (na.length() == 0 ? "" : "; n/a (not in the test split): " + na);
                figure(png("bars-" + i + ".png", Figures.bars(b)), b.title(), caption, "wide");
                h.append("<details><summary>values of ").append(Html.escape(b.title()))
                        .append("</summary>\n<table class=\"values\"><thead><tr><th scope=\"col\">name</th>")
                        .append("<th scope=\"col\">").append(Html.escape(b.valueName())).append("</th></tr></thead>")
                        .append("\n<tbody>\n");
                for (Map.Entry<String, Double> e : b.values().entrySet()) {
                    h.append("<tr><td>").append(Html.escape(e.getKey())).append("</td><td>")
                            .append(Numbers.percent(e.getValue())).append("</td></tr>\n");
                }
                h.append("</tbody></table></details>\n");
            }
            h.append("</section>\n");
        }

        private void images() throws IOException {
            section("images", "Test images");
            List<ImageCase> cases = in.images();
            if (cases.isEmpty()) {
                missing("Test images");
            } else if (cases.size() > MAX_IMAGES) {
                h.append("<p class=\"note\">The first ").append(MAX_IMAGES).append(" of ").append(cases.size())
                        .append(" test images.</p>\n");
            }
            for (int i = 0; i < Math.min(MAX_IMAGES, cases.size()); i++) {
                ImageCase c = cases.get(i);
                String id = c.id() == null ? "image " + (i + 1) : c.id();
                String p = "img-" + (i + 1) + "-";
                h.append("<article class=\"case\">\n<h3>").append(Html.escape(id)).append("</h3>\n<div class=\"row\">\n");
                if (c.input() != null) {
                    String what = c.detections() == null ? "Input image" : "Input with " + c.detections().size()
                            + " predicted boxes (id:label score)";
                    figure(png(p + "input.png", BoxDrawing.draw(c.input(), c.detections())), what + " of " + id, what,
                            null);
                } else {
                    missingFigure("Input image");
                }
                // two rows, each with one graph, so that a graph gets most of the page's width:
                // input | predicted graph, then GT graph | the three reconstructions
                graph(p + "pred-graph.png", c.predicted(), "Predicted scene graph", id);
                h.append("</div>\n<div class=\"row\">\n");
                graph(p + "gt-graph.png", c.groundTruth(), "Ground-truth scene graph", id);
                if (c.reconPred() == null && c.reconGt() == null && c.reconGraphOnly() == null) {
                    h.append("<p class=\"missing\">Reconstructions not available.</p>\n");
                } else {
                    h.append("<div class=\"recon\">\n");
                    recon(p + "recon-pred.png", c.reconPred(), "PRED", "from the predicted graph and boxes", id);
                    recon(p + "recon-gt.png", c.reconGt(), "GT", "from the GT graph and boxes", id);
                    recon(p + "recon-graph-only.png", c.reconGraphOnly(), "GRAPH_ONLY", "from the graph alone", id);
                    h.append("</div>\n");
                }
                h.append("</div>\n");
                h.append("</article>\n");
            }
            h.append("</section>\n");
        }

        private void graph(String file, GraphView g, String what, String id) throws IOException {
            if (g == null) {
                missingFigure(what);
                return;
            }
            GraphView shown = g.edges().size() > MAX_GRAPH_EDGES ? g.topEdges(MAX_GRAPH_EDGES) : g;
            String caption = what + ": " + g.nodes().size() + " objects, " + g.edges().size() + " relations"
                    + (shown == g ? "" : " (the " + MAX_GRAPH_EDGES + " highest-scoring drawn)");
            figure(png(file, GraphDrawing.draw(shown)), what + " of " + id, caption, "graph");
        }

        private void recon(String file, FloatImage img, String mode, String how, String id) throws IOException {
            if (img == null) {
                missingFigure("Reconstruction " + mode);
                return;
            }
            figure(png(file, Raster.nearest(img, RECON_SCALE)), "Reconstruction " + mode + " of " + id,
                    mode + ": " + how, "small");
        }

        private void missingFigure(String what) {
            h.append("<figure class=\"absent\"><div>").append(Html.escape(what)).append("<br>not available</div>")
                    .append("</figure>\n");
        }

        private void config() {
            section("config", "Configuration");
            if (in.configJson() == null || in.configJson().isBlank()) {
                missing("The configuration");
            } else {
                h.append("<pre>").append(Html.escape(pretty(in.configJson()))).append("</pre>\n");
            }
            h.append("</section>\n");
        }

        private static String pretty(String json) {
            try {
                JsonNode n = JSON.readTree(json);
                return n == null ? json : JSON.writeValueAsString(n);
            } catch (IOException e) {
                return json; // shown as given
            }
        }

        private void environment() {
            section("environment", "Environment");
            Environment e = in.environment();
            if (e == null) {
                missing("The environment");
            } else {
                h.append("<table class=\"env\">\n");
                row("JVM", e.jvm());
                row("threads", Integer.toString(e.threads()));
                row("CPU", e.cpu());
                row("OS", e.os());
                row("device", e.device());
                row("max heap", String.format(Locale.ROOT, "%.1f GiB", e.maxHeapBytes() / (1024.0 * 1024 * 1024)));
                h.append("</table>\n");
            }
            h.append("</section>\n");
        }

        private void row(String key, String value) {
            h.append("<tr><th scope=\"row\">").append(Html.escape(key)).append("</th><td>")
                    .append(Html.escape(value == null ? "unknown" : value)).append("</td></tr>\n");
        }

        /** Writes the image as a PNG in the report folder; returns its name (the relative link). */
        private String png(String name, BufferedImage img) throws IOException {
            if (!ImageIO.write(img, "png", dir.resolve(name).toFile())) {
                throw new IOException("no PNG writer for " + name);
            }
            return name;
        }

        /** A figure whose image links to itself, so that a picture scaled down to fit opens at full size. */
        private void figure(String src, String alt, String caption, String cls) {
            String s = Html.escape(src);
            h.append("<figure").append(cls == null ? "" : " class=\"" + cls + "\"").append("><a href=\"").append(s)
                    .append("\"><img src=\"").append(s).append("\" alt=\"").append(Html.escape(alt)).append("\"></a>")
                    .append("<figcaption>").append(Html.escape(caption)).append("</figcaption></figure>\n");
        }
    }

    private static final String CSS = """
            body { font-family: "DejaVu Sans", "Liberation Sans", Arial, sans-serif; margin: 0 auto; max-width: 1240px;
                   padding: 0 16px 48px; color: #222; background: #fff; }
            header { border-bottom: 2px solid #ccc; margin-bottom: 8px; }
            h1 { font-size: 26px; margin: 18px 0 4px; }
            h2 { font-size: 21px; margin: 28px 0 10px; border-bottom: 1px solid #ddd; padding-bottom: 4px; }
            h3 { font-size: 16px; margin: 10px 0 6px; }
            .meta { color: #666; margin: 0 0 6px; }
            nav { margin: 0 0 10px; }
            nav a { color: #1f5fa0; }
            table.results { border-collapse: collapse; margin: 10px 0 16px; }
            table.results caption { text-align: left; font-weight: bold; padding: 4px 0; }
            table.results th, table.results td { border: 1px solid #ccc; padding: 4px 10px; }
            table.results td { text-align: right; font-variant-numeric: tabular-nums; }
            table.results thead th { background: #f0f3f7; }
            table.results tbody th { text-align: left; background: #fafafa; font-weight: normal; }
            .unit { font-weight: normal; color: #666; }
            .note { color: #555; font-size: 14px; margin: -8px 0 14px; }
            .missing { color: #888; font-style: italic; }
            figure { margin: 8px 8px 14px 0; display: inline-block; vertical-align: top; }
            figure img { display: block; border: 1px solid #ddd; max-width: 100%; height: auto; }
            figure.wide img { max-width: 1200px; }
            figcaption { font-size: 13px; color: #444; margin-top: 4px; max-width: 560px; }
            figure.wide figcaption { max-width: 1200px; }
            figure.absent { flex: 0 0 auto; }
            figure.absent div { width: 200px; height: 120px; border: 1px dashed #bbb; color: #999; display: flex;
                                align-items: center; justify-content: center; text-align: center; font-size: 13px; }
            .case { border-top: 1px solid #eee; padding-top: 6px; margin-bottom: 18px; }
            .row { display: flex; flex-wrap: wrap; align-items: flex-start; }
            .row figure { flex: 0 0 auto; }
            .row figure.graph { flex: 0 1 auto; min-width: 300px; }
            .row .recon { flex: 0 0 auto; display: flex; }
            .row p.missing { margin: 8px 8px 14px 0; }
            .row figure.graph img { max-width: 100%; height: auto; }
            .recon figure img { image-rendering: pixelated; }
            figure.small figcaption { max-width: 194px; }
            details { margin: -6px 0 16px; font-size: 14px; }
            table.values { border-collapse: collapse; margin-top: 6px; }
            table.values td, table.values th { border: 1px solid #ddd; padding: 2px 8px; }
            table.values td:last-child { text-align: right; }
            pre { background: #f6f8fa; border: 1px solid #ddd; padding: 10px; overflow-x: auto; font-size: 13px; }
            table.env th { text-align: left; padding: 3px 14px 3px 0; vertical-align: top; }
            table.env td { padding: 3px 0; }
            """;
}
