package org.sgae.tensor.cpu;

/**
 * Index arithmetic for strided views on the CPU. A loop over k same-shaped views is reduced to rows: dims are first
 * coalesced (adjacent dims merge when every view steps through them as one), then the last dim becomes the inner
 * loop and the outer dims are walked as an odometer. A contiguous tensor coalesces to a single row.
 */
public final class Strided {
    /** Coalesced layout: dims[r] and, per view v, strides[v][r] and base offsets[v]. */
    public static final class Layout {
        public final int[] dims;
        public final int[][] strides;
        public final int[] offsets;
        public final int inner;
        public final int rows;

        Layout(int[] dims, int[][] strides, int[] offsets) {
            this.dims = dims;
            this.strides = strides;
            this.offsets = offsets;
            this.inner = dims.length == 0 ? 1 : dims[dims.length - 1];
            int r = 1;
            for (int i = 0; i < dims.length - 1; i++) {
                r *= dims[i];
            }
            this.rows = r;
        }

        /** Inner-dim stride of view v. */
        public int innerStride(int v) {
            return dims.length == 0 ? 0 : strides[v][dims.length - 1];
        }

        /** Storage offset of the first element of row {@code row} in view v. */
        public int rowOffset(int v, int row) {
            int off = offsets[v];
            int[] st = strides[v];
            for (int d = dims.length - 2; d >= 0 && row > 0; d--) {
                int size = dims[d];
                off += (row % size) * st[d];
                row /= size;
            }
            return off;
        }
    }

    private Strided() {
    }

    /** Builds the coalesced layout of views sharing {@code dims}. */
    public static Layout layout(int[] dims, int[][] strides, int[] offsets) {
        int rank = dims.length;
        int k = strides.length;
        int[] nd = new int[rank];
        int[][] ns = new int[k][rank];
        int r = 0;
        for (int d = 0; d < rank; d++) {
            if (dims[d] == 1) {
                continue; // size-1 dims never move the index
            }
            boolean merge = r > 0;
            for (int v = 0; v < k && merge; v++) {
                merge = ns[v][r - 1] == strides[v][d] * dims[d];
            }
            if (merge) {
                nd[r - 1] *= dims[d];
                for (int v = 0; v < k; v++) {
                    ns[v][r - 1] = strides[v][d];
                }
            } else {
                nd[r] = dims[d];
                for (int v = 0; v < k; v++) {
                    ns[v][r] = strides[v][d];
                }
                r++;
            }
        }
        int[] fd = java.util.Arrays.copyOf(nd, r);
        int[][] fs = new int[k][];
        for (int v = 0; v < k; v++) {
            fs[v] = java.util.Arrays.copyOf(ns[v], r);
        }
        return new Layout(fd, fs, offsets.clone());
    }

    /** Body of a loop over runs: one contiguous-in-index stretch of {@code n} elements starting at offs[v]. */
    @FunctionalInterface
    public interface RunBody {
        void run(int[] offs, int n);
    }

    /** Visits elements [from, to) of the row-major order as runs along the inner dim. */
    public static void runs(Layout l, int from, int to, RunBody body) {
        int k = l.offsets.length;
        int[] offs = new int[k];
        int inner = l.inner;
        int e = from;
        while (e < to) {
            int row = e / inner;
            int col = e - row * inner;
            int n = Math.min(inner - col, to - e);
            for (int v = 0; v < k; v++) {
                offs[v] = l.rowOffset(v, row) + col * l.innerStride(v);
            }
            body.run(offs, n);
            e += n;
        }
    }

    /** {@link #runs} split over the CPU threads when the loop is large enough to pay for it. */
    public static void parallelRuns(Layout l, int numel, RunBody body) {
        CpuParallel.forRange(numel, 1 << 15, (from, to) -> runs(l, from, to, body));
    }

    /** Layout of tensors that all have the same shape (the first one's). */
    public static Layout layoutOf(org.sgae.tensor.Tensor... ts) {
        int[][] st = new int[ts.length][];
        int[] off = new int[ts.length];
        for (int i = 0; i < ts.length; i++) {
            st[i] = ts[i].strides();
            off[i] = ts[i].offset();
        }
        return layout(ts[0].shape().toArray(), st, off);
    }
}
