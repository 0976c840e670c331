package org.sgae.autograd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.sgae.tensor.Rand;
import org.sgae.tensor.Tensor;

/** GradScale (model-spec §10): identity forward, gradient × λ, λ = 0 a detach that stops even inf/NaN. */
class GradScaleTest {
    /** The gradient of Σ y² w.r.t. w when y = GradScale(2·w, λ): λ·2·y·2 = 8λ·w. */
    private static double[] gradThroughScale(double lambda, double[] w0) {
        Tensor w = Tensor.of(w0, w0.length).requiresGrad(true);
        Tensor x = w.mul(2.0);
        Tensor y = GradScale.apply(x, lambda);
        assertArrayEquals(x.toDoubleArray(), y.toDoubleArray(), 0.0, "identity forward");
        Engine.backward(y.mul(y).sum());
        return w.grad().toDoubleArray();
    }

    @Test
    void scalesTheGradient() {
        double[] w = {0.5, -1.25, 3};
        double[] half = gradThroughScale(0.5, w);
        double[] neg = gradThroughScale(-2, w);
        for (int i = 0; i < w.length; i++) {
            assertEquals(8 * 0.5 * w[i], half[i], 1e-12);
            assertEquals(8 * -2 * w[i], neg[i], 1e-12);
        }
    }

    @Test
    void lambdaOnePassesThroughUnchanged() {
        Tensor x = Rand.f64(3, 4).requiresGrad(true);
        assertSame(x, GradScale.apply(x, 1));
        double[] w = {0.5, -1.25, 3};
        double[] one = gradThroughScale(1, w);
        for (int i = 0; i < w.length; i++) {
            assertEquals(8 * w[i], one[i], 0.0);
        }
    }

    /**
     * λ = 0: no edge, so the upstream parameter gets no gradient (null: nothing reached it) even though the
     * downstream gradient is infinite (d√y/dy at y = 0) and NaN (0·∞); with λ = 0.5 the same graph poisons it.
     */
    @Test
    void lambdaZeroIsADetachThatStopsInfAndNaN() {
        for (double lambda : new double[] {0, 0.5}) {
            Tensor w = Tensor.of(new double[] {0, 1}, 2).requiresGrad(true);
            Tensor other = Tensor.of(new double[] {1, 1}, 2).requiresGrad(true);
            Tensor y = GradScale.apply(w.mul(1.0), lambda);
            Tensor loss = org.sgae.tensor.ops.Elementwise.sqrt(y).mul(other).sum(); // d loss / d y = other / (2√y) = inf at y = 0
            Engine.backward(loss);
            if (lambda == 0) {
                assertFalse(y.requiresGrad());
                assertTrue(y.isLeaf());
                assertNull(w.grad(), "no gradient edge to w");
                assertArrayEquals(new double[] {0, 1}, other.grad().toDoubleArray(), 0.0, "the rest still trains");
            } else {
                assertTrue(Double.isInfinite(w.grad().toDoubleArray()[0]), "λ ≠ 0 lets the inf through");
            }
        }
    }

    @Test
    void noGraphWithoutGrad() {
        Tensor x = Rand.f64(5, 3);
        assertSame(x, GradScale.apply(x, 0.5));
        Tensor r = Rand.f64(6, 3).requiresGrad(true);
        try (GradMode off = GradMode.disabled()) {
            assertSame(r, GradScale.apply(r, 0.5));
        }
    }

    @Test
    void twoScalesMultiplyAndTheNodeIsNamed() {
        Tensor w = Tensor.of(new double[] {1, 2}, 2).requiresGrad(true);
        Tensor y = GradScale.apply(GradScale.apply(w, 0.5), 3);
        assertEquals("Node(grad_scale)", org.sgae.tensor.internal.TensorInternals.gradFn(y).toString());
        Engine.backward(y.sum());
        assertArrayEquals(new double[] {1.5, 1.5}, w.grad().toDoubleArray(), 1e-15);
    }

    @Test
    void nonFiniteLambdaIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GradScale.apply(Rand.f64(1, 2), Double.NaN));
        assertEquals("grad_scale: lambda must be finite, got NaN for tensor [2]", e.getMessage());
    }
}
