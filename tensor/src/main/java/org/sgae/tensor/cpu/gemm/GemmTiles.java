package org.sgae.tensor.cpu.gemm;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import jdk.incubator.vector.FloatVector;

/**
 * Which register tile ({@link GemmTile}) this process's GEMM uses, chosen once per machine by measurement.
 *
 * <p>Order: {@code -Dsgae.gemm.tile=NAME} forces a tile (any of {@link #all()}, also wider than the hardware, which
 * the Vector API then emulates: slow, for tests); otherwise the cache file {@code ~/.cache/sgae/gemm-tile.properties}
 * ({@code $XDG_CACHE_HOME/sgae} when set) holds the choice for this key (CPU model, preferred vector width, JVM
 * version); otherwise a calibration of under a second times each candidate tile's kernel over an L2-resident
 * packed block ({@link TileCalibration}) and the fastest is cached. {@code -Dsgae.gemm.tile=calibrate}
 * re-measures and overwrites the cached entry. As OpenBLAS's dynamic architecture and oneDNN's dispatch, but by
 * timing: which tile C2 compiles without spills and which the core runs fastest differs by JDK and CPU (on Zen 3,
 * 6×2 vectors spilled on Temurin 25 but not JDK 17; see {@code tensor/dev/gen_gemm_kernel.py}).
 */
public final class GemmTiles {
    public static final String PROPERTY = "sgae.gemm.tile";
    /** Calibration budget in ms (default 900). */
    public static final String BUDGET_PROPERTY = "sgae.gemm.calibrate.ms";
    private static final String CACHE_FILE = "gemm-tile.properties";

    private GemmTiles() {
    }

    /**
     * How the tile was chosen: forced, found in the cache, measured now, the default (no candidate), or the
     * default because the calibration was inconclusive (a kernel still interpreted at the end of the budget).
     */
    public enum Source { PROPERTY, CACHE, CALIBRATED, DEFAULT, INCONCLUSIVE }

    /**
     * The choice: tile, how it was chosen, the cache key and file, and the measured GFLOP/s per candidate (from
     * this process's calibration or the cache; empty when forced).
     */
    public record Choice(GemmTile tile, Source source, String key, Path cacheFile, Map<String, Double> gflops) {
        /** One line for benchmark output, e.g. {@code gemm tile 4x2v512 (4x32 floats; cache; 4x2v512 96.1, …)}. */
        public String describe() {
            if (source == Source.INCONCLUSIVE) {
                return "gemm tile " + tile.name + " (" + tile.mr + "x" + tile.nr + " floats; default: calibration "
                        + "inconclusive, a kernel still interpreted at the end of the budget: " + figures()
                        + " GFLOP/s; not cached)";
            }
            String figures = figures();
            return "gemm tile " + tile.name + " (" + tile.mr + "x" + tile.nr + " floats; "
                    + source.name().toLowerCase(Locale.ROOT) + (figures.isEmpty() ? "" : "; " + figures + " GFLOP/s")
                    + ")";
        }

        private String figures() {
            return gflops.entrySet().stream()
                    .map(e -> e.getKey() + " " + String.format(Locale.ROOT, "%.1f", e.getValue()))
                    .collect(Collectors.joining(", "));
        }
    }

    private static final class Holder {
        static final Choice CHOICE = choose();
    }

    /** The process's choice (made on first use: forced, cached or calibrated). */
    public static Choice choice() {
        return Holder.CHOICE;
    }

    /** Every tile the kernels exist for, of every vector width. */
    public static List<GemmTile> all() {
        return TileKernels.all();
    }

    /** The tile named e.g. {@code 8x2v512}; the error lists the names. */
    public static GemmTile byName(String name) {
        for (GemmTile t : all()) {
            if (t.name.equals(name)) {
                return t;
            }
        }
        throw new IllegalArgumentException("-D" + PROPERTY + "=" + name + ": no such GEMM tile; one of "
                + all().stream().map(t -> t.name).collect(Collectors.joining(", "))
                + " (MRxNV vectors of bits), or 'calibrate'");
    }

    /** Bits of the preferred float species (the widest the JIT compiles to native vectors). */
    public static int preferredBits() {
        return FloatVector.SPECIES_PREFERRED.vectorBitSize();
    }

