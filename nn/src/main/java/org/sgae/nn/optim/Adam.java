package org.sgae.nn.optim;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.sgae.nn.Parameter;
import org.sgae.tensor.Tensor;
import org.sgae.tensor.attrs.BinaryOp;
import org.sgae.tensor.memory.MemoryScope;

/**
 * Adam and AdamW, PyTorch's formulas. With step t counted per parameter from 1:
 * <pre>
 * g = g + wd·p                 (Adam: L2 decay folded into the gradient)
 * p = p·(1 − lr·wd)            (AdamW instead: decoupled decay, before the update)
 * m = β1·m + (1 − β1)·g
 * v = β2·v + (1 − β2)·g²
 * p = p − (lr / (1 − β1^t)) · m / (√v / √(1 − β2^t) + eps)
 * </pre>
 * State per parameter: m, v (allocated on its first step) and t.
 */
public final class Adam extends Optimizer {
    private final double beta1;
    private final double beta2;
    private final double eps;
    private final WeightDecay decay;
    private final Map<Parameter, State> state = new IdentityHashMap<>();

    private static final class State {
        final Tensor m;
        final Tensor v;
        long t;

        State(Tensor m, Tensor v) {
            this.m = m;
            this.v = v;
        }
    }

    /** How the groups' weight decay enters the update. */
    public enum WeightDecay {
        /** Adam: L2 decay folded into the gradient, so the moments see it. */
        L2,
        /** AdamW: decay applied to the weights before the update, outside the moments. */
        DECOUPLED
    }

    public Adam(List<ParamGroup> groups, double beta1, double beta2, double eps, WeightDecay decay) {
        super(groups, 2);
        if (!(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1)) {
            throw new IllegalArgumentException("Adam: betas must be in [0, 1), got " + beta1 + ", " + beta2);
        }
        if (!(eps >= 0)) {
            throw new IllegalArgumentException("Adam: eps must be >= 0, got " + eps);
        }
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
        this.decay = decay;
    }

    /** One group, β = (0.9, 0.999), eps = 1e-8, L2-style decay. */
    public static Adam of(List<Parameter> params, double lr, double weightDecay) {
        return new Adam(List.of(new ParamGroup(params, lr, weightDecay)), 0.9, 0.999, 1e-8, WeightDecay.L2);
    }

    @Override
    protected void update(ParamGroup group, Parameter p, Tensor g) {
        Tensor w = p.data();
        Tensor[] s = scratch.of(p);
        State st = state.computeIfAbsent(p, k -> new State(zerosLike(w), zerosLike(w)));
        st.t++;
        double lr = group.lr();
        double wd = group.weightDecay();
        Tensor grad = g;
        if (wd != 0 && decay == WeightDecay.DECOUPLED) {
            InPlace.scale(w, 1 - lr * wd, w);
        } else if (wd != 0) {
            InPlace.scale(w, wd, s[0]);
            InPlace.binary(BinaryOp.ADD, s[0], g, s[0]);
            grad = s[0];
        }
        InPlace.scale(st.m, beta1, st.m);
        InPlace.scale(grad, 1 - beta1, s[1]);
        InPlace.binary(BinaryOp.ADD, st.m, s[1], st.m);
        InPlace.scale(st.v, beta2, st.v);
        InPlace.binary(BinaryOp.MUL, grad, grad, s[1]);
        InPlace.scale(s[1], 1 - beta2, s[1]);
        InPlace.binary(BinaryOp.ADD, st.v, s[1], st.v);
        double bc1 = 1 - Math.pow(beta1, st.t);
        double bc2 = 1 - Math.pow(beta2, st.t);
        // s0 = √v / √bc2 + eps (grad in s0 is no longer needed); s1 = −(lr / bc1) · m / s0
        InPlace.sqrt(st.v, s[0]);
        InPlace.scale(s[0], 1 / Math.sqrt(bc2), s[0]);
        InPlace.addScalar(s[0], eps, s[0]);
        InPlace.binary(BinaryOp.DIV, st.m, s[0], s[1]);
        InPlace.scale(s[1], -lr / bc1, s[1]);
        InPlace.binary(BinaryOp.ADD, w, s[1], w);
    }

    private static Tensor zerosLike(Tensor w) {
        return MemoryScope.escape(Tensor.zeros(w.shape(), w.dtype(), w.device()));
    }

    @Override
    protected Map<String, Tensor> stateOf(Parameter p) {
        State s = state.get(p);
        if (s == null) {
            return Map.of();
        }
        Map<String, Tensor> out = new java.util.LinkedHashMap<>();
        out.put("exp_avg", s.m);
        out.put("exp_avg_sq", s.v);
        out.put("step", Tensor.ofLongs(new long[] {s.t})); // a snapshot, in the caller's scope
        return out;
    }

    @Override
    protected void restore(Parameter p, int index, Map<String, Tensor> s) {
        if (!s.keySet().equals(java.util.Set.of("exp_avg", "exp_avg_sq", "step")) || s.get("step").numel() != 1) {
            throw new IllegalArgumentException("Adam state of parameter " + index
                    + " must be {exp_avg, exp_avg_sq, step (one element)}, got " + s.keySet());
        }
        State st = new State(copyLike(p, index, "exp_avg", s.get("exp_avg")),
                copyLike(p, index, "exp_avg_sq", s.get("exp_avg_sq")));
        st.t = (long) s.get("step").item();
        State old = state.put(p, st);
        if (old != null) {
            old.m.close();
            old.v.close();
        }
    }

    /** First moment of p, or null before its first step. */
    public Tensor firstMoment(Parameter p) {
        State s = state.get(p);
        return s == null ? null : s.m;
    }

    /** Second moment of p, or null before its first step. */
    public Tensor secondMoment(Parameter p) {
        State s = state.get(p);
        return s == null ? null : s.v;
    }

    /** Steps taken for p. */
    public long steps(Parameter p) {
        State s = state.get(p);
        return s == null ? 0 : s.t;
    }
}
