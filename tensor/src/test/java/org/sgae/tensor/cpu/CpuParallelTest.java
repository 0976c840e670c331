package org.sgae.tensor.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
}
