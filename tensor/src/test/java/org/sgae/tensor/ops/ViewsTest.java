package org.sgae.tensor.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.sgae.tensor.Shape;
import org.sgae.tensor.Tensor;

class ViewsTest {
    private static Tensor iota(int... shape) {
        int n = Shape.of(shape).numel();
        float[] d = new float[n];
        for (int i = 0; i < n; i++) {
            d[i] = i;
        }
        return Tensor.of(d, shape);
    }

    @Test
    void reshapeOfContiguousSharesStorage() {
        Tensor t = iota(2, 3, 4);
        Tensor r = t.reshape(6, -1);
        assertEquals(Shape.of(6, 4), r.shape());
        assertSame(t.storage(), r.storage());
        assertThrows(IllegalArgumentException.class, () -> t.reshape(5, 5));
    }

    @Test
    void permuteTransposeNarrowExpand() {
        Tensor t = iota(2, 3);
        Tensor p = t.transpose(0, 1);
        assertFalse(p.isContiguous());
        assertArrayEquals(new double[] {0, 3, 1, 4, 2, 5}, p.toDoubleArray());
        assertArrayEquals(new double[] {0, 3, 1, 4, 2, 5}, p.contiguous().toDoubleArray());
        Tensor n = t.narrow(1, 1, 2);
        assertArrayEquals(new double[] {1, 2, 4, 5}, n.toDoubleArray());
        Tensor e = iota(1, 3).expand(2, 3);
        assertArrayEquals(new double[] {0, 1, 2, 0, 1, 2}, e.toDoubleArray());
        assertEquals(0, e.stride(0));
        assertEquals(Shape.of(3), iota(1, 3).squeeze(0).shape());
        assertEquals(Shape.of(1, 3, 1), iota(1, 3).unsqueeze(-1).shape());
        // reshape of a non-contiguous view copies
        assertArrayEquals(new double[] {0, 3, 1, 4, 2, 5}, p.reshape(6).toDoubleArray());
    }

    @Test
    void badViewsAreRejected() {
        Tensor t = iota(2, 3);
        assertThrows(IllegalArgumentException.class, () -> t.narrow(1, 2, 2));
        assertThrows(IllegalArgumentException.class, () -> t.permute(0, 0));
        assertThrows(IllegalArgumentException.class, () -> t.expand(4, 3));
        assertThrows(IllegalArgumentException.class, () -> t.squeeze(0));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> t.dim(5));
        assertTrue(e.getMessage().contains("[2, 3]"));
    }
}
