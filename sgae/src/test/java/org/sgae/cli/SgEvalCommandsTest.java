package org.sgae.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sgae.data.synth.SynthConfig;
import org.sgae.data.synth.SynthWorld;
import org.sgae.eval.SgDumpReader;
import org.sgae.eval.SgDumpHeader;

/** {@code sgae eval --freq} on a tiny world, then {@code eval --dump} on what it wrote, and the one-line errors. */
class SgEvalCommandsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    static Path tmp;
    private static Path world;

    @BeforeAll
    static void tinyWorld() {
        world = tmp.resolve("world");
        SynthWorld.generate(SynthConfig.of(60, 64, 3).withThreads(1), world);
    }

    @Test
    void freqWritesDumpAndResultsAndDumpReScoresToTheSameNumbers() throws IOException {
        Path out = tmp.resolve("freq");
        CliRun r = CliRun.of("eval", "--freq", "--data", world.toString(), "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        Path dump = out.resolve("predictions-predcls.jsonl.gz");
        JsonNode first = JSON.readTree(out.resolve("results-predcls.json").toFile()).get("results").get(0);
        assertEquals("PredCls", first.get("mode").asText());
        double r50 = first.get("R@50").doubleValue();
        assertTrue(r50 > 0 && r50 <= 1, "FREQ recall on the tiny world: " + r50);
        try (SgDumpReader reader = SgDumpReader.open(dump)) {
            SgDumpHeader h = reader.header();
            assertEquals("predcls", h.mode());
            assertEquals("test", h.split());
            assertEquals(64, h.dictsSha256().length());
        }

        Path again = tmp.resolve("again");
        CliRun d = CliRun.of("eval", "--dump", dump.toString(), "--out", again.toString());
        assertEquals(0, d.code(), d.err());
        JsonNode second = JSON.readTree(again.resolve("results-predcls.json").toFile()).get("results").get(0);
        for (String k : new String[] {"R@20", "R@50", "R@100", "ng-R@50", "mR@50", "ng-mR@100"}) {
            assertEquals(first.get(k).doubleValue(), second.get(k).doubleValue(), k);
        }
    }

    @Test
    void badDumpIsOneLineAndDetectorStillNeedsACheckpoint() throws IOException {
        Path plain = tmp.resolve("not-gzip.jsonl.gz");
        Files.writeString(plain, "hello\n");
        CliRun.of("eval", "--dump", plain.toString()).assertOneLineError(plain.toString(), "not a gzip file");
        CliRun.of("eval", "--detector").assertOneLineError("--checkpoint");
        CliRun.of("eval").assertOneLineError("--detector", "--dump", "--freq");
        CliRun.of("eval", "--freq", "--dump", plain.toString()).assertOneLineError("either --dump or --freq");
    }
}
