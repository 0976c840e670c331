package org.sgae.nn.loss;

import org.sgae.tensor.DType;
import org.sgae.tensor.Tensor;
import org.sgae.tensor.attrs.BinaryOp;
import org.sgae.tensor.ops.Elementwise;

/**
 * Elementwise regression losses on d = input − target (same shapes), composed from differentiable ops so autograd
 * supplies their backward.
 */
public final class RegressionLoss {
    private RegressionLoss() {
    }

    /** |d|, reduced. input, target [any, same]. */
    public static Tensor l1(Tensor input, Tensor target, Reduction reduction) {
        LossChecks.sameShape("l1_loss", input, target);
        return reduction.apply(Elementwise.abs(input.sub(target)));
    }

    /** d², reduced. */
    public static Tensor mse(Tensor input, Tensor target, Reduction reduction) {
        LossChecks.sameShape("mse_loss", input, target);
        Tensor d = input.sub(target);
        return reduction.apply(d.mul(d));
    }

    /**
     * Huber-style smooth L1 (PyTorch's smooth_l1_loss): 0.5·d²/β where |d| &lt; β, else |d| − 0.5·β. β = 0 is plain L1.
     *
     * <p>NOTE: both branches of the where are finite everywhere, so the masked branch contributes an exact zero
     * gradient (a where over a branch that can overflow would give 0·inf = NaN).
     */
    public static Tensor smoothL1(Tensor input, Tensor target, double beta, Reduction reduction) {
        LossChecks.sameShape("smooth_l1_loss", input, target);
        if (!(beta >= 0) || Double.isInfinite(beta)) {
            throw new IllegalArgumentException("smooth_l1_loss: beta must be finite and >= 0, got " + beta);
        }
        Tensor a = Elementwise.abs(input.sub(target));
        if (beta == 0) {
            return reduction.apply(a);
        }
        Tensor quad = a.mul(a).mul(0.5 / beta);
        Tensor lin = a.add(-0.5 * beta);
        Tensor small = Elementwise.compareScalar(BinaryOp.LT, a, beta);
        return reduction.apply(Elementwise.where(small, quad, lin));
    }

    /** Convenience: promote an integer target to the input's dtype. */
    static Tensor asFloat(Tensor t, DType like) {
        return t.dtype() == like ? t : t.to(like);
    }
}
