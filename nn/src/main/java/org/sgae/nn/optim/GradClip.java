package org.sgae.nn.optim;

import java.util.Collection;
import org.sgae.autograd.GradMode;
import org.sgae.nn.Parameter;
import org.sgae.tensor.DType;
import org.sgae.tensor.Tensor;
import org.sgae.tensor.memory.MemoryScope;
import org.sgae.tensor.ops.Reduce;

/** Gradient-norm clipping over all parameters together (PyTorch's clip_grad_norm_ with the L2 norm). */
public final class GradClip {
    private GradClip() {
    }

    /**
     * Scales every gradient by maxNorm / (‖g‖ + 1e-6) when that is below 1, where ‖g‖ is the L2 norm of all
     * gradients concatenated. Parameters without a gradient are skipped. A non-finite norm leaves the gradients
     * untouched and is returned, so the caller can skip the step. Synchronises once (reads the norm).
     *
     * @return the total norm before clipping
     */
    public static double clipGradNorm(Collection<Parameter> params, double maxNorm) {
        if (!(maxNorm > 0)) {
            throw new IllegalArgumentException("clipGradNorm: maxNorm must be > 0, got " + maxNorm);
        }
        double norm;
        try (GradMode off = GradMode.disabled(); MemoryScope scope = MemoryScope.open()) {
            Tensor total = null;
            for (Parameter p : params) {
                Tensor g = p.grad();
                if (g == null) {
                    continue;
                }
                // Per-parameter sums are accumulated in F64 so many small F32 partial sums do not lose digits.
                Tensor sq = Reduce.sumAll(g.mul(g)).to(DType.F64);
                total = total == null ? sq : total.add(sq);
            }
            norm = total == null ? 0 : Math.sqrt(total.item()); // the one synchronisation
        }
        double coef = maxNorm / (norm + 1e-6);
        if (Double.isFinite(norm) && coef < 1) {
            for (Parameter p : params) {
                Tensor g = p.grad();
                if (g != null) {
                    InPlace.scale(g, coef, g);
                }
            }
        }
        return norm;
    }
}
