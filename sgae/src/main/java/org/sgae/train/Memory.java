package org.sgae.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Memory figures for the run log and the benchmarks. */
final class Memory {
    private static final Path PROC_STATUS = Path.of("/proc/self/status");
    private static final long KIB = 1024;

    private Memory() {
    }

    /** Resident set size from /proc (Linux); -1 where there is none. */
    static long residentBytes() {
        return procStatusBytes("VmRSS:");
    }

    /** Peak resident set size of the process so far (the kernel's high-water mark); -1 where there is none. */
    static long peakResidentBytes() {
        return procStatusBytes("VmHWM:");
    }

    private static long procStatusBytes(String field) {
        try {
            for (String line : Files.readAllLines(PROC_STATUS)) {
                if (line.startsWith(field)) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * KIB;
                }
            }
        } catch (IOException | NumberFormatException e) {
            // not Linux, or an unexpected format: report unknown rather than fail the run
        }
        return -1;
    }

    static long heapUsedBytes() {
        Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory();
    }
}
