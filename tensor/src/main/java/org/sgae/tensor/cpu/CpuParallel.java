package org.sgae.tensor.cpu;

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
    private static final SpinPool POOL = THREADS == 1 ? null : new SpinPool(THREADS);

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
     * Runs inline when there is only one chunk, or when a parallel loop is already running (no nested
     * parallelism).
     */
    public static void forRange(int n, int minChunk, RangeBody body) {
        if (n <= 0) {
            return;
        }
        int chunks = Math.min(THREADS * SPLIT, Math.max(1, n / Math.max(1, minChunk)));
        if (chunks <= 1 || POOL == null) {
            body.run(0, n);
            return;
        }
        POOL.run(n, chunks, body);
    }
}
