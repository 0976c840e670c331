package org.sgae.tensor.cpu;

import java.util.Arrays;
import org.sgae.tensor.DType;
import org.sgae.tensor.Tensor;
import org.sgae.tensor.memory.CpuStorage;
import org.sgae.tensor.ops.Op;
import org.sgae.tensor.ops.OpPart;
import org.sgae.tensor.ops.OpPart.Role;

/**
 * Top k per row of x [rows, n] (contiguous), rows in parallel. The order is total: better value first (larger when
 * {@code largest}), NaN counts as the largest value, equal values (also -0 and +0) keep the lower index first. So
 * k = n is a stable sort, and results never depend on the selection algorithm.
 *
 * <p>F32 packs each element into one long whose natural order is that total order (value bits in the high half,
 * index in the low half): a full {@link Arrays#sort(long[])} when k is a sizeable part of n, else a bounded heap of
 * the k best keys, O(n log k). Other dtypes run the same heap on int positions with a comparator.
 */
@OpPart(role = Role.CPU, ops = {Op.TOPK, Op.SORT})
final class TopKCpu {
    private TopKCpu() {
    }

    static void run(Tensor x, int rows, int n, int k, boolean largest, Tensor values, Tensor indices) {
        if (rows == 0 || k == 0) {
            return;
        }
        long[] ia = indices.cpu().i64();
        int xo = x.offset();
        int vo = values.offset();
        int io = indices.offset();
        int minRows = Math.max(1, CpuIndex.GRAIN / Math.max(1, n));
        if (x.dtype() == DType.F32) {
            float[] xa = x.cpu().f32();
            float[] va = values.cpu().f32();
            boolean fullSort = k >= n / 8;
            CpuParallel.forRange(rows, minRows, (from, to) -> {
                long[] keys = new long[fullSort ? n : k];
                for (int r = from; r < to; r++) {
                    int base = xo + r * n;
                    if (fullSort) {
                        for (int i = 0; i < n; i++) {
                            keys[i] = key(xa[base + i], i, largest);
                        }
                        Arrays.sort(keys);
                    } else {
                        bestKeys(xa, base, n, k, largest, keys);
                    }
                    for (int j = 0; j < k; j++) {
                        int i = (int) keys[j];
                        va[vo + r * k + j] = xa[base + i];
                        ia[io + r * k + j] = i;
                    }
                }
            });
            return;
        }
        CpuStorage xs = x.cpu();
        Cells cells = Cells.of(x.dtype());
        Object xa = xs.array();
        Object va = values.cpu().array();
        CpuParallel.forRange(rows, minRows, (from, to) -> {
            int[] heap = new int[k];
            for (int r = from; r < to; r++) {
                int base = xo + r * n;
                Order order = new Order(xs, base, largest);
                order.best(n, k, heap);
                for (int j = 0; j < k; j++) {
                    cells.copy(xa, base + heap[j], va, vo + r * k + j);
                    ia[io + r * k + j] = heap[j];
                }
            }
        });
    }

    /**
     * A long whose signed order is the topk order of (value, index): high half the value's bits made
     * order-preserving as a signed int (negated when largest comes first), low half the index.
     */
    static long key(float v, int index, boolean largest) {
        int bits = Float.floatToIntBits(v == 0f ? 0f : v); // canonical NaN; -0 and +0 tie
        int sortable = bits ^ ((bits >> 31) & 0x7fffffff);
        int high = largest ? ~sortable : sortable;
        return ((long) high << 32) | index;
    }

    /** The k smallest keys of the row, ascending, into keys[0, k): a max-heap holds the best k seen so far. */
    private static void bestKeys(float[] xa, int base, int n, int k, boolean largest, long[] keys) {
        for (int i = 0; i < k; i++) {
            keys[i] = key(xa[base + i], i, largest);
        }
        for (int i = k / 2 - 1; i >= 0; i--) {
            siftDown(keys, i, k);
        }
        for (int i = k; i < n; i++) {
            long c = key(xa[base + i], i, largest);
            if (c < keys[0]) {
                keys[0] = c;
                siftDown(keys, 0, k);
            }
        }
        Arrays.sort(keys, 0, k);
    }

    private static void siftDown(long[] h, int i, int size) {
        long v = h[i];
        while (true) {
            int c = 2 * i + 1;
            if (c >= size) {
                break;
            }
            if (c + 1 < size && h[c + 1] > h[c]) {
                c++;
            }
            if (h[c] <= v) {
                break;
            }
            h[i] = h[c];
            i = c;
        }
        h[i] = v;
    }

    /** The topk order on positions of one row of a non-F32 tensor; exact for I64 (compared as long). */
    private static final class Order {
        private final CpuStorage s;
        private final int base;
        private final boolean largest;
        private final boolean floating;

        Order(CpuStorage s, int base, boolean largest) {
            this.s = s;
            this.base = base;
            this.largest = largest;
            this.floating = s.dtype().isFloating();
        }

        /** True when position i comes before position j. */
        boolean before(int i, int j) {
            int c;
            if (floating) {
                double a = s.getDouble(base + i);
                double b = s.getDouble(base + j);
                c = a == b ? 0 : Double.compare(a, b); // NaN largest; -0 == +0
            } else {
                c = Long.compare(s.getLong(base + i), s.getLong(base + j));
            }
            if (c == 0) {
                return i < j;
            }
            return largest ? c > 0 : c < 0;
        }

        /** The k best positions of [0, n) in order into out[0, k): bounded heap whose root is the worst kept. */
        void best(int n, int k, int[] out) {
            for (int i = 0; i < k; i++) {
                out[i] = i;
            }
            for (int i = k / 2 - 1; i >= 0; i--) {
                siftDown(out, i, k);
            }
            for (int i = k; i < n; i++) {
                if (before(i, out[0])) {
                    out[0] = i;
                    siftDown(out, 0, k);
                }
            }
            // pop the worst to the back until the heap is empty: out ends in best-first order
            for (int size = k - 1; size > 0; size--) {
                int worst = out[0];
                out[0] = out[size];
                out[size] = worst;
                siftDown(out, 0, size);
            }
        }

        private void siftDown(int[] h, int i, int size) {
            int v = h[i];
            while (true) {
                int c = 2 * i + 1;
                if (c >= size) {
                    break;
                }
                if (c + 1 < size && before(h[c], h[c + 1])) {
                    c++; // the child that comes later is the worse one
                }
                if (!before(v, h[c])) {
                    break;
                }
                h[i] = h[c];
                i = c;
            }
            h[i] = v;
        }
    }
}
