package org.sgae.tensor.cpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.sgae.tensor.DType;
import org.sgae.tensor.Rand;
import org.sgae.tensor.Shape;
import org.sgae.tensor.Tensor;
import org.sgae.tensor.TensorAsserts;
import org.sgae.tensor.Tolerances;
import org.sgae.tensor.cpu.ref.IndexRef;

/**
 * CPU index kernels against the plain-loop references in {@link IndexRef}: every dtype path (F32 fast, generic F64
 * and ints), empty and size-1 shapes, odd sizes, sizes large enough to split over threads, non-contiguous data,
 * repeated indices, out-of-range errors, ties in topk.
 */
class CpuIndexTest {
    private static final CpuIndex K = new CpuIndex();
    private static final DType[] TYPES = {DType.F32, DType.F64, DType.I64, DType.I32};
    /** {outer, n, inner, k}: empty, size 1, odd sizes, and one large enough for the threaded paths. */
    private static final int[][] GEOMETRIES = {
        {0, 3, 2, 4}, {2, 3, 0, 4}, {2, 3, 2, 0}, {1, 1, 1, 1}, {3, 7, 1, 5}, {2, 5, 3, 9}, {4, 9, 17, 13},
        {1, 33, 70, 900}, {70, 40, 3, 81},
    };

    /** Values in [-4, 4) as dtype (integers for the integer types). */
    static Tensor data(long seed, DType t, int... shape) {
        Tensor f = Rand.uniform(seed, DType.F64, -4, 4, shape);
        return f.to(t);
    }

    /**
     * Positive values in [0.5, 4) for accumulation tests: with no cancellation, the float32 error of a k-term sum
     * stays within f32Reduction(k) relative to the result (mixed signs would need a bound on the sum of |terms|).
     */
    static Tensor positive(long seed, DType t, int... shape) {
        return Rand.uniform(seed, DType.F64, 0.5, 4, shape).to(t);
    }

    static Tensor index(long seed, int bound, int... shape) {
        SplittableRandom r = new SplittableRandom(seed);
        long[] v = new long[Shape.of(shape).numel()];
        for (int i = 0; i < v.length; i++) {
            v[i] = r.nextInt(Math.max(1, bound));
        }
        return Tensor.ofLongs(v, shape);
    }

    private static Tensor like(Tensor t) {
        return Tensor.zeros(t.shape(), t.dtype(), t.device());
    }

    private static Tolerances.Tol accumulation(DType t, int terms) {
        return t == DType.F32 ? Tolerances.f32Reduction(terms) : Tolerances.F64_EXACTISH;
    }

    @Test
    void indexSelectMatchesReference() {
        for (long seed = 1; seed <= 3; seed++) {
            for (DType t : TYPES) {
                for (int[] g : GEOMETRIES) {
                    Tensor x = data(seed, t, g[0], g[1], g[2]);
                    Tensor idx = index(seed + 1, g[1], g[3]);
                    Tensor out = Tensor.empty(Shape.of(g[0], g[3], g[2]), t, x.device());
                    Tensor ref = like(out);
                    K.indexSelect(x, idx, g[0], g[1], g[2], out);
                    IndexRef.indexSelect(x, idx, g[0], g[1], g[2], ref);
                    TensorAsserts.assertClose(out, ref, Tolerances.F64_EXACTISH, "index_select " + t + " " + str(g));
                }
            }
        }
    }

    @Test
    void indexAddAccumulatesRepeats() {
        for (long seed = 1; seed <= 3; seed++) {
            for (DType t : TYPES) {
                for (int[] g : GEOMETRIES) {
                    Tensor src = positive(seed, t, g[0], g[3], g[2]);
                    Tensor idx = index(seed + 2, Math.min(g[1], 4), g[3]); // few distinct rows: many repeats
                    Tensor out = positive(seed + 3, t, g[0], g[1], g[2]);
                    Tensor ref = out.contiguous().to(DType.F64).to(t);
                    K.indexAdd(src, idx, g[0], g[1], g[2], out);
                    IndexRef.indexAdd(src, idx, g[0], g[1], g[2], ref);
                    TensorAsserts.assertClose(out, ref, accumulation(t, g[3]), "index_add " + t + " " + str(g));
                }
            }
        }
    }

