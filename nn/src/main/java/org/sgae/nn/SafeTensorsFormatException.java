package org.sgae.nn;

import java.io.IOException;
import java.nio.file.Path;

/** A safetensors file that cannot be read: truncated, corrupt, or using a feature sgae does not support. */
public final class SafeTensorsFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    public SafeTensorsFormatException(Path file, String problem) {
        super(file + ": " + problem + " (not a valid safetensors file; regenerate it with SafeTensors.write,"
                + " or for VGG-16 rerun the converter script)");
    }

    public SafeTensorsFormatException(Path file, String problem, Throwable cause) {
        this(file, problem);
        initCause(cause);
    }
}
