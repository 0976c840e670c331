package org.sgae.autograd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.sgae.tensor.Tensor;
import org.sgae.tensor.TensorAsserts;
import org.sgae.tensor.Tolerances;
import org.sgae.tensor.memory.MemoryScope;
import org.sgae.tensor.ops.Elementwise;

class EngineTest {
    private static Tensor leaf(float... v) {
        return Tensor.of(v, v.length).requiresGrad(true);
    }

    @Test
    void gradientsAccumulateAcrossBackwardCalls() {
        Tensor x = leaf(1, 2, 3);
        Engine.backward(x.mul(x).sum());          // d/dx Σx² = 2x
        assertArrayEquals(new float[] {2, 4, 6}, x.grad().toFloatArray());
        x.mul(3).sum().backward();                // + 3, through Tensor.backward()
        assertArrayEquals(new float[] {5, 7, 9}, x.grad().toFloatArray());
    }

    @Test
    void sharedSubexpressionsSumTheirGradients() {
        Tensor x = leaf(2);
        Tensor y = x.mul(x);                      // x²
        Engine.backward(y.add(y).add(x).sum());   // 2x² + x → 4x + 1 = 9
        assertArrayEquals(new float[] {9}, x.grad().toFloatArray());
    }

    @Test
    void secondBackwardNeedsRetainGraph() {
        Tensor x = leaf(1, 2);
        Tensor loss = Elementwise.exp(x).sum();
        Engine.backward(loss, null, true);
        Engine.backward(loss, null, false);
        float e1 = (float) Math.exp(1);
        TensorAsserts.assertClose(x.grad().toFloatArray(), new float[] {2 * e1, (float) (2 * Math.exp(2))}, Tolerances.F32_TRANSCENDENTAL, "x.grad().toFloatArray()");
        IllegalStateException err = assertThrows(IllegalStateException.class, () -> Engine.backward(loss));
        assertTrue(err.getMessage().contains("retainGraph"), err.getMessage());
    }

    @Test
    void detachAndNoGradStopRecording() {
        Tensor x = leaf(1, 2);
        Tensor d = x.mul(2).detach();
        assertFalse(d.requiresGrad());
        try (GradMode off = GradMode.disabled()) {
            Tensor y = x.mul(x);
            assertFalse(y.requiresGrad());
            assertTrue(y.isLeaf(), "no node recorded");
        }
        assertTrue(GradMode.isEnabled());
        Engine.backward(x.mul(d).sum());          // d is a constant: dL/dx = d = 2x
        assertArrayEquals(new float[] {2, 4}, x.grad().toFloatArray());
    }

    @Test
    void deepGraphsDoNotOverflowTheStack() {
        Tensor x = leaf(1);
        Tensor y = x;
        for (int i = 0; i < 20_000; i++) {
            y = y.mul(1.0001);
        }
        Engine.backward(y.sum());
        TensorAsserts.assertClose(x.grad().toFloatArray()[0], Math.pow(1.0001, 20_000), Tolerances.f32Chain(20_000),
                "gradient through 20 000 products");
    }

    @Test
    void leafGradientsSurviveTheStepScope() {
        Tensor w = leaf(1, 1);
        try (MemoryScope step = MemoryScope.open()) {
            Engine.backward(w.mul(w).mul(5).sum());
        }
        assertFalse(w.grad().isClosed());
        assertArrayEquals(new float[] {10, 10}, w.grad().toFloatArray());
    }

    @Test
    void badRootsGiveClearErrors() {
        Tensor c = Tensor.ones(3);
        assertThrows(IllegalArgumentException.class, () -> Engine.backward(c.sum()));
        Tensor x = leaf(1, 2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Engine.backward(x.mul(2)));
        assertTrue(e.getMessage().contains("one-element"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Engine.backward(x.mul(2), Tensor.ones(3), false));
    }

    /** A node keeps the tensors its derivative declared it reads; of the others only shape, dtype and the edge. */
    @Test
    void aNodeKeepsOnlyTheTensorsItsDerivativeReads() {
        Tensor a = leaf(1, 2);
        Tensor b = Tensor.of(new float[] {3, 4}, 2);
        Tensor y = Tensor.of(new float[] {4, 6}, 2);
        Derivative readsB = Derivative.saving(new int[] {1}, Derivative.NONE, (n, g) -> new Tensor[] {g[0], null});
        Node node = new Node(org.sgae.tensor.ops.Op.ADD, readsB, null, new Tensor[] {a, b}, new Tensor[] {y});
        assertTrue(node.input(1) == b);
        assertEquals(a.shape(), node.inputShape(0));
        assertEquals(a.dtype(), node.inputDtype(0));
        assertTrue(node.needsGrad(0));
        assertFalse(node.needsGrad(1));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> node.input(0));
        assertTrue(e.getMessage().contains("'add' reads input 0"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> node.output(0));
    }
}
