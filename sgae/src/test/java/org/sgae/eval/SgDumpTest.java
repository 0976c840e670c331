package org.sgae.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The dump of eval-spec §8: round trip with identical doubles (§10), truncation, and one-line errors. */
class SgDumpTest {
    private static final int OBJ = SgPropertiesTest.OBJ;
    private static final int REL = SgPropertiesTest.REL;
    @TempDir
    Path tmp;

    private static SgDumpHeader header(String mode, int n, int topPairs) {
        return new SgDumpHeader(mode, OBJ, REL, topPairs, "test", "test", n, "d".repeat(64), "unit test",
                "c".repeat(64));
    }

    /** Writes the images as a dump of {@code mode} and returns the file. */
    private Path write(String mode, List<SgPropertiesTest.Image> images, int topPairs) {
        Path file = tmp.resolve("predictions-" + mode + ".jsonl.gz");
        try (SgDumpWriter w = SgDumpWriter.open(file, header(mode, images.size(), topPairs))) {
            for (int i = 0; i < images.size(); i++) {
                w.write(new SgDumpImage(i, 1000 + i, 640, 480, images.get(i).pred(), images.get(i).gt()));
            }
            w.commit();
        }
        return file;
    }

    @Test
    void roundTripGivesIdenticalDoublesInEveryMode() {
        for (String mode : List.of("sgdet", "sgcls", "predcls")) {
            // Up to 300 pairs per image, so the topPairs = 100 truncation is exercised; SgEvaluator's K go to 100.
            List<SgMode> modes = SgMode.forDump(mode);
            List<SgPropertiesTest.Image> images = SgPropertiesTest.images(17, modes.get(0), 40, 300);
            Path file = write(mode, images, SgDumpHeader.TOP_PAIRS);
            SgEvalRun.DumpOutcome o = SgEvalRun.evaluate(file, false);
            assertEquals(modes.size(), o.results().size());
            for (int k = 0; k < modes.size(); k++) {
                SgEvaluator direct = new SgEvaluator(modes.get(k), OBJ, REL, false);
                for (int i = 0; i < images.size(); i++) {
                    direct.add("image " + i, images.get(i).gt(), images.get(i).pred());
                }
                SgResult d = direct.result();
                assertTrue(d.recall()[2] > 0, "the images must hit something");
                assertTrue(SgResultCompare.identical(d, o.results().get(k)), mode + " " + modes.get(k));
                assertTrue(o.results().get(k).counters().meanPairs() < d.counters().meanPairs(), "truncated");
            }
        }
    }

    @Test
    void floatsReadBackBitForBitAndPairsKeepTheirOrder() {
        List<SgPropertiesTest.Image> images = SgPropertiesTest.images(3, SgMode.SGGEN, 10, 30);
        Path file = write("sgdet", images, 0); // topPairs 0 keeps every pair
        try (SgDumpReader r = SgDumpReader.open(file)) {
            assertEquals(header("sgdet", 10, 0), r.header());
            for (int i = 0; i < images.size(); i++) {
                SgDumpImage img = r.next();
                SgPrediction a = images.get(i).pred();
                assertEquals(i, img.i());
                assertEquals(1000 + i, img.imageId());
                assertArrayEquals(a.boxes(), img.pred().boxes());
                assertArrayEquals(a.scores(), img.pred().scores());
                assertArrayEquals(a.relScores(), img.pred().relScores());
                assertArrayEquals(a.relPairs(), img.pred().relPairs());
                assertArrayEquals(images.get(i).gt().rels(), img.gt().rels());
                assertArrayEquals(images.get(i).gt().boxes(), img.gt().boxes());
            }
            assertNull(r.next());
        }
    }

