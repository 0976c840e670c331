package org.sgae.tensor.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.sgae.tensor.DType;
import org.sgae.tensor.Rand;
import org.sgae.tensor.Shape;
import org.sgae.tensor.Tensor;

/** The Index facade: worked examples (as in PyTorch's docs), layouts, dtypes and argument errors. */
class IndexTest {
    private static Tensor t(double[] v, int... shape) {
        return Tensor.of(v, shape);
    }

    private static Tensor longs(long... v) {
        return Tensor.ofLongs(v, v.length);
    }

    @Test
    void indexSelectRowsColumnsAndScalarIndex() {
        Tensor x = t(new double[] {1, 2, 3, 4, 5, 6}, 3, 2);
        assertArrayEquals(new double[] {5, 6, 1, 2, 5, 6}, Index.indexSelect(x, 0, longs(2, 0, 2)).toDoubleArray());
        Tensor cols = Index.indexSelect(x, 1, Tensor.ofInts(new int[] {1, 1}, 2));
        assertEquals(Shape.of(3, 2), cols.shape());
        assertArrayEquals(new double[] {2, 2, 4, 4, 6, 6}, cols.toDoubleArray());
        Tensor one = Index.indexSelect(x, -2, Tensor.ofLongs(new long[] {1}));
        assertEquals(Shape.of(1, 2), one.shape());
        assertArrayEquals(new double[] {3, 4}, one.toDoubleArray());
        Tensor none = Index.indexSelect(x, 0, Tensor.ofLongs(new long[0], 0));
        assertEquals(Shape.of(0, 2), none.shape());
    }

    @Test
    void indexSelectOfANonContiguousView() {
        Tensor x = Rand.f32(1, 4, 3);
        Tensor xt = x.transpose(0, 1); // [3, 4]
        Tensor out = Index.indexSelect(xt, 1, longs(3, 0));
        Tensor expected = Index.indexSelect(xt.contiguous(), 1, longs(3, 0));
        assertArrayEquals(expected.toFloatArray(), out.toFloatArray());
        assertEquals(Shape.of(3, 2), out.shape());
    }

