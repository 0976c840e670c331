package org.sgae.model.relation;

import java.util.List;
import java.util.SplittableRandom;
import org.sgae.nn.Linear;
import org.sgae.nn.Module;
import org.sgae.tensor.DType;
import org.sgae.tensor.Device;
import org.sgae.tensor.Tensor;
import org.sgae.tensor.ops.Assemble;
import org.sgae.tensor.ops.Elementwise;
import org.sgae.tensor.ops.Index;

/**
 * Attention of one edge type (model-spec §5): a_ij = w_hᵀ·ReLU(W_a·[z_i ; z_j] + b_a) with W_a: 2D → A (with
 * bias) and w_h: A → 1 (no bias), then α = {@link NeighbourSoftmax} over each receiver's neighbours. Submodules
 * {@code wa}, {@code wh}.
 */
public final class EdgeAttention extends Module {
    private final Linear wa;
    private final Linear wh;

    public EdgeAttention(int dim, int attentionDim, DType dtype, Device device, SplittableRandom rng) {
        this.wa = registerModule("wa", Linears.normal(2 * dim, attentionDim, true, dtype, device, rng));
        this.wh = registerModule("wh", Linears.normal(attentionDim, 1, false, dtype, device, rng));
    }

    /**
     * receivers [S,D] and senders [T,D] node features, edges (with their index tensors recv, send [E] and CSR
     * offsets [S+1]) → α [E].
     */
    public Tensor forward(Tensor receivers, Tensor senders, EdgeSet edges, Tensor recv, Tensor send,
                          Tensor offsets) {
        Tensor pair = Assemble.cat(List.of(Index.indexSelect(receivers, 0, recv),
                Index.indexSelect(senders, 0, send)), 1);                      // [E,2D]
        Tensor a = wh.forward(Elementwise.relu(wa.forward(pair)));            // [E,1]
        return NeighbourSoftmax.apply(a.reshape(edges.size()), offsets); // [E]
    }
}
