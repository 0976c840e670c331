package org.sgae.tensor.cpu.gemm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Fields of Linux's /proc/cpuinfo (first processor); null elsewhere. For the tile cache key and reports. */
public final class CpuInfo {
    private CpuInfo() {
    }

    /** The value of {@code name} for the first processor, or null (no /proc/cpuinfo, or no such field). */
    public static String field(String name) {
        List<String> lines;
        try {
            lines = Files.readAllLines(Path.of("/proc/cpuinfo"));
        } catch (IOException | SecurityException e) {
            return null;
        }
        for (String line : lines) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equals(name)) {
                return line.substring(colon + 1).trim();
            }
        }
        return null;
    }

    /** The SIMD flags that matter to the kernels (avx2, fma, avx512*), space-separated; "" when unknown. */
    public static String simdFlags() {
        String flags = field("flags");
        if (flags == null) {
            flags = field("Features"); // AArch64
        }
        if (flags == null) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        for (String f : flags.split("\\s+")) {
            if (f.equals("avx2") || f.equals("fma") || f.startsWith("avx512") || f.equals("asimd") || f.equals("sve")) {
                out.append(out.length() == 0 ? "" : " ").append(f);
            }
        }
        return out.toString();
    }
}
