package org.sgae.nn.optim;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.sgae.nn.Parameter;
import org.sgae.tensor.Tensor;
import org.sgae.tensor.attrs.BinaryOp;
import org.sgae.tensor.memory.MemoryScope;

/**
 * Stochastic gradient descent, PyTorch's torch.optim.SGD:
 * <pre>
 * d = g + wd·p
 * b = d                      (first step)
 * b = μ·b + (1 − dampening)·d (later steps)
 * d = d + μ·b (Nesterov) or d = b (momentum μ &gt; 0)
 * p = p − lr·d
 * </pre>
 * The momentum buffer is the only state, allocated on a parameter's first step.
 */
public final class Sgd extends Optimizer {
    private final double momentum;
    private final double dampening;
    private final Momentum kind;
    private final Map<Parameter, Tensor> buffers = new IdentityHashMap<>();

    /** Which momentum update runs (both need momentum &gt; 0 to differ from plain SGD). */
    public enum Momentum {
        /** d = b */
        STANDARD,
        /** d = d + μ·b; needs momentum &gt; 0 and zero dampening */
        NESTEROV
    }

    public Sgd(List<ParamGroup> groups, double momentum, double dampening, Momentum kind) {
        super(groups, 2);
        if (!(momentum >= 0) || Double.isInfinite(momentum) || !(dampening >= 0 && dampening <= 1)) {
            throw new IllegalArgumentException("Sgd: momentum must be finite and >= 0, dampening in [0, 1]; got "
                    + momentum + ", " + dampening);
        }
        if (kind == Momentum.NESTEROV && (momentum == 0 || dampening != 0)) {
            throw new IllegalArgumentException("Sgd: Nesterov needs momentum > 0 and zero dampening, got momentum "
                    + momentum + ", dampening " + dampening);
        }
        this.momentum = momentum;
        this.dampening = dampening;
        this.kind = kind;
    }

    /** One group: all parameters with one lr and weight decay. */
    public static Sgd of(List<Parameter> params, double lr, double momentum, double weightDecay, Momentum kind) {
        return new Sgd(List.of(new ParamGroup(params, lr, weightDecay)), momentum, 0, kind);
    }

    @Override
    protected void update(ParamGroup group, Parameter p, Tensor g) {
        Tensor w = p.data();
        Tensor[] s = scratch.of(p);
        Tensor d = g;
        if (group.weightDecay() != 0) {
            InPlace.scale(w, group.weightDecay(), s[0]);
            InPlace.binary(BinaryOp.ADD, s[0], g, s[0]);
            d = s[0];
        }
        if (momentum != 0) {
            Tensor buf = buffers.get(p);
            if (buf == null) {
                buf = MemoryScope.escape(Tensor.empty(w.shape(), w.dtype(), w.device()));
                InPlace.copy(d, buf);
                buffers.put(p, buf);
            } else {
                InPlace.scale(buf, momentum, buf);
                InPlace.scale(d, 1 - dampening, s[1]);
                InPlace.binary(BinaryOp.ADD, buf, s[1], buf);
            }
            if (kind == Momentum.NESTEROV) {
                InPlace.scale(buf, momentum, s[1]);
                InPlace.binary(BinaryOp.ADD, s[1], d, s[1]);
                d = s[1];
            } else {
                d = buf;
            }
        }
        InPlace.scale(d, -group.lr(), s[1]);
        InPlace.binary(BinaryOp.ADD, w, s[1], w);
    }

    @Override
    protected Map<String, Tensor> stateOf(Parameter p) {
        Tensor b = buffers.get(p);
        return b == null ? Map.of() : Map.of("momentum_buffer", b);
    }

    @Override
    protected void restore(Parameter p, int index, Map<String, Tensor> s) {
        if (!s.keySet().equals(java.util.Set.of("momentum_buffer"))) {
            throw new IllegalArgumentException("Sgd state of parameter " + index + " must be {momentum_buffer}, got "
                    + s.keySet());
        }
        Tensor old = buffers.put(p, copyLike(p, index, "momentum_buffer", s.get("momentum_buffer")));
        if (old != null) {
            old.close();
        }
    }

    /** The momentum buffer of p, or null before its first step (or without momentum). */
    public Tensor momentumBuffer(Parameter p) {
        return buffers.get(p);
    }
}
