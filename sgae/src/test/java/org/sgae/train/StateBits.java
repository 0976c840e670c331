package org.sgae.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;

/** What the exact-resume tests compare: a model's and optimiser's whole state as raw float bits. */
final class StateBits {
    private StateBits() {
    }

    /** Every parameter, buffer (BN running statistics) and optimiser tensor (momentum, Adam moments), as floats. */
    static Map<String, float[]> snapshot(TrainableModel model, Solver solver) {
        Map<String, float[]> out = new LinkedHashMap<>();
        model.stateDict().forEach((k, v) -> out.put("model." + k, v.toFloatArray()));
        solver.optimizer().stateDict().forEach((k, v) -> out.put("optim." + k, v.toFloatArray()));
        return out;
    }

    /** The same names, and every tensor equal bit for bit (raw bits: −0 ≠ +0, NaN payloads count). */
    static void assertBitEqual(Map<String, float[]> expected, Map<String, float[]> actual) {
        assertEquals(expected.keySet(), actual.keySet());
        expected.forEach((k, v) -> assertArrayEquals(rawBits(v), rawBits(actual.get(k)), "tensor " + k));
    }

    private static int[] rawBits(float[] v) {
        int[] bits = new int[v.length];
        for (int i = 0; i < v.length; i++) {
            bits[i] = Float.floatToRawIntBits(v[i]);
        }
        return bits;
    }

    /** A run folder holding only {@code checkpoint}, as after a crash right after it was written. */
    static void seedRunWith(Path checkpoint, Path runDir) throws IOException {
        Path to = Checkpoint.folderOf(runDir).resolve(checkpoint.getFileName());
        Files.createDirectories(to);
        try (var files = Files.list(checkpoint)) {
            for (Path f : files.toList()) {
                Files.copy(f, to.resolve(f.getFileName()), StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
    }
}
