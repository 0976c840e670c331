package org.sgae.model.relation;

import org.sgae.tensor.Device;
import org.sgae.tensor.Shape;
import org.sgae.tensor.Tensor;
import org.sgae.tensor.ops.Index;

/**
 * A {@link RelationGraph}'s index arrays as I64 tensors on the device, made once per forward, and the one
 * aggregation every edge type uses: out[r] = Σ_{e: receiver r} α_e · values[sender_e] (an empty neighbour set gives
 * exactly 0, since nothing is added to its zero row).
 */
final class GraphTensors {
    final RelationGraph graph;
    final Tensor subjects;  // [ΣK]
    final Tensor objects;   // [ΣK]
    final Tensor[] recv;    // per type oo, os, ob: [E_t]
    final Tensor[] send;    // [E_t]
    final Tensor[] offsets; // [S+1] CSR over the object receivers
    final EdgeSet[] edges;

    GraphTensors(RelationGraph g, Device device) {
        this.graph = g;
        this.subjects = Tensor.ofLongs(g.subjects(), g.subjects().length).to(device);
        this.objects = Tensor.ofLongs(g.objects(), g.objects().length).to(device);
        this.edges = new EdgeSet[] {g.oo(), g.os(), g.ob()};
        this.recv = new Tensor[3];
        this.send = new Tensor[3];
        this.offsets = new Tensor[3];
        for (int t = 0; t < 3; t++) {
            offsets[t] = edges[t].offsetTensor(device);
            recv[t] = edges[t].receiverTensor(device);
            send[t] = edges[t].senderTensor(device);
        }
    }

    /**
     * values [T,F] sender rows, alpha [E] (or null for 1), edge type t → [S,F] per receiver sums, or null when the
     * type has no edge in the batch (every receiver's sum is then 0 and the caller adds nothing).
     */
    Tensor aggregate(Tensor values, Tensor alpha, int t) {
        int e = edges[t].size();
        if (e == 0) {
            return null;
        }
        int f = values.dim(1);
        Tensor m = Index.indexSelect(values, 0, send[t]);                       // [E,F]
        if (alpha != null) {
            m = m.mul(alpha.reshape(e, 1));                                     // [E,F]
        }
        Tensor zeros = Tensor.zeros(Shape.of(edges[t].numReceivers(), f), values.dtype(), values.device());
        return Index.scatterAdd(zeros, 0, recv[t].reshape(e, 1).expand(e, f), m); // [S,F]
    }
}