    /**
     * Vector registers the kernels may fill: 32 with AVX-512 (zmm/ymm 0–31 through AVX-512VL) and on AArch64,
     * 16 otherwise (AVX2's ymm 0–15).
     */
    public static int vectorRegisters() {
        String arch = System.getProperty("os.arch", "");
        return preferredBits() >= 512 || arch.equals("aarch64") ? 32 : 16;
    }

    /**
     * The tiles calibration times (the others are there to be forced and compared): few, because each must get
     * from the interpreter to C2 within the budget. One per shape family that measured competitive on Zen 4 / Zen 3
     * (sgemm 1024, one thread, CPU time, JDK 17 on Zen 4: 4x2v512 101, 8x2v512 98, 12x2v512 94, 6x3v512 94, 8x2v256
     * 90 GFLOP/s, under load; the 256-bit tiles per {@code tensor/dev/gen_gemm_kernel.py}).
     */
    static final List<String> CALIBRATED = List.of("4x2v512", "8x2v512", "12x2v512", "6x3v512",
            "4x2v256", "6x2v256", "3x3v256", "4x2v128", "8x2v128");

    /**
     * Tiles calibration chooses among: those of {@link #CALIBRATED} of the preferred width whose registers fit.
     * One width only: timing 256- and 512-bit kernels in one JVM pollutes the type profiles inside the Vector API
     * that the kernels share, and the tile chosen afterwards ran at 5 instead of 96 GFLOP/s (sgemm 1024, one
     * thread, Zen 4, JDK 17; 512-bit tiles alone leave it at 96).
     */
    public static List<GemmTile> candidates() {
        int bits = preferredBits();
        List<GemmTile> out = new ArrayList<>();
        for (GemmTile t : all()) {
            boolean width = t.bits == bits;
            if (width && CALIBRATED.contains(t.name) && t.registers() <= vectorRegisters()) {
                out.add(t);
            }
        }
        return out;
    }

    /** The tile used without a measurement: 4×2 vectors of the preferred width (the tile tuned on Zen 3). */
    static GemmTile fallback() {
        int bits = preferredBits();
        for (GemmTile t : all()) {
            if (t.mr == 4 && t.nv == 2 && t.bits == bits) {
                return t;
            }
        }
        return byName("4x2v256");
    }

    /** The cache key: CPU model, preferred vector width, JVM name and version. */
    public static String machineKey() {
        return cpuModel() + " | " + preferredBits() + "-bit | " + System.getProperty("java.vm.name", "?") + " "
                + System.getProperty("java.vm.version", "?");
    }

    /**
     * {@code model name} of /proc/cpuinfo (Linux) with its family and model numbers (VMs often report only
     * "AMD EPYC"), else the OS architecture.
     */
    public static String cpuModel() {
        String name = CpuInfo.field("model name");
        if (name == null) {
            return System.getProperty("os.arch", "unknown");
        }
        String family = CpuInfo.field("cpu family");
        String model = CpuInfo.field("model");
        return name + (family != null && model != null ? " (family " + family + " model " + model + ")" : "");
    }

