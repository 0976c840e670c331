package org.sgae.kernels.device;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Device memory cache (after tinygrad's LRUAllocator): freed blocks go to free lists keyed by rounded size and are
 * reused by the next request of that size. On out-of-memory the cache is flushed and the allocation retried once;
 * a second failure reports requested, used and cached bytes. Blocks freed by the GC safety net arrive on a deferred
 * queue (the Cleaner thread must not call the driver) and are drained on the owning thread's next allocation.
 */
public final class CachingAllocator {
    /** Requests below 1 MiB round up to 512 B, larger ones to 1 MiB (bounded waste, few distinct keys). */
    static final long SMALL_ALIGN = 512;
    static final long LARGE_ALIGN = 1L << 20;

    private final String deviceName;
    private final RawMemory raw;
    private final Map<Long, ArrayDeque<Block>> free = new HashMap<>();
    private final ConcurrentLinkedQueue<Block> deferred = new ConcurrentLinkedQueue<>();
    private long usedBytes;
    private long cachedBytes;
    private int outstanding;

    public CachingAllocator(String deviceName, RawMemory raw) {
        this.deviceName = deviceName;
        this.raw = raw;
    }

    public static long roundedSize(long bytes) {
        long b = Math.max(bytes, 1);
        long align = b < LARGE_ALIGN ? SMALL_ALIGN : LARGE_ALIGN;
        return (b + align - 1) / align * align;
    }

    /** A block of at least {@code bytes} (0 gives the smallest block: drivers reject empty buffers). */
    public synchronized Block take(long bytes) {
        drainDeferred();
        long size = roundedSize(bytes);
        ArrayDeque<Block> list = free.get(size);
        Block b = list == null ? null : list.pollLast();
        if (b != null) {
            cachedBytes -= size;
        } else {
            b = new Block(mallocWithRetry(bytes, size), size);
        }
        usedBytes += size;
        outstanding++;
        return b;
    }

    private Object mallocWithRetry(long requested, long size) {
        try {
            return raw.malloc(size);
        } catch (DeviceOutOfMemory first) {
            flush();
            try {
                return raw.malloc(size);
            } catch (DeviceOutOfMemory second) {
                throw new DeviceOutOfMemory("Out of memory on " + deviceName + ": requested " + requested
                        + " bytes (block " + size + "), in use " + usedBytes + ", cached " + cachedBytes
                        + " (cache flushed and retried once)", second);
            }
        }
    }

    /** Returns a block to its free list. */
    public synchronized void give(Block b) {
        usedBytes -= b.bytes();
        outstanding--;
        free.computeIfAbsent(b.bytes(), k -> new ArrayDeque<>()).addLast(b);
        cachedBytes += b.bytes();
    }

    /** Called from a Cleaner thread: queues the block, touches no driver state. */
    public void giveDeferred(Block b) {
        deferred.add(b);
    }

    private void drainDeferred() {
        Block b;
        while ((b = deferred.poll()) != null) {
            give(b);
        }
    }

    /** Frees every cached block back to the driver. */
    public synchronized void flush() {
        drainDeferred();
        for (ArrayDeque<Block> list : free.values()) {
            for (Block b : list) {
                raw.free(b.handle());
            }
        }
        free.clear();
        cachedBytes = 0;
    }

    /** Blocks handed out and not yet given back (the leak check after each test class). */
    public synchronized int outstandingBlocks() {
        drainDeferred();
        return outstanding;
    }

    public synchronized long usedBytes() {
        return usedBytes;
    }

    public synchronized long cachedBytes() {
        return cachedBytes;
    }

    @Override
    public synchronized String toString() {
        return "CachingAllocator[" + deviceName + ": " + outstanding + " blocks out, used " + usedBytes + " B, cached "
                + cachedBytes + " B]";
    }
}