    @Test
    void embeddingKeepsIdsShape() {
        Tensor w = t(new double[] {0, 1, 10, 11, 20, 21}, 3, 2);
        Tensor ids = Tensor.ofInts(new int[] {2, 0, 1, 2}, 2, 2);
        Tensor e = Index.embedding(w, ids);
        assertEquals(Shape.of(2, 2, 2), e.shape());
        assertArrayEquals(new double[] {20, 21, 0, 1, 10, 11, 20, 21}, e.toDoubleArray());
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> Index.embedding(w, longs(0, 3)));
        assertTrue(bad.getMessage().contains("embedding") && bad.getMessage().contains("index 3")
                && bad.getMessage().contains("[0, 3)"), bad.getMessage());
    }

    @Test
    void gatherWorkedExample() {
        // torch.gather(t, 1, [[0, 0], [1, 0]]) with t = [[1, 2], [3, 4]] is [[1, 1], [4, 3]]
        Tensor x = t(new double[] {1, 2, 3, 4}, 2, 2);
        Tensor g = Index.gather(x, 1, Tensor.ofLongs(new long[] {0, 0, 1, 0}, 2, 2));
        assertArrayEquals(new double[] {1, 1, 4, 3}, g.toDoubleArray());
        // a transposed x and a strided I32 index: xt = [[1, 3], [2, 4]], index [[1, 1]] reads row 1
        Tensor strided = Tensor.ofInts(new int[] {1, 0, 1, 0}, 2, 2).transpose(0, 1).narrow(0, 0, 1);
        Tensor g0 = Index.gather(x.transpose(0, 1), 0, strided);
        assertArrayEquals(new double[] {2, 4}, g0.toDoubleArray());
    }

    @Test
    void scatterAddIsOutOfPlaceAndAccumulates() {
        Tensor base = Tensor.zeros(2, 3);
        Tensor src = t(new double[] {1, 2, 3, 4, 5, 6}, 2, 3).to(DType.F32);
        Tensor idx = Tensor.ofLongs(new long[] {0, 1, 1, 0, 0, 0}, 2, 3);
        Tensor out = Index.scatterAdd(base, 0, idx, src);
        // out[idx[i][j]][j] += src[i][j]: row 0 gets 1 + 4, 5, 6; row 1 gets 2 and 3
        assertArrayEquals(new float[] {5, 5, 6, 0, 2, 3}, out.toFloatArray());
        assertArrayEquals(new float[6], base.toFloatArray(), "base unchanged");
    }

    @Test
    void scatterAddIgnoresSourceBeyondIndex() {
        Tensor base = Tensor.zeros(1, 4);
        Tensor src = t(new double[] {1, 2, 3, 4, 5, 6}, 2, 3).to(DType.F32);
        Tensor out = Index.scatterAdd(base, 1, Tensor.ofLongs(new long[] {3, 3}, 1, 2), src);
        assertArrayEquals(new float[] {0, 0, 0, 3}, out.toFloatArray());
    }

    @Test
    void topkAndSortWithTies() {
        Tensor x = t(new double[] {3, 1, 3, 2}, 4);
        Tensor[] top = Index.topk(x, 2, 0, Index.Order.DESCENDING);
        assertArrayEquals(new double[] {3, 3}, top[0].toDoubleArray());
        assertArrayEquals(new long[] {0, 2}, top[1].toLongArray());
        Tensor[] low = Index.topk(x, 3, 0, Index.Order.ASCENDING);
        assertArrayEquals(new long[] {1, 3, 0}, low[1].toLongArray());
        Tensor[] desc = Index.sort(x, 0, Index.Order.DESCENDING);
        assertArrayEquals(new double[] {3, 3, 2, 1}, desc[0].toDoubleArray());
        assertArrayEquals(new long[] {0, 2, 3, 1}, desc[1].toLongArray());
        assertEquals(DType.I64, desc[1].dtype());
    }

    @Test
    void sortAlongAFirstDim() {
        Tensor x = t(new double[] {5, 0, 1, 2, 3, 9}, 3, 2); // columns {5, 1, 3} and {0, 2, 9}
        Tensor[] s = Index.sort(x, 0, Index.Order.ASCENDING);
        assertEquals(Shape.of(3, 2), s[0].shape());
        assertArrayEquals(new double[] {1, 0, 3, 2, 5, 9}, s[0].toDoubleArray());
        assertArrayEquals(new long[] {1, 0, 2, 1, 0, 2}, s[1].toLongArray());
        Tensor[] top = Index.topk(x.to(DType.I64), 1, 0, Index.Order.DESCENDING);
        assertArrayEquals(new long[] {5, 9}, top[0].toLongArray());
        assertArrayEquals(new long[] {0, 2}, top[1].toLongArray());
    }

    @Test
    void argumentErrorsNameTheOpAndShapes() {
        Tensor x = Tensor.zeros(3, 4);
        assertMessage(() -> Index.indexSelect(x, 0, Tensor.zeros(2)), "index_select", "I64 or I32", "F32");
        assertMessage(() -> Index.indexSelect(x, 0, Tensor.ofLongs(new long[] {0, 1}, 1, 2)), "rank 0 or 1");
        assertMessage(() -> Index.indexSelect(x, 0, longs(0, 3)), "index_select", "index 3", "[0, 3)");
        assertMessage(() -> Index.gather(x, 1, longs(0)), "gather", "[1]", "[3, 4]", "rank");
        assertMessage(() -> Index.gather(x, 1, Tensor.ofLongs(new long[4], 4, 1)), "gather", "larger", "dim 0");
        assertMessage(() -> Index.gather(x, 1, Tensor.ofLongs(new long[] {0, -2}, 1, 2)), "gather", "index -2");
        assertMessage(() -> Index.scatterAdd(x, 0, Tensor.ofLongs(new long[2], 1, 2), Tensor.zeros(1, 1)),
                "scatter_add", "src", "[1, 1]");
        assertMessage(() -> Index.scatterAdd(x, 0, Tensor.ofLongs(new long[2], 1, 2),
                Tensor.zeros(Shape.of(1, 2), DType.F64, x.device())), "scatter_add", "dtypes differ");
        assertMessage(() -> Index.topk(x, 5, 1, Index.Order.DESCENDING), "topk", "k = 5", "[0, 4]");
        assertMessage(() -> Index.indexAdd(x, 0, longs(0), Tensor.zeros(2, 4)), "index_add", "[2, 4]", "[3, 4]");
    }

    private static void assertMessage(org.junit.jupiter.api.function.Executable call, String... parts) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        for (String p : parts) {
            assertTrue(e.getMessage().contains(p), "message '" + e.getMessage() + "' lacks '" + p + "'");
        }
    }
}
