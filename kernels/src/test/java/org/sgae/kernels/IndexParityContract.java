package org.sgae.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.sgae.tensor.DType;
import org.sgae.tensor.Device;
import org.sgae.tensor.Shape;
import org.sgae.tensor.Tensor;
import org.sgae.tensor.TensorAsserts;
import org.sgae.tensor.Tolerances;
import org.sgae.tensor.ops.Assemble;

/**
 * index.k against inline plain-loop references: duplicates in index_add/scatter_add (float atomics, rtol 1e-4),
 * gathers along every dim, topk with ties (stable order) and k = n, out-of-range indices; cat and pad (the
 * elementwise copy and fill kernels under Assemble) against the CPU.
 */
public abstract class IndexParityContract extends ParityBase {
    private static long[] randIndex(long seed, int k, int n) {
        SplittableRandom r = new SplittableRandom(seed);
        long[] idx = new long[k];
        for (int i = 0; i < k; i++) {
            idx[i] = r.nextInt(n);
        }
        return idx;
    }

    @Test
    void indexSelectAndAdd() {
        int[][] cases = {{3, 10, 5, 7}, {1, 1, 1, 1}, {2, 300, 1, 513}, {4, 6, 9, 0}};
        for (long seed : SEEDS) {
            for (int[] c : cases) {
                int outer = c[0], n = c[1], inner = c[2], k = c[3];
                String what = "index " + Arrays.toString(c) + " seed " + seed;
                Tensor x = randn(seed, outer, n, inner);
                long[] idx = randIndex(seed, k, n);
                Tensor index = on(Tensor.ofLongs(idx, k));
                Tensor out = devEmpty(DType.F32, outer, k, inner);
                dev().index().indexSelect(on(x), index, outer, n, inner, out);
                float[] xf = x.toFloatArray();
                double[] ref = new double[outer * k * inner];
                for (int o = 0; o < outer; o++)
                    for (int j = 0; j < k; j++)
                        for (int i = 0; i < inner; i++) ref[(o * k + j) * inner + i] = xf[(o * n + (int) idx[j]) * inner + i];
                TensorAsserts.assertClose(out.toDoubleArray(), ref, Tolerances.EXACT, what + " select");

                Tensor src = randn(seed + 1, outer, k, inner);
                Tensor acc = on(randn(seed + 2, outer, n, inner));
                double[] aref = acc.toDoubleArray();
                float[] sf = src.toFloatArray();
                for (int o = 0; o < outer; o++)
                    for (int j = 0; j < k; j++)
                        for (int i = 0; i < inner; i++) aref[(o * n + (int) idx[j]) * inner + i] += sf[(o * k + j) * inner + i];
                dev().index().indexAdd(on(src), index, outer, n, inner, acc);
                TensorAsserts.assertClose(acc.toDoubleArray(), aref, Tolerances.F32_ATOMIC, what + " add");
            }
            // 8-byte payloads move exactly
            Tensor big = Tensor.ofLongs(new long[] {1L << 50, -3, 7, (1L << 40) + 1}, 4);
            Tensor sel = devEmpty(DType.I64, 3);
            dev().index().indexSelect(on(big), on(Tensor.ofLongs(new long[] {3, 0, 3}, 3)), 1, 4, 1, sel);
            assertArrayEquals(new long[] {(1L << 40) + 1, 1L << 50, (1L << 40) + 1}, sel.toLongArray());
        }
    }

    /**
     * An out-of-range index is not reported by the launch (nothing is read back) but at the next synchronisation
     * point, naming the op; the first failure wins and the flag is reset once reported.
     */
    @Test
    void outOfRangeIndexThrowsAtTheNextSynchronisation() {
        Tensor x = on(randn(1, 2, 5, 3));
        Tensor bad = on(Tensor.ofLongs(new long[] {0, 5}, 2));
        Tensor out = devEmpty(DType.F32, 2, 2, 3);
        dev().index().indexSelect(x, bad, 2, 5, 3, out); // does not throw: the launch does not wait
        IndexOutOfBoundsException e = assertThrows(IndexOutOfBoundsException.class, out::toFloatArray);
        assertEquals("index_select: index 5 out of range [0, 5) on " + device()
                + " (detected at the next synchronisation)", e.getMessage());
        float[] o = out.toFloatArray(); // reported once: the flag was reset
        float[] xf = x.toFloatArray();
        for (int b = 0; b < 2; b++) {
            for (int c = 0; c < 3; c++) {
                assertEquals(xf[b * 15 + c], o[b * 6 + c], "good index row " + b + "," + c);
                assertEquals(0f, o[b * 6 + 3 + c], "skipped bad index row " + b + "," + c);
            }
        }

        Tensor neg = on(Tensor.ofLongs(new long[] {-1, 0, 0}, 3, 1));
        Tensor acc = on(Tensor.zeros(4, 1));
        dev().index().scatterAdd(acc, 0, neg, on(Tensor.ones(3, 1)));
        e = assertThrows(IndexOutOfBoundsException.class, () -> dev().synchronize());
        assertEquals("scatter_add: index -1 out of range [0, 4) on " + device()
                + " (detected at the next synchronisation)", e.getMessage());
        assertArrayEquals(new float[] {2, 0, 0, 0}, acc.toFloatArray(), "the in-range elements were added");

        // the first failure since the last check wins; a later good launch does not clear it
        Tensor g = devEmpty(DType.F32, 1, 2);
        dev().index().gather(on(Tensor.zeros(1, 3)), 1, on(Tensor.ofLongs(new long[] {3, 0}, 1, 2)), g);
        dev().index().indexAdd(on(Tensor.ones(1, 1, 1)), on(Tensor.ofLongs(new long[] {9}, 1)), 1, 2, 1,
                on(Tensor.zeros(1, 2, 1)));
        dev().index().indexSelect(x, on(Tensor.ofLongs(new long[] {1}, 1)), 2, 5, 3, devEmpty(DType.F32, 2, 1, 3));
        e = assertThrows(IndexOutOfBoundsException.class, g::toFloatArray);
        assertTrue(e.getMessage().startsWith("gather: index 3 out of range [0, 3) on "), e.getMessage());
        dev().synchronize(); // nothing pending any more
    }

