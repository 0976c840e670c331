package org.sgae.bench.backend;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.function.Supplier;

/**
 * CPU time (not wall time) per call of the detection benchmarks' bodies, best of N after a 3 s warm-up each. For a
 * busy shared machine where wall-clock JMH numbers are dominated by other processes: run it with
 * {@code -Dsgae.threads=1} beside {@code bench/scripts/torch_cpu_time.py --threads 1} (same workloads, torch at one
 * thread) and compare CPU milliseconds. Reports the calling thread's CPU time, so it is meaningful with one thread
 * only.
 *
 * <p>Run: {@code java --add-modules jdk.incubator.vector -Dsgae.threads=1 -Xms2g -Xmx2g -XX:+AlwaysPreTouch
 * -cp bench/target/benchmarks.jar org.sgae.bench.backend.DetectionCpuTime [reps]}
 */
public final class DetectionCpuTime {
    private DetectionCpuTime() {
    }

    private static void time(String name, Supplier<Float> body, int reps) {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        long end = System.nanoTime() + 3_000_000_000L;
        while (System.nanoTime() < end) {
            body.get();
        }
        double best = Double.MAX_VALUE;
        for (int i = 0; i < reps; i++) {
            long c0 = mx.getCurrentThreadCpuTime();
            body.get();
            best = Math.min(best, (mx.getCurrentThreadCpuTime() - c0) / 1e6);
        }
        System.out.printf("%-45s cpu-best %9.3f ms%n", name, best);
    }

    public static void main(String[] args) {
        int reps = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        if (Integer.getInteger("sgae.threads", 0) != 1) {
            System.out.println("note: thread CPU time only counts the calling thread; run with -Dsgae.threads=1");
        }
        for (String w : new String[] {"main_sr2", "main_adaptive", "main_sr2_unaligned", "small_sr2",
            "small_adaptive"}) {
            RoiAlignCase r = new RoiAlignCase();
            r.workload = w;
            r.setup();
            time("roi_align " + w + " fwd", r::fwd, reps);
            time("roi_align " + w + " fwdBwd", r::fwdBwd, reps);
            r.tearDown();
        }
        for (int images : new int[] {1, 16}) {
            LayoutWarpCase l = new LayoutWarpCase();
            l.images = images;
            l.setup();
            time("layout B=" + images + " fwd", l::fwd, reps);
            time("layout B=" + images + " fwdBwd", l::fwdBwd, reps);
            time("layout B=" + images + " fwdBwdBoxes", l::fwdBwdBoxes, reps);
            l.tearDown();
        }
        for (int dim : new int[] {256, 64}) {
            PairScoreCase p = new PairScoreCase();
            p.dim = dim;
            p.setup();
            time("pairs d=" + dim + " fwd", p::fwd, reps);
            time("pairs d=" + dim + " fwdBwd", p::fwdBwd, reps);
            p.tearDown();
        }
    }
}
