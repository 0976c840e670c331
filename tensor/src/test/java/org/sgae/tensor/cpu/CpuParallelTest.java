package org.sgae.tensor.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

/** forRange: every index exactly once, in contiguous chunks of at least minChunk, with fixed boundaries. */
class CpuParallelTest {
    private static List<int[]> chunks(int n, int minChunk) {
        List<int[]> out = Collections.synchronizedList(new ArrayList<>());
        CpuParallel.forRange(n, minChunk, (from, to) -> out.add(new int[] {from, to}));
        List<int[]> sorted = new ArrayList<>(out);
        sorted.sort((a, b) -> Integer.compare(a[0], b[0]));
        return sorted;
    }

    @Test
    void coversEveryIndexOnceInContiguousChunks() {
        for (int n : new int[] {0, 1, 7, 100, 1000, 100_003}) {
            for (int minChunk : new int[] {1, 3, 64, 1 << 20}) {
                AtomicIntegerArray hits = new AtomicIntegerArray(Math.max(1, n));
                CpuParallel.forRange(n, minChunk, (from, to) -> {
                    for (int i = from; i < to; i++) {
                        hits.incrementAndGet(i);
                    }
                });
                for (int i = 0; i < n; i++) {
                    assertEquals(1, hits.get(i), "n=" + n + " minChunk=" + minChunk + " index " + i);
                }
                List<int[]> c = chunks(n, minChunk);
                int expect = 0;
                for (int[] r : c) {
                    assertEquals(expect, r[0], "chunks must tile [0, n) without gaps");
                    assertTrue(r[1] > r[0]);
                    if (c.size() > 1) {
                        assertTrue(r[1] - r[0] >= minChunk, "chunk shorter than minChunk: " + (r[1] - r[0]));
                    }
                    expect = r[1];
                }
                assertEquals(n, expect);
                assertTrue(c.size() <= CpuParallel.threads() * CpuParallel.SPLIT);
            }
        }
    }

    /** Boundaries depend on (n, minChunk, threads) only, so chunked float sums are reproducible run to run. */
    @Test
    void chunkBoundariesAreFixed() {
        List<int[]> first = chunks(100_000, 16);
        for (int rep = 0; rep < 20; rep++) {
            List<int[]> again = chunks(100_000, 16);
            assertEquals(first.size(), again.size());
            for (int i = 0; i < first.size(); i++) {
                assertEquals(first.get(i)[0], again.get(i)[0]);
                assertEquals(first.get(i)[1], again.get(i)[1]);
            }
        }
        if (CpuParallel.threads() > 1) {
            assertEquals(CpuParallel.threads() * CpuParallel.SPLIT, first.size(),
                    "a long range is cut into SPLIT chunks per thread");
        }
    }

    /** The first failure of any chunk reaches the caller with its type; the pool keeps working afterwards. */
    @Test
    void chunkFailureReachesCallerAndPoolSurvives() {
        for (int rep = 0; rep < 50; rep++) {
            IllegalArgumentException boom = new IllegalArgumentException("chunk failed");
            int bad = rep % 2 == 0 ? 0 : 99_999; // a chunk of the caller, or of a worker
            IllegalArgumentException got = assertThrows(IllegalArgumentException.class,
                    () -> CpuParallel.forRange(100_000, 1, (from, to) -> {
                        if (from <= bad && bad < to) {
                            throw boom;
                        }
                    }));
            assertSame(boom, got);
        }
        coversEveryIndexOnceInContiguousChunks();
    }

    /** A forRange inside a chunk runs inline on that thread and still covers its range. */
    @Test
    void nestedCallsRunInline() {
        AtomicLong sum = new AtomicLong();
        CpuParallel.forRange(64, 1, (from, to) -> {
            for (int i = from; i < to; i++) {
                int outer = i;
                CpuParallel.forRange(1000, 1, (a, b) -> {
                    long s = 0;
                    for (int j = a; j < b; j++) {
                        s += (long) outer * 1000 + j;
                    }
                    sum.addAndGet(s);
                });
            }
        });
        long n = 64L * 1000;
        assertEquals(n * (n - 1) / 2, sum.get());
    }

    /** Several threads issuing loops at once (one runs on the pool, the others inline): all complete, exactly. */
    @Test
    void concurrentCallersAllComplete() {
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            Thread[] ts = new Thread[4];
            AtomicLong[] sums = new AtomicLong[ts.length];
            for (int t = 0; t < ts.length; t++) {
                AtomicLong sum = sums[t] = new AtomicLong();
                ts[t] = new Thread(() -> {
                    for (int rep = 0; rep < 2000; rep++) {
                        CpuParallel.forRange(1000, 1, (a, b) -> {
                            long s = 0;
                            for (int j = a; j < b; j++) {
                                s += j;
                            }
                            sum.addAndGet(s);
                        });
                    }
                });
                ts[t].start();
            }
            for (Thread t : ts) {
                t.join();
            }
            for (AtomicLong sum : sums) {
                assertEquals(2000L * (999L * 1000 / 2), sum.get());
            }
        });
    }

    /** Many short loops back to back, with pauses longer than the spin so workers park and must be woken. */
    @Test
    void wakesParkedWorkers() {
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            for (int rep = 0; rep < 200; rep++) {
                if (rep % 20 == 0) {
                    Thread.sleep(2 * SpinPool.SPIN_NANOS / 1_000_000 + 1);
                }
                AtomicIntegerArray hits = new AtomicIntegerArray(16);
                CpuParallel.forRange(16, 1, (a, b) -> {
                    for (int i = a; i < b; i++) {
                        hits.incrementAndGet(i);
                    }
                });
                for (int i = 0; i < 16; i++) {
                    assertEquals(1, hits.get(i));
                }
            }
        });
    }
}
