package org.sgae.model.relation;

import org.sgae.tensor.Tensor;
import org.sgae.tensor.ops.Reduce;

/**
 * α = softmax of the attention scores over each receiver's neighbours (model-spec §5), the one place this is
 * computed: the engine's {@code segment_softmax} over the CSR segments of an {@link EdgeSet} (edges sorted by
 * receiver), which shifts each segment by its own max, so it is exact for any score range; a receiver without
 * neighbours is an empty segment and gets no α.
 */
public final class NeighbourSoftmax {
    private NeighbourSoftmax() {
    }

    /** scores [E] (edges sorted by receiver), offsets [S+1] CSR (I32/I64) → α [E], Σ α = 1 per non-empty receiver. */
    public static Tensor apply(Tensor scores, Tensor offsets) {
        return Reduce.segmentSoftmax(scores, offsets); // [E]
    }
}