    /** The cache directory: {@code $XDG_CACHE_HOME/sgae}, else {@code ~/.cache/sgae}. */
    public static Path cacheDir() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isEmpty() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("sgae");
    }

    private static Choice choose() {
        String key = machineKey();
        Path file = cacheDir().resolve(CACHE_FILE);
        String forced = System.getProperty(PROPERTY, "").trim();
        if (!forced.isEmpty() && !forced.equals("auto") && !forced.equals("calibrate")) {
            return new Choice(byName(forced), Source.PROPERTY, key, file, Map.of());
        }
        List<GemmTile> candidates = candidates();
        if (candidates.isEmpty()) {
            return new Choice(fallback(), Source.DEFAULT, key, file, Map.of());
        }
        if (!forced.equals("calibrate")) {
            Choice cached = readCache(file, key, candidates);
            if (cached != null) {
                return cached;
            }
        }
        long budgetMs = Long.getLong(BUDGET_PROPERTY, TileCalibration.BUDGET_NANOS / 1_000_000);
        Map<String, Double> gflops = TileCalibration.measure(candidates, Math.max(10, budgetMs) * 1_000_000);
        if (gflops.values().stream().anyMatch(g -> g < TileCalibration.COMPILED_GFLOPS)) {
            // Some kernel never left the interpreter within the budget (a loaded machine): no fair comparison.
            // The default tile, not cached, so that a later process measures again.
            return new Choice(fallback(), Source.INCONCLUSIVE, key, file, sorted(gflops));
        }
        GemmTile best = pick(candidates, gflops);
        writeCache(file, key, best, gflops);
        return new Choice(best, Source.CALIBRATED, key, file, sorted(gflops));
    }

    /**
     * The fastest candidate, but the default tile unless another beats it by {@link #MARGIN}: the kernel-alone
     * rates of the tiles often lie within 1 % of each other (Zen 4, Temurin 25: 8x2v512 116.6, 12x2v512 116.4,
     * 4x2v512 115.6 GFLOP/s, one zmm FMA per cycle being the limit), where the pick is noise, and in the whole GEMM
     * the default measured best there (its packing and edge handling are the tuned ones).
     */
    static GemmTile pick(List<GemmTile> candidates, Map<String, Double> gflops) {
        GemmTile best = candidates.get(0);
        for (GemmTile t : candidates) {
            if (gflops.get(t.name) > gflops.get(best.name)) {
                best = t;
            }
        }
        GemmTile def = fallback();
        Double d = gflops.get(def.name);
        return d != null && gflops.get(best.name) < d * MARGIN ? def : best;
    }

    /** How much faster than the default a tile must measure to be chosen. */
    static final double MARGIN = 1.03;

    private static Map<String, Double> sorted(Map<String, Double> gflops) {
        Map<String, Double> out = new LinkedHashMap<>();
        gflops.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }

    /**
     * Cache entry: {@code KEY=TILE;name:gflops,name:gflops…}. An entry naming a tile that is no longer a candidate
     * (or unreadable) counts as absent.
     */
    private static Choice readCache(Path file, String key, List<GemmTile> candidates) {
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            p.load(in);
        } catch (IOException e) {
            return null;
        }
        String v = p.getProperty(key);
        if (v == null) {
            return null;
        }
        String[] parts = v.split(";", 2);
        GemmTile tile = null;
        for (GemmTile t : candidates) {
            if (t.name.equals(parts[0].trim())) {
                tile = t;
            }
        }
        if (tile == null) {
            return null;
        }
        Map<String, Double> gflops = new LinkedHashMap<>();
        if (parts.length > 1) {
            for (String f : parts[1].split(",")) {
                String[] nv = f.split(":");
                if (nv.length == 2) {
                    try {
                        gflops.put(nv[0].trim(), Double.parseDouble(nv[1].trim()));
                    } catch (NumberFormatException e) {
                        return null;
                    }
                }
            }
        }
        return new Choice(tile, Source.CACHE, key, file, sorted(gflops));
    }

    /** Best effort (a read-only home keeps working, it calibrates again next time); atomic replace. */
    private static void writeCache(Path file, String key, GemmTile best, Map<String, Double> gflops) {
        try {
            Files.createDirectories(file.getParent());
            Properties p = new Properties();
            if (Files.exists(file)) {
                try (InputStream in = Files.newInputStream(file)) {
                    p.load(in);
                } catch (IOException | IllegalArgumentException e) {
                    p.clear(); // a damaged cache is rewritten
                }
            }
            p.setProperty(key, best.name + ";" + sorted(gflops).entrySet().stream()
                    .map(e -> e.getKey() + ":" + String.format(Locale.ROOT, "%.1f", e.getValue()))
                    .collect(Collectors.joining(",")));
            Path tmp = Files.createTempFile(file.getParent(), CACHE_FILE, ".tmp");
            try (OutputStream out = Files.newOutputStream(tmp)) {
                p.store(out, "sgae GEMM register tile per machine (GemmTiles); delete to re-measure");
            }
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException | SecurityException e) {
            System.err.println("sgae: cannot write the GEMM tile cache " + file + ": " + e.getMessage());
        }
    }
}
