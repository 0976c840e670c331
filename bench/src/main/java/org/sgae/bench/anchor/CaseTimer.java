package org.sgae.bench.anchor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.sgae.bench.anchor.AnchorCase.Call;

/**
 * The script's timing loop: wait_quiet, time_cpu and measure_case, with the same thresholds. The one difference is
 * the warm-up length, which the caller chooses (the JIT needs more than the script's 0.3 s the first time).
 */
final class CaseTimer {
    /** Foreign load below which the machine counts as quiet before an attempt (two windows in a row). */
    static final double QUIET_CORES = 0.15;
    /** Foreign load during the timed calls from which an attempt counts as contaminated. */
    static final double CONTAMINATED_CORES = 0.1;
    static final double WINDOW_S = 0.5;
    /** The script's warm-up: at least 2 calls, then until 0.3 s have passed or 50 calls were made. */
    static final double SCRIPT_WARMUP_S = 0.3;
    static final int SCRIPT_WARMUP_CALLS = 50;

    record Settings(double targetS, int minReps, int maxReps, int retries, double maxWaitS) {
    }

    /** One timed series of calls (time_cpu's dict). */
    record Attempt(double medianMs, double minMs, double p10Ms, double p90Ms, int reps, double foreign, double steal,
                   List<String> top) {
    }

    /** One pass over a case (measure_case's dict): the chosen attempt and how it was obtained. */
    record Pass(Attempt best, int attempts, double waitedS, boolean contaminated) {
    }

    /** Results of the timed calls end up here, so the JIT must compute them. */
    static volatile Object sink;

    private final Settings s;

    CaseTimer(Settings s) {
        this.s = s;
    }

    /** Waits until other processes use < 0.15 core in two consecutive 0.5 s windows, or maxWaitS has passed. */
    static double waitQuiet(double maxWaitS) {
        if (!ForeignMeter.available()) {
            return 0.0; // nothing to wait on: the run was told so at its start
        }
        long t0 = System.nanoTime();
        int good = 0;
        boolean announced = false;
        ForeignMeter m = new ForeignMeter();
        while (true) {
            m.start();
            sleep(WINDOW_S);
            if (m.stop() < QUIET_CORES) {
                good++;
                if (good >= 2) {
                    break;
                }
            } else {
                good = 0;
                if (!announced) {
                    CpuAnchor.log(String.format(Locale.ROOT,
                            "   [waiting for other processes to go quiet: %.2f cores %s]", m.foreign(), m.top()));
                    announced = true;
                }
            }
            if ((System.nanoTime() - t0) / 1e9 > maxWaitS) {
                break;
            }
        }
        return AnchorStats.round((System.nanoTime() - t0) / 1e9, 1);
    }

    private static void sleep(double seconds) {
        try {
            Thread.sleep((long) (seconds * 1000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a quiet machine", e);
        }
    }

    /**
     * time_cpu: warm up (≥ 2 calls, then until warmupS or the call cap), time one call as the estimate, then time
     * reps calls one by one while the foreign meter runs. The call cap scales with the warm-up (50 per 0.3 s, the
     * script's ratio) so that a long JIT warm-up is not cut short on fast cases.
     */
    Attempt time(Call fn, double warmupS) {
        System.gc(); // the script's gc.collect(); Java's collector cannot be switched off for the timed calls
        int maxCalls = Math.max(SCRIPT_WARMUP_CALLS, (int) Math.round(SCRIPT_WARMUP_CALLS * warmupS / SCRIPT_WARMUP_S));
        long t0 = System.nanoTime();
        int n = 0;
        while (n < 2 || ((System.nanoTime() - t0) / 1e9 < warmupS && n < maxCalls)) {
            sink = fn.run();
            n++;
        }
        long t1 = System.nanoTime();
        sink = fn.run();
        double est = (System.nanoTime() - t1) / 1e9;
        int reps = AnchorStats.reps(s.targetS(), est, s.minReps(), s.maxReps());
        double[] times = new double[reps];
        ForeignMeter meter = new ForeignMeter();
        meter.start();
        try {
            for (int i = 0; i < reps; i++) {
                long a = System.nanoTime();
                sink = fn.run();
                times[i] = (System.nanoTime() - a) / 1e9;
            }
        } finally {
            meter.stop();
        }
        Arrays.sort(times);
        return new Attempt(AnchorStats.median(times) * 1e3, times[0] * 1e3, AnchorStats.quantile(times, 0.1) * 1e3,
                AnchorStats.quantile(times, 0.9) * 1e3, reps, AnchorStats.round(meter.foreign(), 3),
                AnchorStats.round(meter.steal(), 3), meter.top());
    }

    /**
     * measure_case: wait for quiet, time, and re-measure (up to retries times) while other processes used ≥ 0.1
     * core; report the fastest clean attempt, else the fastest one, flagged contaminated. The first attempt warms up
     * for {@code warmupS}, re-measurements for the script's 0.3 s (the code is compiled by then).
     */
    Pass measure(String name, int threads, Call fn, double warmupS) {
        List<Attempt> attempts = new ArrayList<>();
        double waited = 0;
        for (int attempt = 0; attempt < 1 + Math.max(0, s.retries()); attempt++) {
            waited += waitQuiet(s.maxWaitS());
            Attempt r = time(fn, attempt == 0 ? warmupS : Math.min(warmupS, SCRIPT_WARMUP_S));
            attempts.add(r);
            if (r.foreign() < CONTAMINATED_CORES) {
                break;
            }
            CpuAnchor.log(String.format(Locale.ROOT, "   [other processes used %.2f cores during %s: %s; re-measuring]",
                    r.foreign(), name, r.top()));
        }
        double[] medians = new double[attempts.size()];
        boolean[] dirty = new boolean[attempts.size()];
        boolean anyClean = false;
        for (int i = 0; i < medians.length; i++) {
            medians[i] = attempts.get(i).medianMs();
            dirty[i] = attempts.get(i).foreign() >= CONTAMINATED_CORES;
            anyClean |= !dirty[i];
        }
        Attempt best = attempts.get(AnchorStats.bestIndex(medians, dirty));
        Pass p = new Pass(best, attempts.size(), AnchorStats.round(waited, 1), !anyClean);
        CpuAnchor.log(String.format(Locale.ROOT, "  %-52s t=%d %10.3f ms%s", name, threads, best.medianMs(),
                p.contaminated() ? "  CONTAMINATED" : ""));
        return p;
    }
}