    @Test
    void truncationKeepsBothTopListsInModelOrder() {
        // 4 pairs, topPairs 1: pair 2 has the best t (graph top-1), pair 0 the best single entry u (ng top-1).
        float[] rs = {
            0, .9f, 0, 0, 0, 0, 0, 0, // pair 0: one entry .9 → u = .9·(1·.5) = .45; t = .45
            0, .1f, .1f, 0, 0, 0, 0, 0, // pair 1
            0, .8f, 0, 0, 0, 0, 0, 0, // pair 2: scores 1·1 → t = .8, u = .8 ... (see object scores)
            0, .2f, 0, 0, 0, 0, 0, 0};
        SgPrediction p = new SgPrediction(new float[] {0, 0, 9, 9, 0, 0, 9, 9, 0, 0, 9, 9}, new int[] {1, 2, 3},
                new float[] {1f, 0.5f, 1f}, new int[] {0, 1, 1, 2, 0, 2, 2, 1}, rs);
        SgPrediction t = SgDumpWriter.truncate(p, false, REL, 1);
        assertArrayEquals(new int[] {0, 2}, t.relPairs()); // only pair 2 (t = .8 = u = .8) is in both top-1 lists
        SgPrediction all = SgDumpWriter.truncate(p, false, REL, 0);
        assertArrayEquals(p.relPairs(), all.relPairs());
        // With unit scores (PredCls) pair 0 (.9) leads both lists.
        assertArrayEquals(new int[] {0, 1}, SgDumpWriter.truncate(p, true, REL, 1).relPairs());
        SgPrediction two = SgDumpWriter.truncate(p, false, REL, 2);
        assertArrayEquals(new int[] {0, 1, 0, 2}, two.relPairs()); // pairs 0 and 2, in the model's order
    }

    @Test
    void notGzipTruncatedAndWrongFieldsAreOneLineNamingFileLineAndField() throws IOException {
        Path plain = tmp.resolve("plain.jsonl.gz");
        Files.writeString(plain, "{\"format\": \"sgae-sgg-dump\"}\n");
        assertOneLine(() -> SgDumpReader.open(plain), plain.toString(), "not a gzip file");

        List<SgPropertiesTest.Image> images = SgPropertiesTest.images(4, SgMode.SGGEN, 30, 50);
        Path good = write("sgdet", images, 100);
        byte[] bytes = Files.readAllBytes(good);
        Path cut = tmp.resolve("cut.jsonl.gz");
        Files.write(cut, Arrays.copyOf(bytes, bytes.length * 2 / 3));
        assertOneLine(() -> SgEvalRun.evaluate(cut, false), cut.toString(), "truncated", "line ");

        String header = "{\"format\": \"sgae-sgg-dump\", \"version\": 1, \"mode\": \"sgdet\", \"boxFrame\": \"original\","
                + " \"boxFormat\": \"xyxy\", \"iouPlusOne\": true, \"numObjClasses\": 6, \"numRelClasses\": 8,"
                + " \"topPairs\": 100, \"dataset\": {\"name\": \"t\", \"split\": \"test\", \"numImages\": 2,"
                + " \"dictsSha256\": \"x\"}, \"model\": {\"checkpoint\": \"c\", \"configSha256\": \"y\"}}";
        String ok = "{\"i\": 0, \"imageId\": 5, \"width\": 10, \"height\": 10, \"boxes\": [[0, 0, 5, 5], [1, 1, 4, 4]],"
                + " \"labels\": [1, 2], \"scores\": [0.5, 0.25], \"relPairs\": [[0, 1]],"
                + " \"relScores\": [[0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7]],"
                + " \"gt\": {\"boxes\": [[0, 0, 5, 5]], \"labels\": [1], \"rels\": []}}";
        Path fewer = gzip("fewer", header, ok);
        assertOneLine(() -> SgEvalRun.evaluate(fewer, false), fewer + " line 3", "truncated", "2 images");
        Path badLabels = gzip("labels", header, ok.replace("\"labels\": [1, 2]", "\"labels\": \"x\""));
        assertOneLine(() -> SgEvalRun.evaluate(badLabels, false), badLabels + " line 2 field labels");
        Path missing = gzip("missing", header, ok.replace(", \"relScores\": [[0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7]]",
                ""));
        assertOneLine(() -> SgEvalRun.evaluate(missing, false), missing + " line 2 field relScores", "missing");
        Path shortRow = gzip("short", header, ok.replace("0.6, 0.7]]", "0.6]]"));
        assertOneLine(() -> SgEvalRun.evaluate(shortRow, false), shortRow + " line 2 field relScores",
                "row 0 has 7 values, expected 8");
        Path self = gzip("self", header, ok.replace("[[0, 1]]", "[[1, 1]]"));
        assertOneLine(() -> SgEvalRun.evaluate(self, false), self + " line 2", "relPairs", "with itself");
        Path flipped = gzip("flipped", header, ok.replace("[1, 1, 4, 4]", "[4, 1, 1, 4]"));
        assertOneLine(() -> SgEvalRun.evaluate(flipped, false), flipped + " line 2", "boxes box 1", "x2 < x1");
        Path badLabel = gzip("label", header, ok.replace("\"labels\": [1, 2]", "\"labels\": [1, 6]"));
        assertOneLine(() -> SgEvalRun.evaluate(badLabel, false), badLabel + " line 2", "labels[1] = 6",
                "outside 1..5");
        Path version = gzip("version", header.replace("\"version\": 1", "\"version\": 2"), ok);
        assertOneLine(() -> SgEvalRun.evaluate(version, false), version + " line 1 field version");
        Path noGt = gzip("nogt", header.replace("\"numImages\": 2", "\"numImages\": 1"),
                ok.replaceAll(", \"gt\": .*}$", "}"));
        assertOneLine(() -> SgEvalRun.evaluate(noGt, false), noGt + " line 2 field gt", "missing");
        Path bad = gzip("json", header, ok.substring(0, 40));
        assertOneLine(() -> SgEvalRun.evaluate(bad, false), bad + " line 2", "not valid JSON");
    }

