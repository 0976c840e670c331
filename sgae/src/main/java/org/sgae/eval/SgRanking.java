package org.sgae.eval;

/**
 * Stable descending ranking of float32 scores with ties broken by the lower index (eval-spec §5.1 step 5 and §5.2
 * step 2), done on packed long keys: the upper 32 bits order the score descending, the lower 32 bits the index
 * ascending, so ascending key order is exactly the spec's order. Only the first k are kept (a bounded heap).
 */
final class SgRanking {
    private SgRanking() {
    }

    /** The key of (score, index): smaller key = ranked earlier. −0 and +0 are the same score. */
    static long key(float score, int index) {
        int bits = Float.floatToIntBits(score == 0f ? 0f : score);
        int sortable = bits ^ ((bits >> 31) & 0x7fffffff); // signed int order = float order
        return ((long) ~sortable << 32) | (index & 0xffffffffL);
    }

    /** The index of a key. */
    static int index(long key) {
        return (int) key;
    }

    /** The k smallest of keys[0..n), ascending (fewer when n < k). */
    static long[] smallest(long[] keys, int n, int k) {
        int size = Math.min(n, k);
        if (size == 0) {
            return new long[0];
        }
        long[] heap = new long[size]; // max-heap of the best `size` keys seen so far
        int filled = 0;
        for (int i = 0; i < n; i++) {
            long v = keys[i];
            if (filled < size) {
                heap[filled] = v;
                siftUp(heap, filled++);
            } else if (v < heap[0]) {
                heap[0] = v;
                siftDown(heap, size);
            }
        }
        java.util.Arrays.sort(heap);
        return heap;
    }

    private static void siftUp(long[] h, int i) {
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (h[parent] >= h[i]) {
                return;
            }
            long t = h[parent];
            h[parent] = h[i];
            h[i] = t;
            i = parent;
        }
    }

    private static void siftDown(long[] h, int size) {
        int i = 0;
        while (true) {
            int l = 2 * i + 1;
            if (l >= size) {
                return;
            }
            int c = l + 1 < size && h[l + 1] > h[l] ? l + 1 : l;
            if (h[i] >= h[c]) {
                return;
            }
            long t = h[c];
            h[c] = h[i];
            h[i] = t;
            i = c;
        }
    }
}
