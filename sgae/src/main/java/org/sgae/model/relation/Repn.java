package org.sgae.model.relation;

import java.util.SplittableRandom;
import org.sgae.model.detector.StageTimer;
import org.sgae.nn.Module;
import org.sgae.tensor.DType;
import org.sgae.tensor.Device;
import org.sgae.tensor.Tensor;
import org.sgae.tensor.attrs.PairScoreAttrs;
import org.sgae.tensor.ops.Detection;
import org.sgae.train.config.RelationConfig;

/**
 * The relation proposal network of model-spec §4 (GRCNN HEAD relpn v1, diagonal excluded): four MLPs
 * (Linear → ReLU → Linear, PyTorch's default Linear init as GRCNN's nn.Linear), φ_s, φ_o on the class logits and
 * π_s, π_o on the 6-d box code; S = φ_s φ_oᵀ + π_s π_oᵀ; the top K ordered pairs i ≠ j by S descending, ties by
 * the lower i·N + j, through the engine's {@code pair_scores} op. Submodules {@code phiS}, {@code phiO},
 * {@code piS}, {@code piO}.
 */
public final class Repn extends Module {
    private final Mlp phiS;
    private final Mlp phiO;
    private final Mlp piS;
    private final Mlp piO;
    private final PairScoreAttrs attrs;

    /**
     * One image's RePN outputs.
     *
     * @param scores       S [N,N] logits (diagonal included; the loss masks it)
     * @param relatedness  r_k = σ(S) of the kept pairs [K], in RePN order
     * @param pairs        kept pairs [K·2] (subject, object), local detection indices, in RePN order
     */
    public record Output(Tensor scores, Tensor relatedness, int[] pairs) {
        public int size() {
            return pairs.length / 2;
        }
    }

    public Repn(RelationConfig.Repn config, int numClasses, DType dtype, Device device, SplittableRandom rng) {
        config.validate();
        this.phiS = registerModule("phiS", new Mlp(numClasses, config.hidden(), config.out(), false, dtype, device,
                rng));
        this.phiO = registerModule("phiO", new Mlp(numClasses, config.hidden(), config.out(), false, dtype, device,
                rng));
        this.piS = registerModule("piS", new Mlp(BoxCode.SIZE, config.hidden(), config.out(), false, dtype, device,
                rng));
        this.piO = registerModule("piO", new Mlp(BoxCode.SIZE, config.hidden(), config.out(), false, dtype, device,
                rng));
        this.attrs = new PairScoreAttrs(config.topK());
    }

    /**
     * logits [N,C] (gradient flows), boxCode [N,6] (detached) → S [N,N], r [K], pairs [K·2]. The kept pairs are read
     * to the host (documented read: they build the graph's index arrays).
     */
    public Output forward(Tensor logits, Tensor boxCode) {
        long t = StageTimer.start();
        Tensor fs = phiS.forward(logits);                   // [N,h]
        Tensor fo = phiO.forward(logits);                   // [N,h]
        Tensor ps = piS.forward(boxCode);                   // [N,h]
        Tensor po = piO.forward(boxCode);                   // [N,h]
        Tensor s = fs.matmul(fo.transpose(0, 1)).add(ps.matmul(po.transpose(0, 1))); // [N,N]
        Tensor[] top = Detection.pairScores(fs, fo, ps, po, attrs); // r [K], pairs [K,2] I64
        long[] p = top[1].toLongArray();
        int[] pairs = new int[p.length];
        for (int k = 0; k < p.length; k++) {
            pairs[k] = (int) p[k];
        }
        StageTimer.stop(StageTimer.Stage.REPN, t);
        return new Output(s, top[0], pairs);
    }
}
