package org.sgae.tensor.memory;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import org.sgae.tensor.DType;

/**
 * Caching allocator for CPU arrays. On the development VMs a freshly touched 4 KiB page costs about 11 microseconds
 * (shared/anchors/README.md), so an engine that allocates a new array per op spends its time in page faults and in
 * zeroing. Released arrays are kept in free lists keyed by dtype and size class and handed out again, dirty: every op
 * writes its whole output, and {@code zeros} clears explicitly.
 *
 * <p>Size classes: four per power of two (at most 25% waste). Arrays below {@link #MIN_POOLED} elements are left to
 * the JVM's thread-local allocation, which is cheaper for them. The cache is bounded by {@code sgae.cpuPoolBytes}
 * (default: a quarter of the maximum heap); past that, released arrays are dropped for the GC.
 */
public final class CpuPool {
    public static final int MIN_POOLED = 1024;
    private static final long LIMIT = Long.getLong("sgae.cpuPoolBytes", Runtime.getRuntime().maxMemory() / 4);
    private static final Map<Long, ArrayDeque<Object>> FREE = new HashMap<>();
    private static long cachedBytes;
    private static long hits;
    private static long misses;

    private CpuPool() {
    }

    /** Rounds n up to its size class. */
    static int sizeClass(int n) {
        if (n <= MIN_POOLED) {
            return n;
        }
        int hi = Integer.highestOneBit(n - 1);
        int step = Math.max(1, hi >> 2);
        long c = ((long) n + step - 1) / step * step;
        return (int) Math.min(c, Integer.MAX_VALUE - 8);
    }

    private static long key(DType dtype, int capacity) {
        return ((long) dtype.ordinal() << 32) | capacity;
    }

    /** An array of at least n elements of the dtype's Java type; contents are undefined. */
    public static Object take(DType dtype, int n) {
        int cap = sizeClass(n);
        if (cap >= MIN_POOLED) {
            synchronized (FREE) {
                ArrayDeque<Object> q = FREE.get(key(dtype, cap));
                if (q != null && !q.isEmpty()) {
                    hits++;
                    cachedBytes -= (long) cap * dtype.byteSize();
                    return q.pop();
                }
                misses++;
            }
        }
        try {
            return newArray(dtype, cap);
        } catch (OutOfMemoryError e) {
            long cached = cachedBytes();
            flush(); // cached arrays of other sizes may be what stands in the way
            try {
                return newArray(dtype, cap);
            } catch (OutOfMemoryError again) {
                Runtime rt = Runtime.getRuntime();
                throw new IllegalStateException(String.format("Out of CPU memory allocating a %s tensor of %d elements "
                        + "(%.1f MiB); heap used %.1f of %.1f MiB, %.1f MiB were cached and have been released. "
                        + "Raise -Xmx or reduce the batch size.", dtype, n, (double) cap * dtype.byteSize() / (1 << 20),
                        (rt.totalMemory() - rt.freeMemory()) / 1048576.0, rt.maxMemory() / 1048576.0,
                        cached / 1048576.0), again);
            }
        }
    }

    /** Gives an array back to the cache (or drops it when the cache is full or the array is small). */
    public static void give(DType dtype, Object array) {
        int cap = java.lang.reflect.Array.getLength(array);
        if (cap < MIN_POOLED || sizeClass(cap) != cap) {
            return;
        }
        long bytes = (long) cap * dtype.byteSize();
        synchronized (FREE) {
            if (cachedBytes + bytes > LIMIT) {
                return;
            }
            FREE.computeIfAbsent(key(dtype, cap), k -> new ArrayDeque<>()).push(array);
            cachedBytes += bytes;
        }
    }

    /** Drops every cached array (e.g. before a memory-hungry phase). */
    public static void flush() {
        synchronized (FREE) {
            FREE.clear();
            cachedBytes = 0;
        }
    }

    public static long cachedBytes() {
        synchronized (FREE) {
            return cachedBytes;
        }
    }

    /** Number of takes served from the cache and from fresh allocation since start: for tests and tuning. */
    public static long[] hitsAndMisses() {
        synchronized (FREE) {
            return new long[] {hits, misses};
        }
    }

    static Object newArray(DType dtype, int n) {
        switch (dtype) {
            case F32:
                return new float[n];
            case F64:
                return new double[n];
            case I32:
                return new int[n];
            case I64:
                return new long[n];
            default:
                return new byte[n];
        }
    }
}
