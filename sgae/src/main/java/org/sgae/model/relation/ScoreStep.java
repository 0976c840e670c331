package org.sgae.model.relation;

import java.util.SplittableRandom;
import org.sgae.nn.Linear;
import org.sgae.nn.Module;
import org.sgae.tensor.DType;
import org.sgae.tensor.Device;
import org.sgae.tensor.Tensor;
import org.sgae.tensor.ops.Index;

/**
 * One score-level aGCN step (model-spec §5, identity at score level, ours): ℓ_i ← ℓ_i + Σ_t Σ_j α^t_ij V^t x_j with
 * x = ℓ for oo and q for os/ob; q_k ← q_k + V^rs ℓ_s(k) + V^ro ℓ_o(k). V: oo C→C, os/ob P→C, rs/ro C→P, Linear with
 * bias. Submodules {@code v_oo} … {@code v_ro}.
 */
final class ScoreStep extends Module {
    private final Linear[] v = new Linear[5];

    record Output(Tensor objects, Tensor relations) {
    }

    ScoreStep(int numClasses, int numPredicates, DType dtype, Device device, SplittableRandom rng) {
        int[] in = {numClasses, numPredicates, numPredicates, numClasses, numClasses};
        int[] out = {numClasses, numClasses, numClasses, numPredicates, numPredicates};
        for (int t = 0; t < 5; t++) {
            v[t] = registerModule("v_" + FeatureStep.TYPES[t], Linears.normal(in[t], out[t], true, dtype, device,
                    rng));
        }
    }

    /** ℓ [ΣN,C], q [ΣK,P] (null when ΣK = 0), α of the last feature step → updated ℓ, q (same shapes). */
    Output forward(Tensor objLogits, Tensor relLogits, Tensor[] alpha, GraphTensors g) {
        Tensor l = objLogits;
        for (int t = 0; t < 3; t++) {
            if (alpha[t] == null) {
                continue;
            }
            Tensor senders = t == 0 ? objLogits : relLogits;
            l = l.add(g.aggregate(v[t].forward(senders), alpha[t], t));              // [ΣN,C]
        }
        Tensor q = null;
        if (relLogits != null) {
            q = relLogits.add(Index.indexSelect(v[3].forward(objLogits), 0, g.subjects))
                    .add(Index.indexSelect(v[4].forward(objLogits), 0, g.objects));   // [ΣK,P]
        }
        return new Output(l, q);
    }
}
