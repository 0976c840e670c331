package org.sgae.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.select.Elements;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportWriterTest {
    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    private static final String TITLE = "sgae demo <preset cpu> & \"quotes\"";

    @TempDir
    Path tmp;

    /** A full report from synthetic inputs; also used by the manual headless-Chromium check (see the class below). */
    static ReportInput fullInput(Path runDir) {
        return ReportInput.builder(TITLE)
                .phases(RunLogReader.read(ReportFixtures.writeRunLog(runDir)))
                .table(ReportFixtures.sgTable())
                .table(ReportFixtures.imageTable())
                .bars(ReportFixtures.classAp())
                .bars(ReportFixtures.predicateRecall())
                .config("{\"preset\":\"cpu\",\"note\":\"<b>not bold</b>\",\"solver\":{\"lr\":0.01}}")
                .environment(Environment.detect("CPU"))
                .build();
    }

    private static ReportInput withImages(ReportInput in, List<ImageCase> cases) {
        return new ReportInput(in.title(), in.phases(), in.tables(), in.bars(), cases, in.configJson(),
                in.environment());
    }

    @Test
    void everyReferencedFileExistsAndIsAPng() throws IOException {
        Files.createDirectories(tmp.resolve("run"));
        ReportInput in = withImages(fullInput(tmp.resolve("run")), ReportFixtures.cases(9, 7));
        Path index = ReportWriter.write(in, tmp.resolve("report"), false);
        assertEquals(tmp.resolve("report").resolve(ReportWriter.INDEX), index);
        Document doc = Jsoup.parse(index.toFile(), "UTF-8");

        Elements imgs = doc.select("img");
        // 2 loss charts, 2 bar charts; 8 of the 9 cases shown: 3 complete (input, 2 graphs, 3 recons = 6 PNGs),
        // 3 without recons (3 PNGs), 2 with only a GT graph (1 PNG)
        assertEquals(2 + 2 + 3 * 6 + 3 * 3 + 2, imgs.size(), "images in the page");
        for (Element img : imgs) {
            String src = img.attr("src");
            assertFalse(src.contains("/") || src.contains(":"), "relative link into the folder: " + src);
            Path f = index.getParent().resolve(src);
            assertTrue(Files.isRegularFile(f), "missing " + src);
            byte[] head = Arrays.copyOf(Files.readAllBytes(f), 8);
            assertArrayEquals(PNG_SIGNATURE, head, src + " is not a PNG");
            BufferedImage decoded = ImageIO.read(f.toFile());
            assertNotNull(decoded, src + " does not decode");
            assertTrue(decoded.getWidth() > 10 && decoded.getHeight() > 10, src + " is " + decoded.getWidth() + "x"
                    + decoded.getHeight());
            assertFalse(img.attr("alt").isBlank(), "alt text of " + src);
        }
        // every file in the folder is linked (nothing stray), and no temp folder is left beside it
        try (Stream<Path> s = Files.list(index.getParent())) {
            List<String> files = new ArrayList<>(s.map(p -> p.getFileName().toString()).sorted().toList());
            files.remove(ReportWriter.INDEX);
            assertEquals(imgs.stream().map(e -> e.attr("src")).sorted().toList(), files);
        }
        try (Stream<Path> s = Files.list(tmp)) {
            assertEquals(List.of("report", "run"), s.map(p -> p.getFileName().toString()).sorted().toList());
        }
        // links: in-page anchors that resolve, or files that exist
        for (Element a : doc.select("a[href]")) {
            String href = a.attr("href");
            if (href.startsWith("#")) {
                assertNotNull(doc.getElementById(href.substring(1)), "anchor " + href);
            } else {
                assertTrue(Files.exists(index.getParent().resolve(href)), "link " + href);
            }
        }
        // reconstructions are shown 3× with nearest neighbour: 64 → 192
        BufferedImage recon = ImageIO.read(index.getParent().resolve("img-1-recon-pred.png").toFile());
        assertEquals(64 * ReportWriter.RECON_SCALE, recon.getWidth());
        assertEquals(recon.getRGB(0, 0), recon.getRGB(ReportWriter.RECON_SCALE - 1, ReportWriter.RECON_SCALE - 1));
        assertTrue(doc.text().contains("The first 8 of 9 test images."));
    }

    @Test
    void titlesTablesAndNumbersAreAsTheSpecSays() throws IOException {
        Files.createDirectories(tmp.resolve("run"));
        Path index = ReportWriter.write(withImages(fullInput(tmp.resolve("run")), ReportFixtures.cases(3, 1)),
                tmp.resolve("r"), false);
        Document doc = Jsoup.parse(index.toFile(), "UTF-8");
        assertEquals(TITLE, doc.title(), "title escaped and read back verbatim");
        assertEquals(TITLE, doc.selectFirst("h1").text());
        assertTrue(doc.select("script").isEmpty(), "no markup from text");
        assertEquals(List.of("Results", "Training losses", "Per class and predicate", "Test images", "Configuration",
                "Environment"), doc.select("h2").eachText());

        Elements tables = doc.select("table.results");
        assertEquals(2, tables.size());
        Element sg = tables.get(0);
        assertEquals("Relation recall <R@K> (%)", sg.selectFirst("caption").text());
        assertEquals(List.of("", "R@20", "R@50", "R@100"), sg.select("thead th").stream().map(Element::text).toList());
        assertEquals(List.of("SGGen", "PhrDet", "SGCls", "PredCls", "FREQ (PredCls)", "λ_img = 0 (SGGen)"),
                sg.select("tbody th").eachText());
        // fractions as percentages with 2 decimals (= the fraction's 4 decimals); NaN as a dash
        assertEquals(List.of("12.35", "15.00", "17.50"), sg.select("tbody tr").get(0).select("td").eachText());
        assertEquals(List.of("30.00", "35.00", "—"), sg.select("tbody tr").get(2).select("td").eachText());
        assertEquals(List.of("50.00", "60.00", "100.00"), sg.select("tbody tr").get(3).select("td").eachText());
        assertEquals("0.123456", sg.select("tbody tr").get(0).selectFirst("td").attr("title"), "full precision");
        assertEquals("FREQ: most frequent predicate per class pair & no image.", sg.nextElementSibling().text());
        Element img = tables.get(1);
        assertEquals("Image metrics", img.selectFirst("caption").text());
        assertEquals(List.of("0.1877", "21.2346", "0.4500"), img.select("tbody tr").get(0).select("td").eachText());

        // loss summaries: the resumed phase keeps 8 points (10, 20, then 30..80 from the resumed run)
        List<String> captions = doc.select("#losses figcaption").eachText();
        assertEquals(2, captions.size());
        assertTrue(captions.get(0).startsWith("phase 0: 10 logged steps, iterations 10–100"), captions.get(0));
        assertTrue(captions.get(1).startsWith("phase 1: 8 logged steps, iterations 10–80"), captions.get(1));
        assertTrue(captions.get(1).endsWith("skipped steps 1."), captions.get(1));

        // bar values: percentages, the class without GT listed as n/a
        List<String> barCaptions = doc.select("#per-class figcaption").eachText();
        assertTrue(barCaptions.get(0).endsWith("n/a (not in the test split): street"), barCaptions.get(0));
        Element apValues = doc.select("table.values").get(0);
        assertEquals(List.of("person", "8.33"), apValues.select("tbody tr").get(0).select("td").eachText());
        assertEquals(List.of("street", "—"), apValues.select("tbody tr").get(3).select("td").eachText());

        // images: captions, placeholders of the missing parts
        assertEquals(List.of("image <0> & co", "image 1", "image 3"), doc.select("article.case h3").eachText());
        Element second = doc.select("article.case").get(1);
        assertEquals(0, second.select("figure.absent").size());
        assertEquals("Reconstructions not available.", second.selectFirst("p.missing").text());
        Element third = doc.select("article.case").get(2);
        assertEquals(List.of("Input image not available", "Predicted scene graph not available"),
                third.select("figure.absent").eachText());
        assertTrue(doc.text().contains("Predicted scene graph: 5 objects, 6 relations"));

        // the config, pretty-printed and escaped; the environment
        String pre = doc.selectFirst("#config pre").text();
        assertTrue(pre.contains("\"note\" : \"<b>not bold</b>\""), pre);
        assertTrue(doc.select("#config b").isEmpty());
        List<String> envKeys = doc.select("table.env th").eachText();
        assertEquals(List.of("JVM", "threads", "CPU", "OS", "device", "max heap"), envKeys);
        assertEquals("CPU", doc.select("table.env td").get(4).text());
    }

    @Test
    void anEmptyRunStillRenders() throws IOException {
        Path index = ReportWriter.write(ReportInput.builder(null).build(), tmp.resolve("empty"), false);
        Document doc = Jsoup.parse(index.toFile(), "UTF-8");
        assertEquals("sgae report", doc.title());
        assertTrue(doc.select("img").isEmpty());
        assertEquals(6, doc.select("p.missing").size(), doc.text());
    }

    @Test
    void aOnePointPhaseGetsAChartAndADivergedOneAMessage() throws IOException {
        PhaseLog one = new PhaseLog("phase 0", List.of(new PhaseLog.Point(20, 1.5, java.util.Map.of("a", 1.0, "b", 0.5),
                0.01, 3.0)), 0);
        PhaseLog nan = new PhaseLog("phase 1", List.of(new PhaseLog.Point(10, Double.NaN, java.util.Map.of("a",
                Double.POSITIVE_INFINITY), 0.01, 3.0)), 4);
        Path index = ReportWriter.write(ReportInput.builder("short").phase(one).phase(nan).build(), tmp.resolve("s"),
                false);
        Document doc = Jsoup.parse(index.toFile(), "UTF-8");
        assertEquals(List.of("loss-1.png"), doc.select("#losses img").eachAttr("src"));
        assertTrue(ImageIO.read(index.getParent().resolve("loss-1.png").toFile()).getWidth() > 100);
        String msg = doc.selectFirst("#losses p.missing").text();
        assertTrue(msg.startsWith("phase 1: 1 logged steps") && msg.endsWith("No finite loss was logged: no chart."),
                msg);
    }

    @Test
    void anExistingFolderIsNeverSilentlyOverwritten() throws IOException {
        Path out = tmp.resolve("out");
        Files.createDirectories(out);
        Files.writeString(out.resolve("keep.txt"), "earlier run");
        ReportException e = assertThrows(ReportException.class,
                () -> ReportWriter.write(ReportInput.builder("x").build(), out, false));
        assertTrue(e.getMessage().contains(out.toString()) && e.getMessage().contains("--force"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
        assertEquals("earlier run", Files.readString(out.resolve("keep.txt")));
        assertFalse(Files.exists(out.resolve(ReportWriter.INDEX)));

        // replace: the new report only, and nothing left beside it
        ReportWriter.write(ReportInput.builder("second").build(), out, true);
        assertFalse(Files.exists(out.resolve("keep.txt")));
        assertEquals("second", Jsoup.parse(out.resolve(ReportWriter.INDEX).toFile(), "UTF-8").title());
        try (Stream<Path> s = Files.list(tmp)) {
            assertEquals(List.of("out"), s.map(p -> p.getFileName().toString()).toList());
        }
        // an empty folder holds nothing to lose
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        ReportWriter.write(ReportInput.builder("third").build(), empty, false);
        assertTrue(Files.exists(empty.resolve(ReportWriter.INDEX)));
    }
}
