package org.sgae.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.sgae.tensor.cpu.CpuParallel;
import org.sgae.tensor.cpu.gemm.CpuInfo;
import org.sgae.tensor.cpu.gemm.GemmTiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code sgae doctor}: what the CPU backend found on this machine and chose for it (CPU, SIMD flags, JVM, vector
 * width, threads, the GEMM register tile and how it was chosen, the tile cache).
 */
@Command(name = "doctor", mixinStandardHelpOptions = true,
        description = "Show the machine as the CPU backend sees it and the GEMM tile chosen for it.")
final class Doctor implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--calibrate", description = "measure the GEMM tiles again and overwrite the cached choice")
    boolean calibrate;

    @Option(names = "--calibrate-ms", description = "calibration budget in ms with --calibrate (default 900; a "
            + "loaded machine may need more for every kernel to reach the JIT)")
    long calibrateMs = 900;

    @Override
    public Integer call() {
        if (calibrate) {
            if (calibrateMs < 100 || calibrateMs > 60_000) {
                throw new IllegalArgumentException("--calibrate-ms " + calibrateMs + ": expected 100..60000");
            }
            System.setProperty(GemmTiles.PROPERTY, "calibrate");
            System.setProperty(GemmTiles.BUDGET_PROPERTY, Long.toString(calibrateMs));
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println("cpu           " + GemmTiles.cpuModel());
        String flags = CpuInfo.simdFlags();
        out.println("simd flags    " + (flags.isEmpty() ? "(unknown)" : flags));
        out.println("jvm           " + System.getProperty("java.vm.name") + " "
                + System.getProperty("java.vm.version"));
        out.println("vector width  " + GemmTiles.preferredBits() + " bits preferred, " + GemmTiles.vectorRegisters()
                + " vector registers");
        out.println("threads       " + CpuParallel.threads() + " (-Dsgae.threads)");
        long t0 = System.nanoTime();
        GemmTiles.Choice c = GemmTiles.choice();
        long ms = (System.nanoTime() - t0) / 1_000_000;
        out.println(c.describe() + (c.source() == GemmTiles.Source.CALIBRATED
                || c.source() == GemmTiles.Source.INCONCLUSIVE ? String.format(Locale.ROOT, " [%d ms]", ms) : ""));
        out.println("candidates    " + GemmTiles.candidates().stream().map(t -> t.name)
                .collect(Collectors.joining(" ")) + " (force one with -D" + GemmTiles.PROPERTY + "=NAME)");
        out.println("tile cache    " + c.cacheFile() + " [" + c.key() + "]");
        return 0;
    }
}
