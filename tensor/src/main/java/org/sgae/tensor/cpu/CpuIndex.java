package org.sgae.tensor.cpu;

import org.sgae.tensor.DType;
import org.sgae.tensor.Tensor;
import org.sgae.tensor.ops.Op;
import org.sgae.tensor.ops.OpPart;
import org.sgae.tensor.ops.OpPart.Role;
import org.sgae.tensor.spi.IndexKernels;

/**
 * CPU indexing kernels. Each one first range-checks the index ({@link IndexBounds}), then loops over the
 * [outer, k, inner] split of the index shape: outer = dims before {@code dim}, k = the indexed dim, inner = dims
 * after it. F32 runs hand-written loops; other dtypes go element by element through {@link Cells} (exact for I64).
 *
 * <p>Accumulating kernels (indexAdd, scatterAdd) split work over (outer, inner) lines only, never over k: two threads
 * never add into the same element, so no atomics are needed and results do not depend on the thread count.
 * References: {@code cpu.ref.IndexRef}.
 */
@OpPart(role = Role.CPU, ops = {Op.INDEX_SELECT, Op.GATHER, Op.SCATTER_ADD})
public final class CpuIndex implements IndexKernels {
    /** Elements per task below which splitting over threads does not pay. */
    static final int GRAIN = 1 << 14;

    @Override
    public void indexSelect(Tensor x, Tensor index, int outer, int n, int inner, Tensor out) {
        int k = index.numel();
        long[] idx = index.cpu().i64();
        int io = index.offset();
        IndexBounds.check("index_select", idx, io, k, n);
        if (out.numel() == 0) {
            return;
        }
        int xo = x.offset();
        int oo = out.offset();
        if (x.dtype() == DType.F32 && inner < 16) {
            // short rows (boxes, scalars): a plain loop beats one arraycopy call per row
            float[] xa = x.cpu().f32();
            float[] oa = out.cpu().f32();
            CpuParallel.forRange(outer * k, Math.max(1, GRAIN / inner), (from, to) -> {
                for (int r = from; r < to; r++) {
                    int o = r / k;
                    int src = xo + (o * n + (int) idx[io + r - o * k]) * inner;
                    int dst = oo + r * inner;
                    for (int c = 0; c < inner; c++) {
                        oa[dst + c] = xa[src + c];
                    }
                }
            });
            return;
        }
        // every dtype: one output row [o, j, :] is `inner` contiguous elements of x
        Object xa = x.cpu().array();
        Object oa = out.cpu().array();
        CpuParallel.forRange(outer * k, Math.max(1, GRAIN / inner), (from, to) -> {
            for (int r = from; r < to; r++) {
                int o = r / k;
                int src = xo + (o * n + (int) idx[io + r - o * k]) * inner;
                System.arraycopy(xa, src, oa, oo + r * inner, inner);
            }
        });
    }

    @Override
    public void indexAdd(Tensor src, Tensor index, int outer, int n, int inner, Tensor out) {
        int k = index.numel();
        long[] idx = index.cpu().i64();
        int io = index.offset();
        IndexBounds.check("index_add", idx, io, k, n);
        if (src.numel() == 0) {
            return;
        }
        int so = src.offset();
        int oo = out.offset();
        if (src.dtype() == DType.F32) {
            float[] sa = src.cpu().f32();
            float[] oa = out.cpu().f32();
            plane(outer, inner, k, (o0, o1, c0, c1) -> {
                for (int o = o0; o < o1; o++) {
                    for (int j = 0; j < k; j++) {
                        int d = oo + (o * n + (int) idx[io + j]) * inner;
                        int s = so + (o * k + j) * inner;
                        for (int c = c0; c < c1; c++) {
                            oa[d + c] += sa[s + c];
                        }
                    }
                }
            });
            return;
        }
        Cells cells = Cells.of(src.dtype());
        Object sa = src.cpu().array();
        Object oa = out.cpu().array();
        plane(outer, inner, k, (o0, o1, c0, c1) -> {
            for (int o = o0; o < o1; o++) {
                for (int j = 0; j < k; j++) {
                    int d = oo + (o * n + (int) idx[io + j]) * inner;
                    int s = so + (o * k + j) * inner;
                    for (int c = c0; c < c1; c++) {
                        cells.add(sa, s + c, oa, d + c);
                    }
                }
            }
        });
    }

    @Override
    public void gather(Tensor x, int dim, Tensor index, Tensor out) {
        Lines g = new Lines(index, dim, x);
        long[] idx = index.cpu().i64();
        int io = index.offset();
        IndexBounds.check("gather", idx, io, index.numel(), g.n);
        if (out.numel() == 0) {
            return;
        }
        int xo = x.offset();
        int oo = out.offset();
        int k = g.k;
        int inner = g.inner;
        int sd = g.step;
        int[] outerOff = g.outerOffsets;
        int[] innerOff = g.innerOffsets;
        // out is contiguous with index's shape: row r = (o, j) holds `inner` elements at r * inner
        if (x.dtype() == DType.F32) {
            float[] xa = x.cpu().f32();
            float[] oa = out.cpu().f32();
            CpuParallel.forRange(g.outer * k, Math.max(1, GRAIN / inner), (from, to) -> {
                for (int r = from; r < to; r++) {
                    int base = xo + outerOff[r / k];
                    int p = r * inner;
                    for (int c = 0; c < inner; c++) {
                        oa[oo + p + c] = xa[base + (int) idx[io + p + c] * sd + innerOff[c]];
                    }
                }
            });
            return;
        }
        Cells cells = Cells.of(x.dtype());
        Object xa = x.cpu().array();
        Object oa = out.cpu().array();
        CpuParallel.forRange(g.outer * k, Math.max(1, GRAIN / inner), (from, to) -> {
            for (int r = from; r < to; r++) {
                int base = xo + outerOff[r / k];
                int p = r * inner;
                for (int c = 0; c < inner; c++) {
                    cells.copy(xa, base + (int) idx[io + p + c] * sd + innerOff[c], oa, oo + p + c);
                }
            }
        });
    }

