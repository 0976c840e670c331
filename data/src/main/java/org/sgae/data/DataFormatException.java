package org.sgae.data;

import java.nio.file.Path;

/**
 * A data file is missing, truncated or inconsistent. The message always names the file and what is wrong,
 * so that a user can fix or regenerate it without reading a stack trace.
 */
public class DataFormatException extends RuntimeException {
    private final transient Path file;

    public DataFormatException(Path file, String problem) {
        this(file, problem, null);
    }

    public DataFormatException(Path file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
        this.file = file;
    }

    /** The offending file (may be a folder when a whole data set is missing). */
    public Path file() {
        return file;
    }
}
