package org.sgae.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Where a run ran: printed in the report so that its timings can be judged. */
public record Environment(String jvm, int threads, String cpu, String os, String device, long maxHeapBytes) {
    /**
     * This JVM and machine. {@code device} is the backend the run used (e.g. "CPU", "CUDA: NVIDIA H100"): only the
     * caller knows it. Threads are the CPU backend's ({@code -Dsgae.threads}, else all processors).
     */
    public static Environment detect(String device) {
        String jvm = System.getProperty("java.vm.name", "?") + " " + System.getProperty("java.runtime.version",
                System.getProperty("java.version", "?")) + " (" + System.getProperty("java.vm.vendor", "?") + ")";
        int processors = Runtime.getRuntime().availableProcessors();
        int threads = Math.max(1, Integer.getInteger("sgae.threads", processors));
        String os = System.getProperty("os.name", "?") + " " + System.getProperty("os.version", "") + " "
                + System.getProperty("os.arch", "");
        return new Environment(jvm, threads, cpuModel() + ", " + processors + " logical processors", os.strip(),
                device, Runtime.getRuntime().maxMemory());
    }

    /** The first "model name" of /proc/cpuinfo (Linux), else the architecture. */
    static String cpuModel() {
        try {
            List<String> lines = Files.readAllLines(Path.of("/proc/cpuinfo"));
            String family = null;
            String model = null;
            for (String l : lines) {
                int colon = l.indexOf(':');
                if (colon < 0) {
                    continue;
                }
                String key = l.substring(0, colon).strip();
                String value = l.substring(colon + 1).strip();
                if (key.equals("model name")) {
                    String fam = family == null ? "" : " (family " + family + (model == null ? "" : " model " + model)
                            + ")";
                    return value + fam;
                }
                if (key.equals("cpu family")) {
                    family = value;
                } else if (key.equals("model")) {
                    model = value;
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux, or not readable: fall through
        }
        return System.getProperty("os.arch", "unknown CPU");
    }
}
