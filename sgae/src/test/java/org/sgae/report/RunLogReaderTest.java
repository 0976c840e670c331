package org.sgae.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sgae.data.DataFormatException;

class RunLogReaderTest {
    @TempDir
    Path tmp;

    @Test
    void readsPhasesLossesSkipsAndResumes() {
        List<PhaseLog> phases = RunLogReader.read(ReportFixtures.writeRunLog(tmp));
        assertEquals(List.of("phase 0", "phase 1"), phases.stream().map(PhaseLog::name).toList());
        PhaseLog p0 = phases.get(0);
        assertEquals(10, p0.points().size());
        PhaseLog.Point first = p0.points().get(0);
        assertEquals(10, first.iteration());
        assertEquals(List.of("rpn_cls", "rpn_box", "roi_cls", "roi_box"), List.copyOf(first.losses().keySet()));
        assertEquals((0.7 + 0.2 + 1.5 + 0.4) / Math.sqrt(10), first.loss(), 1e-12, "total = sum of the losses");
        assertEquals(0.002, first.lr(), 1e-15);
        assertEquals(4.5, first.imagesPerSecond());
        // phase 1: 10, 20 before the crash; 30, 40, 50 (NaN) dropped by the resumed run's 30..80
        PhaseLog p1 = phases.get(1);
        assertEquals(List.of(10, 20, 30, 40, 50, 60, 70, 80), p1.points().stream().map(PhaseLog.Point::iteration).toList());
        assertEquals(0.5 / 30, p1.points().get(2).losses().get("l1"), 1e-15);
        assertEquals(1, p1.skippedSteps());
    }

    @Test
    void nonFiniteLossesReadBack() throws IOException {
        Path f = tmp.resolve("log.jsonl");
        Files.writeString(f, "{\"phase\":2,\"iter\":5,\"loss\":\"NaN\",\"losses\":{\"a\":\"Infinity\",\"b\":1.0},"
                + "\"lr\":0.1,\"images_per_s\":3}\n{\"phase\":2,\"iter\":6,\"loss\":1.0,\"los");
        List<PhaseLog> phases = RunLogReader.read(f);
        assertEquals(1, phases.get(0).points().size(), "a half-written last line is ignored");
        PhaseLog.Point p = phases.get(0).points().get(0);
        assertTrue(Double.isNaN(p.loss()));
        assertEquals(Double.POSITIVE_INFINITY, p.losses().get("a"));
    }

    @Test
    void badLinesNameTheFileAndLine() throws IOException {
        Path f = tmp.resolve("log.jsonl");
        Files.writeString(f, "{\"phase\":0,\"iter\":1,\"loss\":1}\n{oops\n{\"phase\":0,\"iter\":2,\"loss\":1}\n");
        DataFormatException e = assertThrows(DataFormatException.class, () -> RunLogReader.read(f));
        assertTrue(e.getMessage().startsWith(f + ": line 2: bad JSON"), e.getMessage());
        Files.writeString(f, "{\"phase\":0,\"iter\":1,\"loss\":\"lots\"}\n");
        e = assertThrows(DataFormatException.class, () -> RunLogReader.read(f));
        assertTrue(e.getMessage().contains("line 1: field 'loss' is not a number"), e.getMessage());
        Files.writeString(f, "{\"iter\":1}\n{}\n");
        e = assertThrows(DataFormatException.class, () -> RunLogReader.read(f));
        assertTrue(e.getMessage().contains("line 1: needs integer fields 'phase' and 'iter'"), e.getMessage());
        Path none = tmp.resolve("none.jsonl");
        e = assertThrows(DataFormatException.class, () -> RunLogReader.read(none));
        assertTrue(e.getMessage().contains("run log is missing"), e.getMessage());
    }
}
