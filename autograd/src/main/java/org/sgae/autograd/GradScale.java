package org.sgae.autograd;

import org.sgae.tensor.Tensor;
import org.sgae.tensor.internal.TensorInternals;
import org.sgae.tensor.ops.Dispatch;
import org.sgae.tensor.ops.Elementwise;

/**
 * The gradient-scale node of model-spec §10: identity forward, backward multiplies the incoming gradient by λ. It
 * sits on the interface tensors between the scene-graph side and the generator (p, π, boxes, r), so that λ_img
 * scales only what reaches the scene-graph parameters.
 *
 * <ul>
 *   <li>λ = 0 is a <b>detach</b>: the result has no graph edge at all, so nothing (not even 0·∞ = NaN from an
 *       infinite downstream gradient) reaches x's producers; their gradients stay as they were (null if none
 *       other arrives). This is the ablation of §10.</li>
 *   <li>λ = 1 returns x itself: the graph is unchanged.</li>
 *   <li>otherwise the result is a view of x (same storage, same values, no copy) recorded as one autograd node
 *       whose rule is g ↦ λ·g (any finite λ; a negative one reverses the gradient).</li>
 * </ul>
 * Without grad mode, or when x needs no gradient, x is returned as it is.
 *
 * <p>Why it is not a catalog op ({@code org.sgae.tensor.ops.Op}) with kernels: its forward moves no data (a view)
 * and its backward is one MUL_SCALAR, which has its own reference, kernels, parity tests and benchmark; there is
 * no arithmetic of its own to implement per backend. So it is an autograd-only {@link Node} (op null, name
 * "grad_scale"), the one such node in the engine, and the op map does not list it.
 */
public final class GradScale {
    static final String NAME = "grad_scale";

    private GradScale() {
    }

    /** x (any shape) → the same values; backward × lambda; lambda = 0 detaches. */
    public static Tensor apply(Tensor x, double lambda) {
        if (!Double.isFinite(lambda)) {
            throw new IllegalArgumentException("grad_scale: lambda must be finite, got " + lambda + " for tensor "
                    + x.shape());
        }
        if (lambda == 0) {
            return x.detach();
        }
        if (lambda == 1 || !x.requiresGrad() || !Dispatch.gradEnabled()) {
            return x;
        }
        Tensor y = x.detach();
        Derivative rule = Derivative.savingNothing((n, g) -> new Tensor[] {Elementwise.mulScalar(g[0], lambda)});
        Node node = new Node(null, NAME, rule, lambda, new Tensor[] {x}, new Tensor[] {y});
        y.requiresGrad(true);
        TensorInternals.setGradFn(y, node);
        return y;
    }
}
