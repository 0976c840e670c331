package org.sgae.train;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The run log: one JSON object per line in {@code <run>/log.jsonl}. Each line is written with a single append
 * (O_APPEND) and forced to disk, so a reader or a crash sees whole lines only; a resumed run appends to the same
 * file.
 */
public final class RunLog {
    public static final String FILE = "log.jsonl";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final double MIB = 1024.0 * 1024.0;
    private final Path file;

    public RunLog(Path runDir) {
        this.file = runDir.resolve(FILE);
    }

    public Path file() {
        return file;
    }

    /** A progress line: the losses of the logged step, lr, throughput since the last line, memory. */
    public void progress(int phase, int iteration, Map<String, Double> losses, double lr, double imagesPerSecond,
                         long skippedSoFar) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("phase", phase);
        line.put("iter", iteration);
        line.put("loss", finiteOrText(losses.values().stream().mapToDouble(Double::doubleValue).sum()));
        Map<String, Object> each = new LinkedHashMap<>();
        losses.forEach((k, v) -> each.put(k, finiteOrText(v)));
        line.put("losses", each);
        line.put("lr", lr);
        line.put("images_per_s", imagesPerSecond);
        line.put("rss_mib", Memory.residentBytes() / MIB);
        line.put("heap_mib", Memory.heapUsedBytes() / MIB);
        line.put("skipped", skippedSoFar);
        append(line);
    }

    /**
     * A progress line with further per-step values beside the losses (phase 1: the discriminators' losses, which are
     * not part of the "loss" sum, L_G).
     */
    public void progress(int phase, int iteration, Map<String, Double> losses, double lr, double imagesPerSecond,
                         long skippedSoFar, Map<String, Double> extra) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("phase", phase);
        line.put("iter", iteration);
        line.put("loss", finiteOrText(losses.values().stream().mapToDouble(Double::doubleValue).sum()));
        Map<String, Object> each = new LinkedHashMap<>();
        losses.forEach((k, v) -> each.put(k, finiteOrText(v)));
        line.put("losses", each);
        extra.forEach((k, v) -> line.put(k, finiteOrText(v)));
        line.put("lr", lr);
        line.put("images_per_s", imagesPerSecond);
        line.put("rss_mib", Memory.residentBytes() / MIB);
        line.put("heap_mib", Memory.heapUsedBytes() / MIB);
        line.put("skipped", skippedSoFar);
        append(line);
    }

    /** A skipped step: its loss (or gradient norm) was not finite, so nothing was applied. */
    public void skipped(int phase, int iteration, String why) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("phase", phase);
        line.put("iter", iteration);
        line.put("skipped", why);
        append(line);
    }

    /** An event of a step that is not a progress line, e.g. {@code "diverging": "D_img: gradient norm …"}. */
    public void event(int phase, int iteration, String kind, String text) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("phase", phase);
        line.put("iter", iteration);
        line.put(kind, text);
        append(line);
    }

    /** JSON has no NaN or infinity: those are written as text ("NaN", "Infinity"). */
    private static Object finiteOrText(double v) {
        return Double.isFinite(v) ? (Object) v : Double.toString(v);
    }

    private void append(Map<String, Object> line) {
        try {
            byte[] bytes = (JSON.writeValueAsString(line) + "\n").getBytes(StandardCharsets.UTF_8);
            Files.write(file, bytes, StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE,
                    StandardOpenOption.DSYNC);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("run log line is not serialisable", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to " + file, e);
        }
    }
}