    @Override
    public void scatterAdd(Tensor out, int dim, Tensor index, Tensor src) {
        Lines g = new Lines(index, dim, out);
        long[] idx = index.cpu().i64();
        int io = index.offset();
        IndexBounds.check("scatter_add", idx, io, index.numel(), g.n);
        if (index.numel() == 0) {
            return;
        }
        int so = src.offset();
        int oo = out.offset();
        int k = g.k;
        int inner = g.inner;
        int sd = g.step;
        int[] outerOff = g.outerOffsets;
        int[] innerOff = g.innerOffsets;
        // src and index are contiguous with the same shape: element (o, j, c) sits at (o * k + j) * inner + c
        if (out.dtype() == DType.F32) {
            float[] sa = src.cpu().f32();
            float[] oa = out.cpu().f32();
            plane(g.outer, inner, k, (o0, o1, c0, c1) -> {
                for (int o = o0; o < o1; o++) {
                    int base = oo + outerOff[o];
                    for (int j = 0; j < k; j++) {
                        int p = (o * k + j) * inner;
                        for (int c = c0; c < c1; c++) {
                            oa[base + (int) idx[io + p + c] * sd + innerOff[c]] += sa[so + p + c];
                        }
                    }
                }
            });
            return;
        }
        Cells cells = Cells.of(out.dtype());
        Object sa = src.cpu().array();
        Object oa = out.cpu().array();
        plane(g.outer, inner, k, (o0, o1, c0, c1) -> {
            for (int o = o0; o < o1; o++) {
                int base = oo + outerOff[o];
                for (int j = 0; j < k; j++) {
                    int p = (o * k + j) * inner;
                    for (int c = c0; c < c1; c++) {
                        cells.add(sa, so + p + c, oa, base + (int) idx[io + p + c] * sd + innerOff[c]);
                    }
                }
            }
        });
    }

    @Override
    public void topk(Tensor x, int rows, int n, int k, boolean largest, Tensor values, Tensor indices) {
        TopKCpu.run(x, rows, n, k, largest, values, indices);
    }

    /** Body of a task over the lines o in [o0, o1), columns c in [c0, c1) of an [outer, inner] plane. */
    @FunctionalInterface
    interface PlaneBody {
        void run(int o0, int o1, int c0, int c1);
    }

    /**
     * Splits the [outer, inner] plane over threads: by whole rows when there are enough of them, else by column
     * ranges. Each task owns its (o, c) lines entirely, which is what makes accumulation race-free.
     */
    static void plane(int outer, int inner, int workPerLine, PlaneBody body) {
        long work = Math.max(1, workPerLine);
        if ((long) outer * inner * work < GRAIN || CpuParallel.threads() == 1) {
            body.run(0, outer, 0, inner);
        } else if (outer >= CpuParallel.threads() || inner == 1) {
            int perRow = (int) Math.min(GRAIN, inner * work);
            CpuParallel.forRange(outer, Math.max(1, GRAIN / perRow), (a, b) -> body.run(a, b, 0, inner));
        } else {
            int perColumn = (int) Math.min(GRAIN, outer * work);
            CpuParallel.forRange(inner, Math.max(1, GRAIN / perColumn), (a, b) -> body.run(0, outer, a, b));
        }
    }

    /**
     * The index shape split as [outer, k, inner] around dim, with the storage offsets that the outer and inner
     * coordinates have in the data tensor t (any strides; t may be larger than the index outside dim).
     */
    static final class Lines {
        final int outer;
        final int k;
        final int inner;
        /** Size of t along dim: the bound of the index values. */
        final int n;
        /** Stride of t along dim. */
        final int step;
        final int[] outerOffsets;
        final int[] innerOffsets;

        Lines(Tensor index, int dim, Tensor t) {
            int[] dims = index.shape().toArray();
            int[] strides = t.strides();
            this.outer = index.shape().prod(0, dim);
            this.k = dims[dim];
            this.inner = index.shape().prod(dim + 1, dims.length);
            this.n = t.dim(dim);
            this.step = strides[dim];
            this.outerOffsets = offsets(dims, strides, 0, dim);
            this.innerOffsets = offsets(dims, strides, dim + 1, dims.length);
        }

        /** Offsets of every coordinate of dims[from, to) in row-major order, walked as an odometer. */
        static int[] offsets(int[] dims, int[] strides, int from, int to) {
            int len = 1;
            for (int a = from; a < to; a++) {
                len *= dims[a];
            }
            int[] out = new int[len];
            int[] coord = new int[dims.length];
            int off = 0;
            for (int p = 0; p < len; p++) {
                out[p] = off;
                for (int a = to - 1; a >= from; a--) {
                    off += strides[a];
                    if (++coord[a] < dims[a]) {
                        break;
                    }
                    off -= strides[a] * dims[a];
                    coord[a] = 0;
                }
            }
            return out;
        }
    }
}
