package org.sgae.model.joint;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import org.sgae.data.AtomicFiles;

/**
 * One finished arm of the ablation (one seed, one λ_img): its phase-2 wall time and its metrics (recalls as
 * fractions, image metrics), FREQ's on the same objects beside them. Written into the arm's folder when the arm
 * ends, so that {@code sgae ablation --resume} reads it back instead of training again.
 *
 * @param seconds phase-2 training seconds of the arm (NaN when the arm was continued after a stop)
 * @param model   metric name → value of the trained model
 * @param freq    metric name → value of FREQ (empty for λ_img = 1, whose FREQ row the λ_img = 0 arm gives)
 */
record ArmResult(double seconds, Map<String, Double> model, Map<String, Double> freq) {
    static final String FILE = "arm-result.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    void write(Path dir) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("seconds", Double.isFinite(seconds) ? seconds : null);
        m.put("model", model);
        m.put("freq", freq);
        try {
            AtomicFiles.write(dir.resolve(FILE), JSON.writeValueAsBytes(m));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + dir.resolve(FILE), e);
        }
    }

    /** The arm's result if it finished earlier; a file that cannot be parsed is an error naming it. */
    static Optional<ArmResult> read(Path dir) {
        Path f = dir.resolve(FILE);
        if (!Files.isRegularFile(f)) {
            return Optional.empty();
        }
        try {
            Map<String, Object> m = JSON.readValue(Files.readAllBytes(f), new TypeReference<Map<String, Object>>() { });
            Object s = m.get("seconds");
            return Optional.of(new ArmResult(s instanceof Number n ? n.doubleValue() : Double.NaN,
                    numbers(m.get("model"), f, "model"), numbers(m.get("freq"), f, "freq")));
        } catch (IOException | ClassCastException e) {
            throw new IllegalArgumentException(f + ": not an ablation arm result (" + e.getMessage() + ")", e);
        }
    }

    private static Map<String, Double> numbers(Object o, Path f, String field) {
        if (!(o instanceof Map<?, ?> raw)) {
            throw new IllegalArgumentException(f + ": field \"" + field + "\" missing or not an object");
        }
        Map<String, Double> out = new LinkedHashMap<>();
        raw.forEach((k, v) -> {
            if (!(v instanceof Number n)) {
                throw new IllegalArgumentException(f + ": \"" + field + "." + k + "\" is not a number");
            }
            out.put((String) k, n.doubleValue());
        });
        return out;
    }
}
