package org.sgae.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.sgae.tensor.Tensor;
import org.sgae.tensor.memory.MemoryScope;

class ModuleTest {
    /** A two-level tree: head.0 / head.1 linear layers plus a buffer at the root. */
    static final class Net extends Layer {
        final Sequential head;
        final Tensor counter;

        Net(long seed) {
            SplittableRandom r = new SplittableRandom(seed);
            head = registerModule("head",
                    new Sequential(new Linear(3, 4, r), new ReLU(), Linear.builder(4, 2).bias(false).build(r)));
            counter = registerBuffer("counter", Tensor.zeros(1));
        }

        @Override
        public Tensor forward(Tensor x) {
            return head.forward(x);
        }
    }

    /** Own parameters, then own buffers, then children depth first (PyTorch's state_dict order). */
    @Test
    void namesAreDottedAndInRegistrationOrder() {
        Net n = new Net(1);
        assertEquals(List.of("head.0.weight", "head.0.bias", "head.2.weight"), List.copyOf(n.namedParameters().keySet()));
        assertEquals(List.of("counter"), List.copyOf(n.namedBuffers().keySet()));
        assertEquals(List.of("counter", "head.0.weight", "head.0.bias", "head.2.weight"),
                List.copyOf(n.stateDict().keySet()));
        assertEquals(3 * 4 + 4 + 4 * 2, n.parameterCount());
        assertTrue(n.parameters().get(0).data().requiresGrad());
    }

    @Test
    void trainAndEvalRecurse() {
        Net n = new Net(1);
        assertTrue(n.head.get(1).isTraining());
        n.eval();
        assertFalse(n.isTraining());
        assertFalse(n.head.get(1).isTraining());
        n.train();
        assertTrue(n.head.get(2).isTraining());
    }

    @Test
    void parametersOutliveScopes() {
        Net n;
        try (MemoryScope s = MemoryScope.open()) {
            n = new Net(2);
        }
        for (Parameter p : n.parameters()) {
            assertFalse(p.data().isClosed());
        }
        assertFalse(n.counter.isClosed());
    }

    @Test
    void loadStateDictCopiesInPlace() {
        Net a = new Net(1);
        Net b = new Net(2);
        Tensor before = b.head.get(0).namedParameters().get("weight").data();
        StateDict.LoadResult r = b.loadStateDict(a.stateDict(), StateDict.Keys.STRICT);
        assertTrue(r.clean());
        assertSame(before, b.namedParameters().get("head.0.weight").data());
        for (String k : a.stateDict().keySet()) {
            assertEquals(java.util.Arrays.toString(a.stateDict().get(k).toFloatArray()),
                    java.util.Arrays.toString(b.stateDict().get(k).toFloatArray()), k);
        }
    }

    @Test
    void missingAndUnexpectedKeys() {
        Net a = new Net(1);
        StateDict sd = new StateDict(a.stateDict());
        sd.remove("head.0.bias");
        sd.put("extra", Tensor.zeros(2));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Net(2).loadStateDict(sd, StateDict.Keys.STRICT));
        assertTrue(e.getMessage().contains("[head.0.bias]") && e.getMessage().contains("[extra]"), e.getMessage());
        StateDict.LoadResult r = new Net(2).loadStateDict(sd, StateDict.Keys.LENIENT);
        assertEquals(List.of("head.0.bias"), r.missing());
        assertEquals(List.of("extra"), r.unexpected());
    }

    @Test
    void shapeMismatchNamesKeyAndShapes() {
        Net a = new Net(1);
        StateDict sd = new StateDict(a.stateDict());
        sd.put("head.0.weight", Tensor.zeros(4, 5));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> a.loadStateDict(sd, StateDict.Keys.STRICT));
        assertEquals("Shape mismatch in 'head.0.weight': expected [4, 3], found [4, 5]", e.getMessage());
    }

    @Test
    void badNamesAndDuplicatesAreRejected() {
        class Bad extends Module {
            void add(String name) {
                registerBuffer(name, Tensor.zeros(1));
            }
        }
        Bad b = new Bad();
        b.add("x");
        assertThrows(IllegalArgumentException.class, () -> b.add("x"));
        assertThrows(IllegalArgumentException.class, () -> b.add("a.b"));
        assertThrows(IllegalArgumentException.class, () -> b.add(""));
    }

    @Test
    void zeroGradDropsGradients() {
        Net n = new Net(3);
        try (MemoryScope s = MemoryScope.open()) {
            org.sgae.autograd.Engine.backward(n.forward(Tensor.ones(2, 3)).sum());
        }
        Map<String, Parameter> ps = n.namedParameters();
        assertTrue(ps.get("head.2.weight").grad() != null);
        assertFalse(ps.get("head.2.weight").grad().isClosed(), "leaf grads must outlive the step scope");
        n.zeroGrad();
        assertTrue(ps.get("head.2.weight").grad() == null);
    }
}
