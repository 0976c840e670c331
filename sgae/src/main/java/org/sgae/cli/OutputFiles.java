package org.sgae.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The {@code --force} rule of the commands that write files into {@code --out}. */
final class OutputFiles {
    private OutputFiles() {
    }

    /** Throws, naming the file, when one of {@code files} exists and {@code force} is off. */
    static void requireFree(boolean force, List<Path> files) {
        for (Path f : files) {
            if (!force && Files.exists(f)) {
                throw new IllegalArgumentException(f + ": exists (pass --force to replace it, or choose another"
                        + " --out)");
            }
        }
    }
}
