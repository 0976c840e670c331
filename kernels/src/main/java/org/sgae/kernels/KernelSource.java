package org.sgae.kernels;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Loads the portable kernel sources from the classpath ({@code kernels/<name>.k}, copied there by the build from
 * {@code src/main/kernels}). OpenCL has no include path into a jar, so {@link #openCl} splices {@code portable.h}
 * in place of the {@code #include "portable.h"} line; nvcc gets {@code -I} instead and sees the raw text.
 */
public final class KernelSource {
    static final String INCLUDE_LINE = "#include \"portable.h\"";
    private static final Map<String, String> CACHE = new ConcurrentHashMap<>();

    private KernelSource() {
    }

    /** Raw text of {@code kernels/<name>} (name with extension, e.g. "elementwise.k" or "portable.h"). */
    public static String raw(String fileName) {
        return CACHE.computeIfAbsent(fileName, KernelSource::read);
    }

    /** Source of family {@code name} ready for clCreateProgramWithSource: header spliced, line numbers kept apart. */
    public static String openCl(String name) {
        String text = raw(name + ".k");
        if (!text.contains(INCLUDE_LINE)) {
            throw new IllegalStateException("kernels/" + name + ".k does not include portable.h");
        }
        String header = raw("portable.h");
        // #line keeps PoCL's build-log line numbers pointing into the .k file after the splice.
        return text.replace(INCLUDE_LINE, header + "\n#line 1 \"" + name + ".k\"\n");
    }

    private static String read(String fileName) {
        String path = "kernels/" + fileName;
        try (InputStream in = KernelSource.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("Kernel resource " + path + " is not on the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read kernel resource " + path, e);
        }
    }
}
