package org.sgae.nn.optim;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import org.sgae.autograd.GradMode;
import org.sgae.nn.Parameter;
import org.sgae.tensor.Tensor;

/**
 * Base of the optimisers: parameter groups, the no-grad step wrapper and gradient checks. Steps update parameters in
 * place and allocate state only on a parameter's first step; parameters without a gradient are skipped.
 */
public abstract class Optimizer {
    private final List<ParamGroup> groups;
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
}
