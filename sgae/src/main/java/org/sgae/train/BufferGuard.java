package org.sgae.train;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import org.sgae.nn.Parameter;
import org.sgae.tensor.Tensor;
import org.sgae.tensor.memory.MemoryScope;
import org.sgae.tensor.ops.Elementwise;

/**
 * A copy of a model's buffers (the state that is not a parameter: BN running statistics), taken before each forward
 * pass so a skipped step can put them back: a train-mode forward updates them before the loss is known to be finite,
 * and a NaN batch would otherwise poison them for good. The copies are allocated once; buffers are small (a few
 * numbers per channel), so the per-step copy is negligible.
 */
final class BufferGuard {
    private final List<Tensor> live = new ArrayList<>();
    private final List<Tensor> saved = new ArrayList<>();

    BufferGuard(TrainableModel model) {
        Set<Tensor> params = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Parameter p : model.namedParameters().values()) {
            params.add(p.data());
        }
        for (Tensor t : model.stateDict().values()) {
            if (!params.contains(t)) {
                live.add(t);
                saved.add(MemoryScope.escape(Tensor.empty(t.shape(), t.dtype(), t.device())));
            }
        }
    }

    void save() {
        copy(live, saved);
    }

    void restore() {
        copy(saved, live);
    }

    private static void copy(List<Tensor> from, List<Tensor> to) {
        try (MemoryScope scope = MemoryScope.open()) {
            for (int i = 0; i < from.size(); i++) {
                Elementwise.copyInto(from.get(i), to.get(i));
            }
        }
    }
}
