package org.sgae.nn.optim;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.sgae.autograd.GradMode;
import org.sgae.nn.Parameter;
import org.sgae.nn.StateDict;
import org.sgae.tensor.Tensor;
import org.sgae.tensor.memory.MemoryScope;
import org.sgae.tensor.ops.Elementwise;

/**
 * Base of the optimisers: parameter groups, the no-grad step wrapper and gradient checks. Steps update parameters in
 * place and allocate state only on a parameter's first step; parameters without a gradient are skipped.
 */
public abstract class Optimizer {
    private final List<ParamGroup> groups;
    private final List<Parameter> all;
    protected final Scratch scratch;

    protected Optimizer(List<ParamGroup> groups, int scratchSlots) {
        if (groups == null || groups.isEmpty()) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": no parameter groups");
        }
        Set<Parameter> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        List<Parameter> all = new ArrayList<>();
        for (ParamGroup g : groups) {
            for (Parameter p : g.params()) {
                if (!seen.add(p)) {
                    throw new IllegalArgumentException(getClass().getSimpleName() + ": parameter " + p
                            + " appears in more than one group");
                }
                all.add(p);
            }
        }
        this.groups = List.copyOf(groups);
        this.all = List.copyOf(all);
        this.scratch = new Scratch(scratchSlots, all);
    }

    public List<ParamGroup> groups() {
        return groups;
    }

    /** One update of every parameter that has a gradient, without recording. */
    public final void step() {
        try (GradMode off = GradMode.disabled()) {
            for (ParamGroup g : groups) {
                for (Parameter p : g.params()) {
                    Tensor grad = p.grad();
                    if (grad == null) {
                        continue;
                    }
                    if (!grad.shape().equals(p.shape()) || grad.dtype() != p.data().dtype() || !grad.isContiguous()) {
                        throw new IllegalStateException(getClass().getSimpleName() + ": gradient " + grad
                                + " does not match parameter " + p);
                    }
                    update(g, p, grad);
                }
            }
        }
    }

    /** Updates p in place from its gradient g (same shape, dtype, contiguous). */
    protected abstract void update(ParamGroup group, Parameter p, Tensor g);

    /** Drops every parameter's gradient. */
    public void zeroGrad() {
        for (ParamGroup g : groups) {
            g.params().forEach(Parameter::zeroGrad);
        }
    }

    // ------------------------------------------------------------------ checkpoints

    /**
     * Per-parameter state as "i.name" (i = the parameter's position over all groups in order, as in PyTorch's
     * optimizer state_dict), for optim.safetensors. The tensors are the live ones; parameters that have not stepped
     * yet have no entries.
     */
    public StateDict stateDict() {
        StateDict sd = new StateDict();
        for (int i = 0; i < all.size(); i++) {
            for (Map.Entry<String, Tensor> e : stateOf(all.get(i)).entrySet()) {
                sd.put(i + "." + e.getKey(), e.getValue());
            }
        }
        return sd;
    }

    /**
     * Restores state written by {@link #stateDict()} of an optimiser of the same kind over same-shaped parameters.
     * Unknown keys or mismatched shapes are an IllegalArgumentException naming the key.
     */
    public void loadStateDict(Map<String, Tensor> sd) {
        Map<Integer, Map<String, Tensor>> byParam = new LinkedHashMap<>();
        for (Map.Entry<String, Tensor> e : sd.entrySet()) {
            String k = e.getKey();
            int dot = k.indexOf('.');
            int i;
            try {
                i = Integer.parseInt(k.substring(0, Math.max(dot, 0)));
            } catch (NumberFormatException ex) {
                i = -1;
            }
            if (i < 0 || i >= all.size()) {
                throw new IllegalArgumentException(getClass().getSimpleName() + ".loadStateDict: unexpected key '" + k
                        + "' (expected <parameter index 0.." + (all.size() - 1) + ">.<name>)");
            }
            byParam.computeIfAbsent(i, x -> new LinkedHashMap<>()).put(k.substring(dot + 1), e.getValue());
        }
        try (GradMode off = GradMode.disabled()) {
            byParam.forEach((i, state) -> restore(all.get(i), i, state));
        }
    }

    /** The named state tensors of p (empty before its first step). */
    protected abstract Map<String, Tensor> stateOf(Parameter p);

    /** Replaces p's state with copies of {@code state}; {@code index} is for messages. */
    protected abstract void restore(Parameter p, int index, Map<String, Tensor> state);

    /** A copy of src shaped and typed like p, outside every scope; the message names key index.name. */
    protected static Tensor copyLike(Parameter p, int index, String name, Tensor src) {
        if (src == null) {
            throw new IllegalArgumentException("Optimizer state of parameter " + index + " lacks '" + name + "'");
        }
        if (!src.shape().equals(p.shape())) {
            throw new IllegalArgumentException("Shape mismatch in '" + index + "." + name + "': expected " + p.shape()
                    + ", found " + src.shape());
        }
        Tensor out = MemoryScope.escape(Tensor.empty(p.shape(), p.data().dtype(), p.data().device()));
        try (MemoryScope scope = MemoryScope.open()) {
            Elementwise.copyInto(src.to(p.data().device()).to(p.data().dtype()), out);
        }
        return out;
    }
}
