package org.sgae.bench.anchor;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.sgae.tensor.cpu.CpuParallel;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * sgae's side of shared/anchors/cpu_torch_anchor.py: the same cases (names, params, FLOP counts) timed with the same
 * protocol (quiet-machine wait, warm-up, reps rule, per-call wall clock, foreign-CPU check and re-measurement,
 * interleaved passes, fastest clean pass) and written as the same JSON, so that bench/compare_torch.py can pair the
 * two files case by case.
 *
 * <p>One deviation: the first time a case is timed it warms up for --warmup-s (default 3 s) instead of the script's
 * 0.3 s, because the JIT compiles the kernels during the first calls; later passes and re-measurements use 0.3 s.
 *
 * <p>Run: {@code java --add-modules jdk.incubator.vector -Xms4g -Xmx4g -XX:+AlwaysPreTouch -Dsgae.threads=2
 * -cp bench/target/benchmarks.jar org.sgae.bench.anchor.CpuAnchor --only sgemm,conv --out sgae.json}
 */
@Command(name = "cpu-anchor", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Time sgae's CPU cases with the protocol of shared/anchors/cpu_torch_anchor.py; "
                + "JSON on stdout (and --out), progress on stderr. Threads: -Dsgae.threads=N on the java command.")
public final class CpuAnchor implements Callable<Integer> {
    @Option(names = "--only", description = "comma list of sections: sgemm,conv,crn (default ${DEFAULT-VALUE})")
    String only = String.join(",", AnchorCases.SECTIONS);

    @Option(names = "--case", paramLabel = "REGEX", description = "only cases whose name contains a match")
    String caseRegex;

    @Option(names = "--runs", description = "interleaved passes over all cases (default ${DEFAULT-VALUE})")
    int runs = 3;

    @Option(names = "--target-s", description = "timed seconds per case and pass (default ${DEFAULT-VALUE})")
    double targetS = 1.0;

    @Option(names = "--min-reps", description = "default ${DEFAULT-VALUE}")
    int minReps = 7;

    @Option(names = "--max-reps", description = "default ${DEFAULT-VALUE}")
    int maxReps = 200;

    @Option(names = "--retries", description = "re-measure a case up to this many times when other processes used "
            + "the CPU (default ${DEFAULT-VALUE})")
    int retries = 3;

    @Option(names = "--max-wait-s", description = "longest wait for other processes to go quiet before one attempt "
            + "(default ${DEFAULT-VALUE})")
    double maxWaitS = 240.0;

    @Option(names = "--warmup-s", description = "warm-up the first time a case is timed, for the JIT (default "
            + "${DEFAULT-VALUE}; the script's 0.3 s, or this if smaller, afterwards)")
    double warmupS = 3.0;

    @Option(names = "--out", paramLabel = "FILE", description = "also write the JSON here (temp file + move)")
    Path out;

