package org.sgae.tensor.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sgae.tensor.DType;
import org.sgae.tensor.Rand;
import org.sgae.tensor.Shape;
import org.sgae.tensor.Tensor;

/** cat, stack, split, chunk and pad: values, views, dtype promotion, empty parts and argument errors. */
class AssembleTest {
    private static Tensor t(double[] v, int... shape) {
        return Tensor.of(v, shape);
    }

    @Test
    void catAlongEachDimMatchesHandLayout() {
        Tensor a = t(new double[] {1, 2, 3, 4}, 2, 2);
        Tensor b = t(new double[] {5, 6}, 1, 2);
        assertArrayEquals(new double[] {1, 2, 3, 4, 5, 6}, Assemble.cat(List.of(a, b), 0).toDoubleArray());
        Tensor c = t(new double[] {7, 8}, 2, 1);
        Tensor r = Assemble.cat(List.of(a, c, a), -1);
        assertEquals(Shape.of(2, 5), r.shape());
        assertArrayEquals(new double[] {1, 2, 7, 1, 2, 3, 4, 8, 3, 4}, r.toDoubleArray());
    }

    @Test
    void catOfViewsEmptyPartsAndMixedDtypes() {
        Tensor x = Rand.f32(1, 3, 4);
        Tensor xt = x.transpose(0, 1); // [4, 3] strided
        Tensor empty = Tensor.zeros(0, 3);
        Tensor ints = Tensor.ofInts(new int[] {1, 2, 3}, 1, 3);
        Tensor r = Assemble.cat(List.of(xt, empty, ints), 0);
        assertEquals(Shape.of(5, 3), r.shape());
        assertEquals(DType.F32, r.dtype());
        float[] v = r.toFloatArray();
        float[] expected = xt.contiguous().toFloatArray();
        for (int i = 0; i < 12; i++) {
            assertEquals(expected[i], v[i]);
        }
        assertArrayEquals(new float[] {1, 2, 3}, java.util.Arrays.copyOfRange(v, 12, 15));
        Tensor longs = Assemble.cat(List.of(Tensor.ofLongs(new long[] {1L << 60}, 1), Tensor.ofLongs(new long[] {7}, 1)), 0);
        assertArrayEquals(new long[] {1L << 60, 7}, longs.toLongArray(), "I64 copied exactly");
    }

    @Test
    void stackSplitAndChunk() {
        Tensor a = t(new double[] {1, 2, 3}, 3);
        Tensor b = t(new double[] {4, 5, 6}, 3);
        Tensor s = Assemble.stack(List.of(a, b), -1);
        assertEquals(Shape.of(3, 2), s.shape());
        assertArrayEquals(new double[] {1, 4, 2, 5, 3, 6}, s.toDoubleArray());
        assertEquals(Shape.of(2, 3), Assemble.stack(List.of(a, b), 0).shape());

        Tensor x = Rand.f64(2, 2, 7);
        List<Tensor> parts = Assemble.split(x, new int[] {2, 0, 5}, 1);
        assertEquals(3, parts.size());
        assertEquals(Shape.of(2, 0), parts.get(1).shape());
        assertArrayEquals(x.toDoubleArray(), Assemble.cat(parts, 1).toDoubleArray());
        assertTrue(parts.get(2).storage() == x.storage(), "split returns views");

        int[] sizes = Assemble.chunk(x, 3, 1).stream().mapToInt(p -> p.dim(1)).toArray();
        assertArrayEquals(new int[] {3, 3, 1}, sizes);
        int[] fewer = Assemble.chunk(Rand.f64(3, 6), 4, 0).stream().mapToInt(p -> p.dim(0)).toArray();
        assertArrayEquals(new int[] {2, 2, 2}, fewer, "6 in 4 chunks of ceil(6/4) = 2 gives 3 chunks, as PyTorch");
        assertEquals(2, Assemble.chunk(Tensor.zeros(0, 2), 2, 0).size());
    }

    @Test
    void padPositiveNegativeAndIntegerDtypes() {
        Tensor x = t(new double[] {1, 2, 3, 4, 5, 6}, 2, 3);
        Tensor p = Assemble.pad(x, new int[] {1, 0}, 9);
        assertEquals(Shape.of(2, 4), p.shape());
        assertArrayEquals(new double[] {9, 1, 2, 3, 9, 4, 5, 6}, p.toDoubleArray());
        Tensor both = Assemble.pad(x, new int[] {0, 1, 1, 0}, 0);
        assertEquals(Shape.of(3, 4), both.shape());
        assertArrayEquals(new double[] {0, 0, 0, 0, 1, 2, 3, 0, 4, 5, 6, 0}, both.toDoubleArray());
        Tensor crop = Assemble.pad(x, new int[] {-1, 1}, 7);
        assertArrayEquals(new double[] {2, 3, 7, 5, 6, 7}, crop.toDoubleArray());
        Tensor gone = Assemble.pad(x, new int[] {-3, 2}, 7);
        assertArrayEquals(new double[] {7, 7, 7, 7}, gone.toDoubleArray());
        Tensor ints = Assemble.pad(Tensor.ofLongs(new long[] {5}, 1), new int[] {2, 1}, -1);
        assertArrayEquals(new long[] {-1, -1, 5, -1}, ints.toLongArray());
        Tensor strided = Assemble.pad(x.transpose(0, 1), new int[] {1, 1}, 0);
        assertArrayEquals(new double[] {0, 1, 4, 0, 0, 2, 5, 0, 0, 3, 6, 0}, strided.toDoubleArray());
    }

    @Test
    void argumentErrorsNameTheOpAndShapes() {
        Tensor x = Tensor.zeros(2, 3);
        assertMessage(() -> Assemble.cat(List.of(), 0), "cat", "no tensors");
        assertMessage(() -> Assemble.cat(List.of(x, Tensor.zeros(2, 4)), 0), "cat", "tensor 1", "[2, 4]", "[2, 3]");
        assertMessage(() -> Assemble.cat(List.of(x, Tensor.zeros(2)), 0), "cat", "[2]");
        assertMessage(() -> Assemble.stack(List.of(x, Tensor.zeros(3, 2)), 0), "stack", "[3, 2]");
        assertMessage(() -> Assemble.stack(List.of(x), 4), "stack", "dim 4");
        assertMessage(() -> Assemble.split(x, new int[] {1, 1}, 1), "split", "add up to 2", "[2, 3]");
        assertMessage(() -> Assemble.chunk(x, 0, 1), "chunk", "positive");
        assertMessage(() -> Assemble.pad(x, new int[] {1}, 0), "pad", "[1]", "[2, 3]");
        assertMessage(() -> Assemble.pad(x, new int[] {1, 1, 1, 1, 1, 1}, 0), "pad", "at most 2");
        assertMessage(() -> Assemble.pad(x, new int[] {-2, -2}, 0), "pad", "negative");
    }

    private static void assertMessage(org.junit.jupiter.api.function.Executable call, String... parts) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        for (String p : parts) {
            assertTrue(e.getMessage().contains(p), "message '" + e.getMessage() + "' lacks '" + p + "'");
        }
    }
}
