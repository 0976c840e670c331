package org.sgae.model.generator;

import java.util.SplittableRandom;

import org.sgae.nn.Module;
import org.sgae.nn.Sequential;
import org.sgae.tensor.DType;
import org.sgae.tensor.Device;
import org.sgae.tensor.Shape;
import org.sgae.tensor.Tensor;
import org.sgae.tensor.ops.Assemble;
import org.sgae.tensor.ops.Elementwise;
import org.sgae.tensor.ops.Index;

import java.util.List;

/**
 * One GraphTripleConv layer of model-spec §8 (sg2im), with weighted average pooling:
 * net1 = Linear(3D→H) → ReLU → Linear(H→2H+D) → ReLU maps [v_s; v_p; v_o] to (s′, p′, o′);
 * pooled_i = (Σ_{s(t)=i} w_t s′_t + Σ_{o(t)=i} w_t o′_t) / max(Σ w over those t, 1);
 * net2 = Linear(H→H) → ReLU → Linear(H→D) → ReLU; new objects = net2(pooled), new predicates = p′.
 * With all w = 1 this is sg2im's 'avg' pooling. The pooling is batched: node indices are global across the batch and
 * the sums are scatter-adds, so there is no loop over edges.
 */
public final class GraphTripleConv extends Module {
    private final Sequential net1;
    private final Sequential net2;
    private final int dim;
    private final int hidden;

    public GraphTripleConv(int dim, int hidden, DType dtype, Device device, SplittableRandom rng) {
        this.dim = dim;
        this.hidden = hidden;
        this.net1 = registerModule("net1", Mlps.mlp(new int[] {3 * dim, hidden, 2 * hidden + dim}, true, dtype,
                device, rng));
        this.net2 = registerModule("net2", Mlps.mlp(new int[] {hidden, hidden, dim}, true, dtype, device, rng));
    }

    /** New object and predicate vectors. */
    public record Out(Tensor objects, Tensor predicates) {
    }

    /**
     * objs [O,D], preds [T,D], subj/obj [T] I64 node indices, weights [T] → objects [O,D], predicates [T,D].
     */
    public Out forward(Tensor objs, Tensor preds, Tensor subj, Tensor obj, Tensor weights) {
        int o = objs.dim(0);
        int t = preds.dim(0);
        if (objs.rank() != 2 || objs.dim(1) != dim || preds.rank() != 2 || preds.dim(1) != dim
                || subj.numel() != t || obj.numel() != t || weights.numel() != t) {
            throw new IllegalArgumentException("GraphTripleConv(D=" + dim + "): objects " + objs.shape()
                    + ", predicates " + preds.shape() + ", subjects " + subj.shape() + ", objects " + obj.shape()
                    + ", weights " + weights.shape() + " do not fit");
        }
        Tensor triples = Assemble.cat(List.of(Index.indexSelect(objs, 0, subj), preds,
                Index.indexSelect(objs, 0, obj)), 1);                                   // [T, 3D]
        Tensor h = net1.forward(triples);                                               // [T, 2H+D]
        Tensor w = weights.reshape(t, 1);                                               // [T, 1]
        Tensor sOut = h.narrow(1, 0, hidden).mul(w);                                    // [T, H]
        Tensor pOut = h.narrow(1, hidden, dim);                                         // [T, D]
        Tensor oOut = h.narrow(1, hidden + dim, hidden).mul(w);                         // [T, H]
        Tensor zeros = Tensor.zeros(Shape.of(o, hidden), objs.dtype(), objs.device());
        Tensor sIdx = subj.reshape(t, 1).expand(t, hidden).contiguous();               // [T, H]
        Tensor oIdx = obj.reshape(t, 1).expand(t, hidden).contiguous();
        Tensor pooled = Index.scatterAdd(Index.scatterAdd(zeros, 0, sIdx, sOut), 0, oIdx, oOut);  // [O, H]
        Tensor zero1 = Tensor.zeros(Shape.of(o), objs.dtype(), objs.device());
        Tensor wFlat = weights.reshape(t);
        Tensor counts = Index.scatterAdd(Index.scatterAdd(zero1, 0, subj, wFlat), 0, obj, wFlat);  // [O]
        // max(Σw, 1): nodes with total weight below 1 (or no triple) are not scaled up.
        Tensor denom = Elementwise.clamp(counts, 1.0, Double.MAX_VALUE).reshape(o, 1);
        Tensor newObjs = net2.forward(pooled.div(denom));                              // [O, D]
        return new Out(newObjs, pOut);
    }
}