    public static void main(String[] args) {
        CommandLine cli = new CommandLine(new CpuAnchor());
        // one line naming the bad option instead of the usage screen; exit 2 as for any usage error
        cli.setParameterExceptionHandler((e, a) -> {
            e.getCommandLine().getErr().println("cpu-anchor: " + e.getMessage() + " (see --help)");
            return 2;
        });
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof UsageError) {
                cmd.getErr().println("cpu-anchor: " + e.getMessage());
                return 2;
            }
            throw e;
        });
        System.exit(cli.execute(args));
    }

    /** A bad option value found after parsing: one line on stderr, exit 2. */
    static final class UsageError extends RuntimeException {
        UsageError(String m) {
            super(m);
        }
    }

    static void log(String line) {
        System.err.println(line);
        System.err.flush();
    }

    List<String> sections() {
        List<String> s = new ArrayList<>();
        for (String p : only.split(",")) {
            String t = p.trim();
            if (t.isEmpty()) {
                continue;
            }
            if (!AnchorCases.SECTIONS.contains(t)) {
                throw new UsageError("unknown section '" + t + "' (sgae has: " + String.join(",", AnchorCases.SECTIONS)
                        + ")");
            }
            s.add(t);
        }
        if (s.isEmpty()) {
            throw new UsageError("--only names no section");
        }
        return s;
    }

    void checkNumbers() {
        if (runs < 1 || minReps < 1 || maxReps < minReps || retries < 0) {
            throw new UsageError("need --runs >= 1, --min-reps >= 1, --max-reps >= --min-reps, --retries >= 0");
        }
        if (!(targetS > 0) || !(maxWaitS >= 0) || !(warmupS >= 0)) {
            throw new UsageError("need --target-s > 0, --max-wait-s >= 0, --warmup-s >= 0");
        }
        if (out != null && !Files.isDirectory(out.toAbsolutePath().getParent())) {
            // checked now: a long run should not end with nowhere to put its results
            throw new UsageError("--out: no directory " + out.toAbsolutePath().getParent());
        }
    }

    List<AnchorCase> selectedCases(List<String> sections) {
        List<AnchorCase> all = AnchorCases.of(sections);
        if (caseRegex == null) {
            return all;
        }
        Pattern p;
        try {
            p = Pattern.compile(caseRegex);
        } catch (PatternSyntaxException e) {
            throw new UsageError("bad --case regex: " + e.getDescription() + " in '" + caseRegex + "'");
        }
        List<AnchorCase> sel = all.stream().filter(c -> p.matcher(c.name()).find()).toList();
        if (sel.isEmpty()) {
            throw new UsageError("--case '" + caseRegex + "' matches no case of " + String.join(",", sections));
        }
        return sel;
    }

    @Override
    public Integer call() throws IOException {
        checkNumbers();
        List<String> sections = sections();
        List<AnchorCase> plan = selectedCases(sections);
        int threads = CpuParallel.threads();
        double laterWarmup = Math.min(warmupS, CaseTimer.SCRIPT_WARMUP_S);
        if (ForeignMeter.available()) {
            log("[foreign-CPU meter: /proc, HZ " + (int) ForeignMeter.HZ + "]");
        } else {
            log("[foreign-CPU meter UNAVAILABLE (" + ForeignMeter.unavailableReason() + "): no waiting for a quiet "
                    + "machine, no re-measurement; foreign_cpu_cores = -1 in every result]");
        }

        Map<String, Object> meta = meta(sections, threads, laterWarmup);
        long tStart = System.nanoTime();
        List<Map<String, Object>> results = new ArrayList<>();

        // setup of every selected case first, as the script builds its plan before the passes
        List<AnchorCase.Call> calls = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        for (AnchorCase c : plan) {
            AnchorCase.Call fn = null;
            String err = null;
            try {
                fn = c.build().get();
            } catch (RuntimeException | OutOfMemoryError e) {
                err = e.toString();
                log("  build " + c.name() + " FAILED: " + err);
            }
            calls.add(fn);
            errors.add(err);
        }

        CaseTimer timer = new CaseTimer(new CaseTimer.Settings(targetS, minReps, maxReps, retries, maxWaitS));
        List<List<CaseTimer.Pass>> passes = new ArrayList<>();
        plan.forEach(c -> passes.add(new ArrayList<>()));
        for (int run = 0; run < runs; run++) {
            log(String.format(Locale.ROOT, "[pass %d/%d]", run + 1, runs));
            for (int i = 0; i < plan.size(); i++) {
                if (errors.get(i) != null) {
                    continue;
                }
                try {
                    passes.get(i).add(timer.measure(plan.get(i).name(), threads, calls.get(i),
                            run == 0 ? warmupS : laterWarmup));
                } catch (RuntimeException | OutOfMemoryError e) {
                    log("  " + plan.get(i).name() + " FAILED: " + e);
                    errors.set(i, e.toString());
                }
            }
        }
        for (int i = 0; i < plan.size(); i++) {
            AnchorCase c = plan.get(i);
            if (!passes.get(i).isEmpty()) {
                results.add(finish(c, threads, passes.get(i)));
            } else {
                Map<String, Object> r = new LinkedHashMap<>();
                r.put("name", c.name());
                r.put("group", c.group());
                r.put("threads", threads);
                r.put("error", errors.get(i));
                results.add(r);
            }
        }
        for (Map<String, Object> r : results) {
            if (r.containsKey("median_ms")) {
                Object spread = r.get("pass_spread");
                log(String.format(Locale.ROOT, "  %-52s t=%d %10.3f ms  %s  spread %.2f", r.get("name"), threads,
                        (Double) r.get("median_ms"),
                        r.containsKey("gflop_per_s") ? String.format(Locale.ROOT, "%.1f GFLOP/s", r.get("gflop_per_s"))
                                : "", spread == null ? 0.0 : (Double) spread));
            }
        }
        meta.put("loadavg_end", loadavg());
        meta.put("wall_s", AnchorStats.round((System.nanoTime() - tStart) / 1e9, 1));

        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("meta", meta);
        doc.put("results", results);
        String text = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(doc);
        System.out.println(text);
        if (out != null) {
            writeAtomically(out, text + "\n");
        }
        return 0;
    }

    /** finish_case: the fastest clean pass (else the fastest), every pass's median, spread and GFLOP/s. */
    static Map<String, Object> finish(AnchorCase c, int threads, List<CaseTimer.Pass> passes) {
        double[] medians = new double[passes.size()];
        boolean[] dirty = new boolean[passes.size()];
        boolean anyClean = false;
        for (int i = 0; i < medians.length; i++) {
            medians[i] = passes.get(i).best().medianMs();
            dirty[i] = passes.get(i).contaminated();
            anyClean |= !dirty[i];
        }
        CaseTimer.Pass best = passes.get(AnchorStats.bestIndex(medians, dirty));
        CaseTimer.Attempt a = best.best();
        Map<String, Object> r = new LinkedHashMap<>(); // the script's key order
        r.put("name", c.name());
        r.put("group", c.group());
        r.put("threads", threads);
        r.put("median_ms", AnchorStats.round(a.medianMs(), 4));
        r.put("min_ms", AnchorStats.round(a.minMs(), 4));
        r.put("p10_ms", AnchorStats.round(a.p10Ms(), 4));
        r.put("p90_ms", AnchorStats.round(a.p90Ms(), 4));
        r.put("reps", a.reps());
        r.put("foreign_cpu_cores", a.foreign());
        r.put("steal_cores", a.steal());
        if (!a.top().isEmpty()) {
            r.put("foreign_top", a.top());
        }
        r.put("attempts", best.attempts());
        r.put("waited_s", best.waitedS());
        r.put("contaminated", !anyClean);
        r.put("pass_medians_ms", Arrays.stream(medians).map(m -> AnchorStats.round(m, 4)).boxed().toList());
        r.put("pass_spread", AnchorStats.spread(medians));
        if (c.flop() > 0 && a.medianMs() > 0) {
            r.put("gflop", AnchorStats.round(c.flop() / 1e9, 4));
            r.put("gflop_per_s", AnchorStats.round(c.flop() / (a.medianMs() * 1e-3) / 1e9, 2));
            r.put("flop_note", c.flopNote());
        }
        r.put("params", c.params());
        return r;
    }

    private Map<String, Object> meta(List<String> sections, int threads, double laterWarmup) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("script", "org.sgae.bench.anchor.CpuAnchor");
        m.put("cpu_model", org.sgae.tensor.cpu.gemm.GemmTiles.cpuModel());
        m.put("simd_flags", org.sgae.tensor.cpu.gemm.CpuInfo.simdFlags());
        m.put("gemm_tile", org.sgae.tensor.cpu.gemm.GemmTiles.choice().describe());
        m.put("date_utc", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        m.put("java", System.getProperty("java.version"));
        m.put("java_vm", System.getProperty("java.vm.name") + " " + System.getProperty("java.vm.version") + " ("
                + System.getProperty("java.vm.vendor") + ")");
        m.put("jvm_args", ManagementFactory.getRuntimeMXBean().getInputArguments());
        m.put("max_heap_mb", Runtime.getRuntime().maxMemory() >> 20);
        m.put("available_processors", Runtime.getRuntime().availableProcessors());
        m.put("threads", threads);
        Map<String, Object> props = new TreeMap<>();
        System.getProperties().forEach((k, v) -> {
            if (k.toString().startsWith("sgae.")) {
                props.put(k.toString(), v);
            }
        });
        m.put("sgae_properties", props);
        m.put("sections", sections);
        m.put("case_filter", caseRegex);
        m.put("runs", runs);
        m.put("target_s", targetS);
        m.put("min_reps", minReps);
        m.put("max_reps", maxReps);
        m.put("retries", retries);
        m.put("max_wait_s", maxWaitS);
        m.put("warmup_s_first", warmupS);
        m.put("warmup_s_later", laterWarmup);
        m.put("foreign_meter", ForeignMeter.available() ? "/proc (HZ " + (int) ForeignMeter.HZ + ")"
                : "unavailable: " + ForeignMeter.unavailableReason());
        m.put("cpu_model", cpuModel());
        m.put("loadavg_start", loadavg());
        m.put("not_covered", AnchorCases.NOT_COVERED);
        m.put("timing", "System.nanoTime per call; median of reps after warm-up; reps chosen so one case runs ~target "
                + "seconds (clamped to [min_reps, max_reps]); before each attempt waits until other processes use "
                + "<0.15 core in two 0.5 s windows; a case is re-measured when other processes used >=0.1 core "
                + "during it; all cases are measured in `runs` interleaved passes and the fastest clean pass's median "
                + "is reported (pass_medians_ms keeps them all) -- cpu_torch_anchor.py's protocol");
        m.put("deviation", "warm-up is warmup_s_first (JIT compilation) the first time a case is timed, with the call "
                + "cap scaled from the script's 50 per 0.3 s; afterwards warmup_s_later as the script; "
                + "System.gc() before each attempt stands for gc.collect(), Java's GC cannot be disabled while timing");
        return m;
    }

    private static List<String> loadavg() {
        try {
            return List.of(Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+")).subList(0, 3);
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }

    private static String cpuModel() {
        try (var lines = Files.lines(Path.of("/proc/cpuinfo"))) {
            return lines.filter(l -> l.startsWith("model name")).map(l -> l.substring(l.indexOf(':') + 1).trim())
                    .findFirst().orElse(null);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** Temp file beside the target, then a move: a reader never sees half a file. */
    static void writeAtomically(Path target, String text) throws IOException {
        Path abs = target.toAbsolutePath();
        Path tmp = Files.createTempFile(abs.getParent(), abs.getFileName().toString(), ".tmp");
        try {
            Files.writeString(tmp, text);
            try {
                Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
