package org.sgae.tensor.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.sgae.tensor.Rand;
import org.sgae.tensor.Shape;
import org.sgae.tensor.Tensor;
import org.sgae.tensor.TensorAsserts;
import org.sgae.tensor.Tolerances;

/** matmul (with transposed views, batch broadcast, vectors) against a double triple loop. */
class LinalgTest {
    private static double[] ref(Tensor a, Tensor b) {
        int m = a.dim(-2);
        int k = a.dim(-1);
        int n = b.dim(-1);
        double[] x = a.toDoubleArray();
        double[] y = b.toDoubleArray();
        double[] r = new double[m * n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int p = 0; p < k; p++) {
                    s += x[i * k + p] * y[p * n + j];
                }
                r[i * n + j] = s;
            }
        }
        return r;
    }

    @Test
    void plainTransposedAndOddSizes() {
        int[][] sizes = {{1, 1, 1}, {3, 5, 7}, {17, 33, 65}, {64, 1, 9}, {0, 4, 3}};
        for (long seed = 1; seed <= 3; seed++) {
            for (int[] s : sizes) {
                Tensor a = Rand.f32(seed, s[0], s[1]);
                Tensor b = Rand.f32(seed + 7, s[1], s[2]);
                double[] r = ref(a, b);
                Tolerances.Tol tol = Tolerances.f32Reduction(s[1]);
                TensorAsserts.assertClose(a.matmul(b).toDoubleArray(), r, tol, "plain " + java.util.Arrays.toString(s));
                Tensor at = Rand.f32(seed, s[1], s[0]).transpose(0, 1);
                Tensor bt = Rand.f32(seed + 7, s[2], s[1]).transpose(0, 1);
                TensorAsserts.assertClose(at.matmul(bt).toDoubleArray(), ref(at.contiguous(), bt.contiguous()), tol,
                        "transposed " + java.util.Arrays.toString(s));
            }
        }
    }

    @Test
    void batchBroadcastAndVectors() {
        Tensor a = Rand.f32(1, 4, 3, 5);
        Tensor b = Rand.f32(2, 5, 2);
        Tensor c = a.matmul(b);
        assertEquals(Shape.of(4, 3, 2), c.shape());
        for (int i = 0; i < 4; i++) {
            Tensor ai = a.narrow(0, i, 1).reshape(3, 5);
            TensorAsserts.assertClose(c.narrow(0, i, 1).reshape(3, 2).toDoubleArray(), ref(ai, b),
                    Tolerances.f32Reduction(5), "batch " + i);
        }
        Tensor v = Rand.f32(3, 5);
        assertEquals(Shape.of(3), Rand.f32(4, 3, 5).matmul(v).shape());
        assertEquals(Shape.of(2), v.matmul(b).shape());
    }

    @Test
    void innerMismatchNamesBothShapes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Tensor.zeros(2, 3).matmul(Tensor.zeros(4, 2)));
        assertEquals("matmul: inner dims differ: [2, 3] · [4, 2]", e.getMessage());
    }
}
