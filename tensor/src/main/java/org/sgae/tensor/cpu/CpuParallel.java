package org.sgae.tensor.cpu;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RecursiveAction;

/**
 * The CPU backend's one thread pool. Work is split into up to {@link #SPLIT} contiguous chunks per thread, which the
 * fork/join pool balances by work stealing: the two vCPUs of these machines often run at different speeds (a
 * busy sibling hyper-thread on the host slows one to ~60%), and one chunk per thread made every parallel op wait
 * for the slow one. Chunk boundaries depend only on n, minChunk and the thread count, never on which thread runs
 * a chunk, so results are deterministic.
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

    /** Chunks per thread (when the range is long enough): enough for the fast thread to take over the slow one's. */
    static final int SPLIT = 4;

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
     * {@link #SPLIT} per thread; a body may run on several chunks, one after the other).
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
