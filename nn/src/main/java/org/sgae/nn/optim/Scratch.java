package org.sgae.nn.optim;

import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.sgae.nn.Parameter;
import org.sgae.tensor.DType;
import org.sgae.tensor.Device;
import org.sgae.tensor.Shape;
import org.sgae.tensor.Tensor;
import org.sgae.tensor.memory.MemoryScope;
import org.sgae.tensor.ops.Views;

/**
 * Temporary buffers for optimiser steps. One flat buffer per (device, dtype) sized for the largest parameter is
 * shared by all parameters (steps handle one parameter at a time), so temporaries cost one largest-parameter's
 * memory instead of a copy of the whole model. Each parameter gets a cached view, made on its first step.
 */
final class Scratch {
    private record Key(Device device, DType dtype) {
    }

    private final int slots;
    private final Map<Key, Tensor[]> buffers = new HashMap<>();
    private final Map<Parameter, Tensor[]> views = new IdentityHashMap<>();

    /** @param slots how many distinct temporaries a step needs */
    Scratch(int slots, List<Parameter> params) {
        this.slots = slots;
        Map<Key, Integer> largest = new HashMap<>();
        for (Parameter p : params) {
            largest.merge(new Key(p.data().device(), p.data().dtype()), p.numel(), Math::max);
        }
        largest.forEach((key, n) -> {
            Tensor[] b = new Tensor[slots];
            for (int i = 0; i < slots; i++) {
                b[i] = MemoryScope.escape(Tensor.empty(Shape.of(n), key.dtype(), key.device()));
            }
            buffers.put(key, b);
        });
    }

    /** The parameter-shaped temporaries of p (contents undefined). */
    Tensor[] of(Parameter p) {
        Tensor[] v = views.get(p);
        if (v == null) {
            Tensor[] b = buffers.get(new Key(p.data().device(), p.data().dtype()));
            if (b == null || b[0].numel() < p.numel()) {
                throw new IllegalStateException("Parameter " + p + " was not known when the optimiser was built");
            }
            v = new Tensor[slots];
            for (int i = 0; i < slots; i++) {
                v[i] = MemoryScope.escape(Views.raw(b[i], p.shape(), p.shape().contiguousStrides(), 0));
            }
            views.put(p, v);
        }
        return v;
    }
}
