package org.sgae.model.relation;

import org.sgae.tensor.Shape;
import org.sgae.tensor.Tensor;
import org.sgae.tensor.ops.Elementwise;
import org.sgae.tensor.ops.Index;
import org.sgae.tensor.ops.Reduce;

/**
 * α = softmax of the attention scores over each receiver's neighbours (model-spec §5), the one place this is
 * computed. Until the engine's {@code segment_softmax} op lands, it is composed of existing differentiable ops:
 * e = exp(a − m), denominators by scatter_add per receiver, α = e / denominator[receiver].
 *
 * <p>The shift m is the detached <b>global</b> max over all edges of the type (a per-receiver max would need a
 * segment max op). Softmax is shift-invariant, so this is exact as long as no receiver's own largest score lies
 * more than ~87 (F32; ~708 in F64) below m, where all of its exp() would underflow to 0 and its α would be 0/0.
 * Attention scores w_hᵀ·ReLU(…) with §5's N(0, 0.01) init stay within a few units, far inside that range.
 */
public final class NeighbourSoftmax {
    private NeighbourSoftmax() {
    }

    /**
     * scores [E] (edges sorted by receiver), receivers [E] I64 receiver index per edge, numReceivers S → α [E], with
     * Σ α = 1 over the edges of every receiver that has any.
     */
    public static Tensor apply(Tensor scores, Tensor receivers, int numReceivers) {
        int e = scores.dim(0);
        if (e == 0) {
            return scores;
        }
        Tensor m = Reduce.max(scores.detach(), 0, true);                     // [1], detached
        Tensor ex = Elementwise.exp(scores.sub(m));                         // [E]
        Tensor zeros = Tensor.zeros(Shape.of(numReceivers), scores.dtype(), scores.device());
        Tensor denom = Index.scatterAdd(zeros, 0, receivers, ex);            // [S]
        return ex.div(Index.indexSelect(denom, 0, receivers));               // [E]
    }
}