    @Test
    void gatherAlongEachDimContiguousAndPermuted() {
        for (long seed = 1; seed <= 3; seed++) {
            for (DType t : TYPES) {
                for (int d = 0; d < 3; d++) {
                    Tensor plain = data(seed, t, 5, 4, 6);
                    Tensor permuted = data(seed, t, 6, 5, 4).permute(1, 2, 0); // [5, 4, 6], not contiguous
                    for (Tensor x : new Tensor[] {plain, permuted}) {
                        int[] shape = {5, 3, 4}; // smaller than x outside dim 0..2 except where dim is
                        shape[d] = 7;
                        Tensor idx = index(seed + d, x.dim(d), shape);
                        Tensor out = Tensor.empty(Shape.of(shape), t, x.device());
                        Tensor ref = like(out);
                        K.gather(x, d, idx, out);
                        IndexRef.gather(x, d, idx, ref);
                        TensorAsserts.assertClose(out, ref, Tolerances.F64_EXACTISH, "gather " + t + " dim " + d
                                + (x.isContiguous() ? "" : " permuted"));
                    }
                }
            }
        }
    }

    @Test
    void gatherEmptyAndSizeOne() {
        for (DType t : TYPES) {
            Tensor x = data(1, t, 1, 1);
            Tensor idx = Tensor.ofLongs(new long[] {0}, 1, 1);
            Tensor out = Tensor.empty(Shape.of(1, 1), t, x.device());
            K.gather(x, 1, idx, out);
            assertArrayEquals(x.toDoubleArray(), out.toDoubleArray());
            Tensor none = Tensor.ofLongs(new long[0], 0, 1);
            K.gather(x, 0, none, Tensor.empty(Shape.of(0, 1), t, x.device())); // nothing to do, no error
        }
    }

    @Test
    void scatterAddMatchesReferenceIncludingThreadedSplits() {
        // {rows of out, columns, rows of src}: outer-split, column-split and tiny cases
        int[][] cases = {{1, 1, 1}, {3, 5, 7}, {4, 64, 2000}, {300, 3, 41}, {2, 1, 20000}, {5, 2, 0}};
        for (long seed = 1; seed <= 3; seed++) {
            for (DType t : TYPES) {
                for (int[] c : cases) {
                    if (c[0] * c[1] * c[2] > 100_000 && seed > 1) {
                        continue; // the threaded sizes once: the reference is slow
                    }
                    for (int d = 0; d < 2; d++) {
                        int[] outShape = d == 0 ? new int[] {c[0], c[1]} : new int[] {c[1], c[0]};
                        int[] idxShape = d == 0 ? new int[] {c[2], c[1]} : new int[] {c[1], c[2]};
                        Tensor idx = index(seed + 5, c[0], idxShape);
                        Tensor src = positive(seed + 6, t, idxShape);
                        Tensor out = positive(seed + 7, t, outShape);
                        Tensor ref = out.to(DType.F64).to(t);
                        K.scatterAdd(out, d, idx, src);
                        IndexRef.scatterAdd(ref, d, idx, src);
                        TensorAsserts.assertClose(out, ref, accumulation(t, c[2]), "scatter_add " + t + " dim " + d
                                + " " + str(c));
                    }
                }
            }
        }
    }

    @Test
    void scatterAddIntoStridedOutput() {
        Tensor idx = index(3, 4, 6, 5);
        Tensor src = positive(4, DType.F32, 6, 5);
        Tensor store = positive(5, DType.F32, 5, 4);
        Tensor out = store.transpose(0, 1); // [4, 5] view with strides {1, 4}
        Tensor ref = out.contiguous();
        K.scatterAdd(out, 0, idx, src);
        IndexRef.scatterAdd(ref, 0, idx, src);
        TensorAsserts.assertClose(out.contiguous(), ref, Tolerances.f32Reduction(6), "scatter_add strided out");
    }

    @Test
    void topkMatchesStableReference() {
        int[] sizes = {1, 2, 7, 64, 333};
        for (long seed = 1; seed <= 3; seed++) {
            for (DType t : TYPES) {
                for (int n : sizes) {
                    for (int k : new int[] {0, 1, Math.min(3, n), n / 2, n}) {
                        for (boolean largest : new boolean[] {true, false}) {
                            for (boolean ties : new boolean[] {false, true}) {
                                checkTopk(seed, t, 3, n, k, largest, ties);
                            }
                        }
                    }
                }
            }
        }
        checkTopk(9, DType.F32, 3000, 40, 5, true, true); // enough rows for the threaded path
        checkTopk(9, DType.F64, 2, 5000, 700, false, false); // long rows
    }