    @Test
    void gatherAndScatterAddEveryDim() {
        for (long seed : SEEDS) {
            int[] xs = {4, 5, 6};
            int[] is = {3, 5, 4}; // index smaller than x in the other dims too
            for (int dim = 0; dim < 3; dim++) {
                String what = "gather dim " + dim + " seed " + seed;
                Tensor x = randn(seed, xs);
                int[] ishape = is.clone();
                long[] idx = randIndex(seed + dim, Shape.of(ishape).numel(), xs[dim]);
                Tensor index = Tensor.ofLongs(idx, ishape);
                Tensor out = devEmpty(DType.F32, ishape);
                dev().index().gather(on(x), dim, on(index), out);
                float[] xf = x.toFloatArray();
                double[] ref = new double[idx.length];
                for (int a = 0; a < is[0]; a++)
                    for (int b = 0; b < is[1]; b++)
                        for (int c = 0; c < is[2]; c++) {
                            int f = (a * is[1] + b) * is[2] + c;
                            int[] co = {a, b, c};
                            co[dim] = (int) idx[f];
                            ref[f] = xf[(co[0] * xs[1] + co[1]) * xs[2] + co[2]];
                        }
                TensorAsserts.assertClose(out.toDoubleArray(), ref, Tolerances.EXACT, what);

                Tensor src = randn(seed + 7, ishape);
                Tensor acc = on(randn(seed + 8, xs));
                double[] aref = acc.toDoubleArray();
                float[] sf = src.toFloatArray();
                for (int a = 0; a < is[0]; a++)
                    for (int b = 0; b < is[1]; b++)
                        for (int c = 0; c < is[2]; c++) {
                            int f = (a * is[1] + b) * is[2] + c;
                            int[] co = {a, b, c};
                            co[dim] = (int) idx[f];
                            aref[(co[0] * xs[1] + co[1]) * xs[2] + co[2]] += sf[f];
                        }
                dev().index().scatterAdd(acc, dim, on(index), on(src));
                TensorAsserts.assertClose(acc.toDoubleArray(), aref, Tolerances.F32_ATOMIC, "scatter_add dim " + dim);
            }
        }
    }

    @Test
    void topkStableWithTies() {
        int[][] cases = {{3, 50, 7}, {2, 257, 257}, {1, 1, 1}, {4, 9, 0}, {0, 5, 2}, {5, 1000, 32}};
        for (long seed : SEEDS) {
            for (int[] c : cases) {
                int rows = c[0], n = c[1], k = c[2];
                float[] v = uniform(seed, 0f, 10f, rows, n).toFloatArray();
                for (int i = 0; i < v.length; i++) {
                    v[i] = (float) Math.floor(v[i]); // ties everywhere
                }
                Tensor x = Tensor.of(v, rows, n);
                for (boolean largest : new boolean[] {true, false}) {
                    Tensor vals = devEmpty(DType.F32, rows, k);
                    Tensor ids = devEmpty(DType.I64, rows, k);
                    dev().index().topk(on(x), rows, n, k, largest, vals, ids);
                    long[] refIds = new long[rows * k];
                    double[] refVals = new double[rows * k];
                    for (int r = 0; r < rows; r++) {
                        final int row = r;
                        Integer[] order = new Integer[n];
                        for (int i = 0; i < n; i++) {
                            order[i] = i;
                        }
                        Comparator<Integer> byValue = Comparator.comparingDouble(i -> v[row * n + i]);
                        Arrays.sort(order, largest ? byValue.reversed() : byValue); // stable: ties keep index order
                        for (int j = 0; j < k; j++) {
                            refIds[r * k + j] = order[j];
                            refVals[r * k + j] = v[r * n + order[j]];
                        }
                    }
                    String what = "topk " + Arrays.toString(c) + " largest=" + largest + " seed " + seed;
                    assertArrayEquals(refIds, ids.toLongArray(), what + " indices");
                    TensorAsserts.assertClose(vals.toDoubleArray(), refVals, Tolerances.EXACT, what + " values");
                }
            }
        }
    }

