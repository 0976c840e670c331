package org.sgae.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sgae.data.DataFormatException;

/**
 * Reads the run log written by {@code org.sgae.train.RunLog} (one JSON object per line) into one {@link PhaseLog}
 * per phase, in the order the phases first appear. Progress lines carry {@code phase, iter, loss, losses{name: v},
 * lr, images_per_s}; skip lines carry {@code phase, iter, skipped: "why"}; non-finite numbers are written as text
 * ("NaN", "Infinity"). A resumed run appends to the same file and may log again iterations logged before the
 * crash: a line whose iteration is not past the previous one replaces the points from that iteration on.
 */
public final class RunLogReader {
    private static final ObjectMapper JSON = new ObjectMapper();

    private RunLogReader() {
    }

    public static List<PhaseLog> read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new DataFormatException(file, "run log is missing", e);
        } catch (IOException e) {
            throw new DataFormatException(file, "cannot read: " + e.getMessage(), e);
        }
        Map<Integer, List<PhaseLog.Point>> points = new LinkedHashMap<>();
        Map<Integer, Integer> skipped = new LinkedHashMap<>();
        for (int n = 0; n < lines.size(); n++) {
            String text = lines.get(n).strip();
            if (text.isEmpty()) {
                continue;
            }
            JsonNode line;
            try {
                line = JSON.readTree(text);
            } catch (JsonProcessingException e) {
                if (n == lines.size() - 1) {
                    break; // a half-written last line (the writer died mid-append) is not an error
                }
                throw new DataFormatException(file, "line " + (n + 1) + ": bad JSON: " + e.getOriginalMessage());
            }
            if (line == null || !line.isObject() || !line.path("phase").canConvertToInt()
                    || !line.path("iter").canConvertToInt()) {
                throw new DataFormatException(file, "line " + (n + 1) + ": needs integer fields 'phase' and 'iter'");
            }
            int phase = line.get("phase").asInt();
            List<PhaseLog.Point> list = points.computeIfAbsent(phase, p -> new ArrayList<>());
            if (line.path("skipped").isTextual()) {
                skipped.merge(phase, 1, Integer::sum);
                continue;
            }
            int iter = line.get("iter").asInt();
            while (!list.isEmpty() && list.get(list.size() - 1).iteration() >= iter) {
                list.remove(list.size() - 1); // logged again after a resume
            }
            Map<String, Double> losses = new LinkedHashMap<>();
            JsonNode each = line.path("losses");
            if (each.isObject()) {
                for (var it = each.fields(); it.hasNext(); ) {
                    var e = it.next();
                    losses.put(e.getKey(), number(file, n, "losses." + e.getKey(), e.getValue()));
                }
            }
            list.add(new PhaseLog.Point(iter, number(file, n, "loss", line.get("loss")), losses,
                    number(file, n, "lr", line.get("lr")), number(file, n, "images_per_s", line.get("images_per_s"))));
        }
        List<PhaseLog> out = new ArrayList<>();
        points.forEach((phase, list) -> out.add(new PhaseLog("phase " + phase, list, skipped.getOrDefault(phase, 0))));
        return out;
    }

    /** A number, or one of Java's texts for a non-finite double; absent → NaN. */
    private static double number(Path file, int n, String field, JsonNode v) {
        if (v == null || v.isNull()) {
            return Double.NaN;
        }
        if (v.isNumber()) {
            return v.asDouble();
        }
        if (v.isTextual()) {
            switch (v.asText()) {
                case "NaN": return Double.NaN;
                case "Infinity": return Double.POSITIVE_INFINITY;
                case "-Infinity": return Double.NEGATIVE_INFINITY;
                default: break;
            }
        }
        throw new DataFormatException(file, "line " + (n + 1) + ": field '" + field + "' is not a number: " + v);
    }
}