    /** With ties, values come from {-1, 0, 1, 2} so most elements tie and index order decides. */
    private static void checkTopk(long seed, DType t, int rows, int n, int k, boolean largest, boolean ties) {
        Tensor x = ties ? Rand.uniform(seed, DType.F64, -1, 3, rows, n).to(DType.I64).to(t) : data(seed, t, rows, n);
        Tensor v = Tensor.empty(Shape.of(rows, k), t, x.device());
        Tensor i = Tensor.empty(Shape.of(rows, k), DType.I64, x.device());
        Tensor rv = like(v);
        Tensor ri = like(i);
        K.topk(x, rows, n, k, largest, v, i);
        IndexRef.topk(x, rows, n, k, largest, rv, ri);
        String name = "topk " + t + " n=" + n + " k=" + k + (largest ? " largest" : " smallest") + (ties ? " ties" : "");
        assertArrayEquals(ri.toLongArray(), i.toLongArray(), name + " indices");
        assertArrayEquals(rv.toDoubleArray(), v.toDoubleArray(), name + " values");
    }

    @Test
    void topkOrdersNanLargestAndSignedZerosAsEqual() {
        for (DType t : new DType[] {DType.F32, DType.F64}) {
            Tensor x = Tensor.of(new double[] {0.0, Double.NaN, -0.0, 1.0, -1.0}, 1, 5).to(t);
            Tensor v = Tensor.empty(Shape.of(1, 5), t, x.device());
            Tensor i = Tensor.empty(Shape.of(1, 5), DType.I64, x.device());
            K.topk(x, 1, 5, 5, true, v, i);
            assertArrayEquals(new long[] {1, 3, 0, 2, 4}, i.toLongArray(), t + " descending");
            K.topk(x, 1, 5, 5, false, v, i);
            assertArrayEquals(new long[] {4, 0, 2, 3, 1}, i.toLongArray(), t + " ascending");
        }
    }

    @Test
    void outOfRangeIndicesNameValuePositionAndBound() {
        Tensor x = data(1, DType.F32, 2, 5, 3);
        Tensor bad = Tensor.ofLongs(new long[] {0, 4, 5, 1}, 4);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> K.indexSelect(x, bad, 2, 5, 3, Tensor.empty(DType.F32, 2, 4, 3)));
        assertMessage(e, "index_select", "index 5", "position 2", "[0, 5)");
        Tensor negative = Tensor.ofLongs(new long[] {0, -1}, 2);
        e = assertThrows(IllegalArgumentException.class,
                () -> K.indexAdd(Tensor.zeros(2, 2, 3), negative, 2, 5, 3, Tensor.zeros(2, 5, 3)));
        assertMessage(e, "index_add", "index -1", "[0, 5)");
        Tensor g = Tensor.ofLongs(new long[] {0, 1, 2, 3, 9, 4}, 1, 6);
        e = assertThrows(IllegalArgumentException.class,
                () -> K.gather(Tensor.zeros(1, 5), 1, g, Tensor.empty(DType.F32, 1, 6)));
        assertMessage(e, "gather", "index 9", "position 4", "[0, 5)");
        e = assertThrows(IllegalArgumentException.class,
                () -> K.scatterAdd(Tensor.zeros(1, 5), 1, g, Tensor.zeros(1, 6)));
        assertMessage(e, "scatter_add", "index 9", "[0, 5)");
    }

    @Test
    void firstBadIndexIsReportedFromAThreadedScan() {
        long[] v = new long[300_000];
        v[200_000] = 7;
        v[250_000] = -3;
        Tensor idx = Tensor.ofLongs(v, v.length);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> K.indexSelect(Tensor.zeros(4), idx, 1, 4, 1, Tensor.empty(DType.F32, v.length)));
        assertMessage(e, "index 7", "position 200000", "[0, 4)");
    }

    private static void assertMessage(Exception e, String... parts) {
        for (String p : parts) {
            assertTrue(e.getMessage().contains(p), "message '" + e.getMessage() + "' lacks '" + p + "'");
        }
    }

    private static String str(int[] g) {
        return java.util.Arrays.toString(g);
    }
}