    /**
     * topk against the CPU kernel (TopKCpu), exactly (values and indices): sizes around the local chunk and the
     * power-of-two padding, one row beyond the local sort, k in {0, 1, 5, 100, 1000, n} (reduction with one or
     * several passes for small k, full sort with global merge steps for large k), few distinct values (ties),
     * NaNs, -0/+0, infinities, largest and smallest, several rows.
     */
    @Test
    void topkMatchesCpuAcrossSizes() {
        int[] sizes = {0, 1, 2, 3, 255, 256, 257, 1000, 4097, 70_000};
        for (long seed : SEEDS) {
            for (int n : sizes) {
                int rows = n >= 70_000 ? 2 : n >= 4097 ? 3 : 4;
                for (int variant = 0; variant < 3; variant++) {
                    float[] v = uniform(seed * 31 + n, -5f, 5f, rows, Math.max(1, n)).toFloatArray();
                    v = Arrays.copyOf(v, rows * n);
                    SplittableRandom r = new SplittableRandom(seed * 977 + n + variant);
                    for (int i = 0; i < v.length; i++) {
                        if (variant >= 1) {
                            v[i] = (float) Math.floor(v[i]); // few distinct values: ties everywhere
                        }
                        if (variant == 2) {
                            int u = r.nextInt(20);
                            if (u == 0) {
                                v[i] = Float.NaN;
                            } else if (u == 1) {
                                v[i] = Float.intBitsToFloat(0xffc00001); // a negative NaN with a payload
                            } else if (u == 2) {
                                v[i] = -0f;
                            } else if (u == 3) {
                                v[i] = Float.NEGATIVE_INFINITY;
                            } else if (u == 4) {
                                v[i] = Float.POSITIVE_INFINITY;
                            }
                        }
                    }
                    Tensor x = Tensor.of(v, rows, n);
                    Tensor dx = on(x);
                    for (int k : new int[] {0, 1, 5, 100, 1000, n}) {
                        if (k > n) {
                            continue;
                        }
                        for (boolean largest : new boolean[] {true, false}) {
                            Tensor vals = devEmpty(DType.F32, rows, k);
                            Tensor ids = devEmpty(DType.I64, rows, k);
                            dev().index().topk(dx, rows, n, k, largest, vals, ids);
                            Tensor rv = Tensor.zeros(Shape.of(rows, k), DType.F32, Device.cpu());
                            Tensor ri = Tensor.zeros(Shape.of(rows, k), DType.I64, Device.cpu());
                            cpu().index().topk(x, rows, n, k, largest, rv, ri);
                            String what = "topk rows " + rows + " n " + n + " k " + k + " variant " + variant
                                    + " largest=" + largest + " seed " + seed;
                            assertArrayEquals(ri.toLongArray(), ids.toLongArray(), what + " indices");
                            float[] got = vals.toFloatArray();
                            float[] want = rv.toFloatArray();
                            for (int i = 0; i < want.length; i++) {
                                if (Float.floatToRawIntBits(want[i]) != Float.floatToRawIntBits(got[i])) {
                                    throw new AssertionError(what + " value " + i + ": " + want[i] + " vs " + got[i]);
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /**
     * cat and pad (Assemble: strided copies into views of the output plus a fill) against the CPU, bit for bit:
     * a permuted (non-contiguous) part, an empty part, cropping and an I64 pad value.
     */
    @Test
    void catAndPadMatchTheCpuExactly() {
        for (long seed : SEEDS) {
            Tensor a = randn(seed, 3, 5, 4);
            Tensor b = randn(seed + 1, 4, 5, 3).permute(2, 1, 0); // [3, 5, 4], strided
            Tensor none = randn(seed + 2, 3, 0, 4);
            for (int dim = 0; dim < 3; dim++) {
                List<Tensor> parts = dim == 1 ? List.of(a, none, b) : List.of(a, b);
                Tensor ref = Assemble.cat(parts, dim);
                Tensor dev = Assemble.cat(parts.stream().map(this::on).toList(), dim);
                close(host(dev), ref, Tolerances.EXACT, "cat dim " + dim + " seed " + seed);
            }
            int[] padding = {1, 2, 0, -1, 2, 0};
            close(host(Assemble.pad(on(a), padding, 0.5)), Assemble.pad(a, padding, 0.5), Tolerances.EXACT,
                    "pad seed " + seed);
            Tensor ids = randInts(seed, DType.I64, 0, 9, 4, 3);
            close(host(Assemble.pad(on(ids), new int[] {2, 1}, 7)), Assemble.pad(ids, new int[] {2, 1}, 7),
                    Tolerances.EXACT, "pad I64 seed " + seed);
        }
    }
}
