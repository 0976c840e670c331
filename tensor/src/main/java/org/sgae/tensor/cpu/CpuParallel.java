package org.sgae.tensor.cpu;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RecursiveAction;

/**
 * The CPU backend's one thread pool. Work is split into {@link #SPLIT} contiguous chunks per thread at most, so that
 * each thread touches one range of memory (good for caches, no false sharing). Chunk boundaries depend only on n,
 * minChunk and the thread count, never on which thread runs a chunk, so results are deterministic.
 *
 * <p>Uneven vCPUs: one vCPU of these VMs often runs at ~60% of the other (a busy sibling hyper-thread on the host),
 * which a static split waits for. The long-running GEMM and conv loops therefore hand out blocks dynamically
 * ({@code GemmDriver.dynamic}). Four chunks per thread here as well (balanced by work stealing) measured 5–7%
 * slower on medians for conv fwd+bwd (512 ch at 14², N=8 32→64 at 64²; same-JVM A/B, calls alternating): the
 * many short forRange calls of the Winograd transforms paid more in task overhead than balancing gained.
 *
 * <p>Thread count: system property {@code sgae.threads}, else {@code Runtime.availableProcessors()}.
 */
public final class CpuParallel {
    /** Body of a parallel loop over the half-open index range [from, to). */
    @FunctionalInterface
    public interface RangeBody {
        void run(int from, int to);
    }

    private static final int THREADS = Math.max(1,
            Integer.getInteger("sgae.threads", Runtime.getRuntime().availableProcessors()));
    private static final ForkJoinPool POOL = THREADS == 1 ? null : new ForkJoinPool(THREADS);

    private CpuParallel() {
    }

    /** Chunks per thread (when the range is long enough); see the class comment for why 1. */
    static final int SPLIT = 1;

    /** About this many elementary operations make a chunk worth handing to another thread. */
    public static final int GRAIN = 16384;

    /** The smallest number of items per chunk when each item costs {@code workPerItem} operations. */
    public static int minItems(long workPerItem) {
        return (int) Math.max(1, GRAIN / Math.max(1, workPerItem));
    }

    public static int threads() {
        return THREADS;
    }

    /**
     * Runs {@code body} over [0, n) split into contiguous chunks of at least {@code minChunk} indices (up to
     * {@link #SPLIT} per thread).
     * Runs inline when there is only one chunk, or when already on a pool thread (no nested parallelism).
     */
    public static void forRange(int n, int minChunk, RangeBody body) {
        if (n <= 0) {
            return;
        }
        int chunks = Math.min(THREADS * SPLIT, Math.max(1, n / Math.max(1, minChunk)));
        if (chunks <= 1 || POOL == null || java.util.concurrent.ForkJoinTask.getPool() == POOL) {
            body.run(0, n);
            return;
        }
        POOL.invoke(new Split(body, n, chunks, 0, chunks));
    }

    private static final class Split extends RecursiveAction {
        private final RangeBody body;
        private final int n;
        private final int chunks;
        private final int c0;
        private final int c1;

        Split(RangeBody body, int n, int chunks, int c0, int c1) {
            this.body = body;
            this.n = n;
            this.chunks = chunks;
            this.c0 = c0;
            this.c1 = c1;
        }

        @Override
        protected void compute() {
            if (c1 - c0 == 1) {
                int from = (int) ((long) n * c0 / chunks);
                int to = (int) ((long) n * c1 / chunks);
                body.run(from, to);
                return;
            }
            int mid = (c0 + c1) >>> 1;
            invokeAll(new Split(body, n, chunks, c0, mid), new Split(body, n, chunks, mid, c1));
        }
    }
}
