package org.sgae.model.relation;

import java.util.SplittableRandom;
import org.sgae.nn.Linear;
import org.sgae.nn.Module;
import org.sgae.tensor.DType;
import org.sgae.tensor.Device;
import org.sgae.tensor.Tensor;
import org.sgae.tensor.ops.Elementwise;
import org.sgae.tensor.ops.Index;

/**
 * One feature-level aGCN step (model-spec §5), synchronous (every update reads step l−1):
 * z_i^l = ReLU(z_i + Σ_{t∈oo,os,ob} Σ_j α^t_ij W^t z_j) for objects, z_k^l = ReLU(z_k + W^rs z_s(k) + W^ro z_o(k))
 * for relations. W^t: D×D Linear with bias; attention per type. Submodules {@code w_oo} … {@code w_ro},
 * {@code att_oo}, {@code att_os}, {@code att_ob}.
 */
final class FeatureStep extends Module {
    private final Linear[] w = new Linear[5]; // oo, os, ob, rs, ro
    private final EdgeAttention[] att = new EdgeAttention[3];
    static final String[] TYPES = {"oo", "os", "ob", "rs", "ro"};

    /** The updated features and the α of each attended type (oo, os, ob; null for a type without edges). */
    record Output(Tensor objects, Tensor relations, Tensor[] alpha) {
    }

    FeatureStep(int dim, int attentionDim, DType dtype, Device device, SplittableRandom rng) {
        for (int t = 0; t < 5; t++) {
            w[t] = registerModule("w_" + TYPES[t], Linears.normal(dim, dim, true, dtype, device, rng));
        }
        for (int t = 0; t < 3; t++) {
            att[t] = registerModule("att_" + TYPES[t], new EdgeAttention(dim, attentionDim, dtype, device, rng));
        }
    }

    /** objects [ΣN,D], relations [ΣK,D] (null when ΣK = 0) → the same shapes, and α per type [E_t]. */
    Output forward(Tensor objects, Tensor relations, GraphTensors g) {
        Tensor[] alpha = new Tensor[3];
        Tensor sum = objects;
        for (int t = 0; t < 3; t++) {
            if (g.edges[t].size() == 0) {
                continue; // empty neighbour sets contribute 0
            }
            Tensor senders = t == 0 ? objects : relations;
            alpha[t] = att[t].forward(objects, senders, g.edges[t], g.recv[t], g.send[t], g.offsets[t]); // [E_t]
            sum = sum.add(g.aggregate(w[t].forward(senders), alpha[t], t));                // [ΣN,D]
        }
        Tensor newObjects = Elementwise.relu(sum);
        Tensor newRelations = null;
        if (relations != null) {
            newRelations = Elementwise.relu(relations
                    .add(Index.indexSelect(w[3].forward(objects), 0, g.subjects))
                    .add(Index.indexSelect(w[4].forward(objects), 0, g.objects)));          // [ΣK,D]
        }
        return new Output(newObjects, newRelations, alpha);
    }
}
