package org.sgae.tensor.cpu;

/**
 * Range check of index values before a kernel uses them (an out-of-range index would otherwise read or write another
 * row of the same array silently). Runs in parallel; the error reports the first bad position.
 */
final class IndexBounds {
    private IndexBounds() {
    }

    /** Throws IllegalArgumentException naming op, the first value outside [0, bound), its position and the bound. */
    static void check(String op, long[] idx, int offset, int count, int bound) {
        int[] first = {Integer.MAX_VALUE};
        CpuParallel.forRange(count, 1 << 16, (from, to) -> {
            for (int p = from; p < to; p++) {
                long v = idx[offset + p];
                if (v < 0 || v >= bound) {
                    synchronized (first) {
                        first[0] = Math.min(first[0], p);
                    }
                    return;
                }
            }
        });
        if (first[0] != Integer.MAX_VALUE) {
            int p = first[0];
            throw new IllegalArgumentException(op + ": index " + idx[offset + p] + " at position " + p
                    + " is out of range [0, " + bound + ")");
        }
    }
}
