package org.sgae.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sgae.kernels.device.Block;
import org.sgae.kernels.device.CachingAllocator;
import org.sgae.kernels.device.DeviceOutOfMemory;
import org.sgae.kernels.device.RawMemory;

class CachingAllocatorTest {
    /** A device of {@code capacity} bytes that records mallocs and frees. */
    static final class FakeMemory implements RawMemory {
        final long capacity;
        long used;
        final List<Long> mallocs = new ArrayList<>();
        int frees;

        FakeMemory(long capacity) {
            this.capacity = capacity;
        }

        @Override
        public Object malloc(long bytes) {
            if (used + bytes > capacity) {
                throw new DeviceOutOfMemory("fake OOM", null);
            }
            used += bytes;
            mallocs.add(bytes);
            return new long[] {bytes};
        }

        @Override
        public void free(Object handle) {
            used -= ((long[]) handle)[0];
            frees++;
        }
    }

    @Test
    void roundsAndReusesBySize() {
        assertEquals(512, CachingAllocator.roundedSize(0));
        assertEquals(512, CachingAllocator.roundedSize(512));
        assertEquals(1024, CachingAllocator.roundedSize(513));
        assertEquals(2L << 20, CachingAllocator.roundedSize((1L << 20) + 1));
        FakeMemory mem = new FakeMemory(1 << 20);
        CachingAllocator a = new CachingAllocator("fake", mem);
        Block b = a.take(1000);
        a.give(b);
        assertSame(b, a.take(1001)); // same rounded size → the cached block
        assertEquals(1, mem.mallocs.size());
        assertEquals(1, a.outstandingBlocks());
    }

    @Test
    void flushesCacheAndRetriesOnceOnOom() {
        FakeMemory mem = new FakeMemory(4096);
        CachingAllocator a = new CachingAllocator("fake", mem);
        a.give(a.take(2048));
        a.give(a.take(1024));
        assertEquals(3072, a.cachedBytes());
        Block big = a.take(3000); // 3072 B does not fit next to 3072 cached: flush, retry
        assertEquals(3072, big.bytes());
        assertEquals(2, mem.frees);
        DeviceOutOfMemory e = assertThrows(DeviceOutOfMemory.class, () -> a.take(2048));
        assertTrue(e.getMessage().contains("requested 2048") && e.getMessage().contains("in use 3072")
                && e.getMessage().contains("cached 0"), e.getMessage());
    }

    @Test
    void deferredFreesAreDrainedOnTheNextAllocation() {
        FakeMemory mem = new FakeMemory(1 << 20);
        CachingAllocator a = new CachingAllocator("fake", mem);
        Block b = a.take(100);
        a.giveDeferred(b);
        assertSame(b, a.take(100));
        assertEquals(1, a.outstandingBlocks());
    }
}