    @Test
    void writerRefusesBadPredictionsAndLeavesNoFileWithoutCommit() throws IOException {
        Path file = tmp.resolve("predictions-sgcls.jsonl.gz");
        SgPrediction bad = new SgPrediction(new float[] {0, 0, 9, 9}, new int[] {1}, new float[] {1},
                new int[] {0, 1}, new float[REL]);
        try (SgDumpWriter w = SgDumpWriter.open(file, header("sgcls", 1, 100))) {
            assertOneLine(() -> {
                w.write(new SgDumpImage(0, 1, 10, 10, bad, null));
                return null;
            }, file + " image 0", "relPairs row 0 = [0, 1]", "outside 0..0");
        }
        assertFalse(Files.exists(file), "no commit, no file");
        try (var list = Files.list(tmp)) {
            assertEquals(0, list.count(), "the temporary file is removed too");
        }
    }

    private Path gzip(String name, String... lines) throws IOException {
        Path file = tmp.resolve(name + ".jsonl.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            for (String l : lines) {
                out.write((l + "\n").getBytes(StandardCharsets.UTF_8));
            }
        }
        return file;
    }

    private static void assertOneLine(java.util.concurrent.Callable<?> call, String... mustContain) {
        RuntimeException e = assertThrows(RuntimeException.class, call::call);
        String m = e.getMessage();
        assertFalse(m.contains("\n"), "one line: " + m);
        for (String s : mustContain) {
            assertTrue(m.contains(s), "'" + s + "' in: " + m);
        }
    }

    @Test
    void resultsJsonHoldsFullPrecisionDoubles() throws IOException {
        List<SgPropertiesTest.Image> images = SgPropertiesTest.images(8, SgMode.PREDCLS, 20, 30);
        Path file = write("predcls", images, 100);
        SgEvalRun.DumpOutcome o = SgEvalRun.evaluateAndWrite(file, false, null, new java.io.PrintStream(
                OutputStream.nullOutputStream()));
        assertEquals(tmp.resolve("results-predcls.json"), o.resultsFile());
        var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(o.resultsFile().toFile());
        var r = json.get("results").get(0);
        assertEquals("PredCls", r.get("mode").asText());
        SgResult res = o.results().get(0);
        assertEquals(res.recall()[1], r.get("R@50").doubleValue()); // bit-for-bit
        assertEquals(res.ngMeanRecall()[2], r.get("ng-mR@100").doubleValue());
        assertEquals(res.counters().gtTriplets(), r.get("counters").get("gtTriplets").asLong());
        List<Integer> ks = new ArrayList<>();
        r.get("ks").forEach(k -> ks.add(k.asInt()));
        assertEquals(List.of(20, 50, 100), ks);
    }
}
