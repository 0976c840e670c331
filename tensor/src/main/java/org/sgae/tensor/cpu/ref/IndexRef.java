package org.sgae.tensor.cpu.ref;

import java.util.Arrays;
import java.util.Comparator;
import org.sgae.tensor.Shape;
import org.sgae.tensor.Tensor;
import org.sgae.tensor.memory.CpuStorage;
import org.sgae.tensor.ops.Op;
import org.sgae.tensor.ops.OpPart;
import org.sgae.tensor.ops.OpPart.Role;

/**
 * Plain-loop references of the index kernels (the oracle for every backend): element by element through
 * getDouble/setDouble, accumulation in double, coordinates recomputed from scratch for every element. Forward and
 * backward sit side by side: index_select / index_add, gather / scatter_add. Data tensors may have any strides;
 * index tensors are I64 contiguous; outputs contiguous.
 */
@OpPart(role = Role.REFERENCE, ops = {Op.INDEX_SELECT, Op.GATHER, Op.SCATTER_ADD, Op.TOPK, Op.SORT})
public final class IndexRef {
    private IndexRef() {
    }

    /** out [outer, k, inner] = x [outer, n, inner] at rows index[k] along the middle dim. */
    public static void indexSelect(Tensor x, Tensor index, int outer, int n, int inner, Tensor out) {
        CpuStorage xs = x.cpu();
        CpuStorage os = out.cpu();
        int k = index.numel();
        for (int o = 0; o < outer; o++) {
            for (int j = 0; j < k; j++) {
                int row = checked(index, j, n);
                for (int c = 0; c < inner; c++) {
                    os.setDouble(out.offset() + (o * k + j) * inner + c,
                            xs.getDouble(x.offset() + (o * n + row) * inner + c));
                }
            }
        }
    }

    /** out [outer, n, inner] += src [outer, k, inner] at rows index[k]; duplicates accumulate (in double). */
    public static void indexAdd(Tensor src, Tensor index, int outer, int n, int inner, Tensor out) {
        CpuStorage ss = src.cpu();
        CpuStorage os = out.cpu();
        int k = index.numel();
        double[] acc = new double[outer * n * inner];
        for (int i = 0; i < acc.length; i++) {
            acc[i] = os.getDouble(out.offset() + i);
        }
        for (int o = 0; o < outer; o++) {
            for (int j = 0; j < k; j++) {
                int row = checked(index, j, n);
                for (int c = 0; c < inner; c++) {
                    acc[(o * n + row) * inner + c] += ss.getDouble(src.offset() + (o * k + j) * inner + c);
                }
            }
        }
        for (int i = 0; i < acc.length; i++) {
            os.setDouble(out.offset() + i, acc[i]);
        }
    }

    /** out[p] = x at p's coordinates with coordinate dim replaced by index[p]; out has index's shape. */
    public static void gather(Tensor x, int dim, Tensor index, Tensor out) {
        CpuStorage xs = x.cpu();
        CpuStorage os = out.cpu();
        Shape s = index.shape();
        for (int p = 0; p < s.numel(); p++) {
            int[] coord = coordinates(s, p);
            coord[dim] = checked(index, p, x.dim(dim));
            os.setDouble(out.offset() + p, xs.getDouble(offsetOf(x, coord)));
        }
    }

    /** out at p's coordinates with coordinate dim replaced by index[p] += src[p] (src contiguous, index's shape). */
    public static void scatterAdd(Tensor out, int dim, Tensor index, Tensor src) {
        CpuStorage ss = src.cpu();
        CpuStorage os = out.cpu();
        Shape s = index.shape();
        double[] acc = new double[out.numel()];
        int[] at = new int[out.numel()];
        Shape os0 = out.shape();
        for (int q = 0; q < acc.length; q++) {
            at[q] = offsetOf(out, coordinates(os0, q));
            acc[q] = os.getDouble(at[q]);
        }
        for (int p = 0; p < s.numel(); p++) {
            int[] coord = coordinates(s, p);
            coord[dim] = checked(index, p, out.dim(dim));
            acc[flat(os0, coord)] += ss.getDouble(src.offset() + p);
        }
        for (int q = 0; q < acc.length; q++) {
            os.setDouble(at[q], acc[q]);
        }
    }

    /**
     * Top k of each row of x [rows, n] by a stable sort of positions: larger first when largest (NaN largest),
     * equal values in index order.
     */
    public static void topk(Tensor x, int rows, int n, int k, boolean largest, Tensor values, Tensor indices) {
        CpuStorage xs = x.cpu();
        CpuStorage vs = values.cpu();
        CpuStorage is = indices.cpu();
        for (int r = 0; r < rows; r++) {
            int base = x.offset() + r * n;
            Integer[] pos = new Integer[n];
            for (int i = 0; i < n; i++) {
                pos[i] = i;
            }
            Comparator<Integer> ascending = (a, b) -> {
                double u = xs.getDouble(base + a);
                double v = xs.getDouble(base + b);
                return u == v ? 0 : Double.compare(u, v);
            };
            Arrays.sort(pos, largest ? ascending.reversed() : ascending); // stable: ties stay in index order
            for (int j = 0; j < k; j++) {
                vs.setDouble(values.offset() + r * k + j, xs.getDouble(base + pos[j]));
                is.setDouble(indices.offset() + r * k + j, pos[j]);
            }
        }
    }

    private static int checked(Tensor index, int p, int bound) {
        long v = index.cpu().getLong(index.offset() + p);
        if (v < 0 || v >= bound) {
            throw new IllegalArgumentException("index " + v + " at position " + p + " is out of range [0, " + bound
                    + ")");
        }
        return (int) v;
    }

    private static int[] coordinates(Shape s, int p) {
        int[] c = new int[s.rank()];
        for (int a = s.rank() - 1; a >= 0; a--) {
            c[a] = p % s.dim(a);
            p /= s.dim(a);
        }
        return c;
    }

    private static int offsetOf(Tensor t, int[] coord) {
        int off = t.offset();
        for (int a = 0; a < coord.length; a++) {
            off += coord[a] * t.stride(a);
        }
        return off;
    }

    private static int flat(Shape s, int[] coord) {
        int f = 0;
        for (int a = 0; a < coord.length; a++) {
            f = f * s.dim(a) + coord[a];
        }
        return f;
    }
}
