package org.sgae.model.relation;

import java.util.List;
import java.util.SplittableRandom;
import org.sgae.model.detector.StageTimer;
import org.sgae.nn.Module;
import org.sgae.tensor.DType;
import org.sgae.tensor.Device;
import org.sgae.tensor.Tensor;
import org.sgae.tensor.attrs.RoiAlignAttrs;
import org.sgae.tensor.ops.Detection;
import org.sgae.train.config.RelationConfig;

/**
 * Relation ("subgraph") node features of model-spec §5: the union box of subject and object (detached) → ROI Align
 * on the backbone features (P×P, scale 1/stride, sampling ratio 2, aligned = false as the box head) → flatten →
 * Linear(C·P·P → D) + ReLU → Linear(D → D) + ReLU, §5's N(0, 0.01) init. Submodule {@code mlp}.
 */
public final class UnionFeatures extends Module {
    private final Mlp mlp;
    private final RoiAlignAttrs align;
    private final int flat;

    public UnionFeatures(RelationConfig.Features config, int channels, int stride, DType dtype, Device device,
                         SplittableRandom rng) {
        int p = config.unionPool();
        this.flat = channels * p * p;
        this.align = RoiAlignAttrs.of(p, 1.0 / stride, config.samplingRatio(), false);
        this.mlp = registerModule("mlp", new Mlp(flat, config.dim(), config.dim(), true, dtype, device, rng)
                .normalInit(Linears.STD, rng));
    }

    /**
     * The union boxes as ROIs: per image its detection boxes [N_i·4] and kept pairs [K_i·2] → [ΣK·5] (image index,
     * min x1, min y1, max x2, max y2).
     */
    public static float[] unionRois(List<float[]> boxes, List<int[]> pairs) {
        int total = 0;
        for (int[] p : pairs) {
            total += p.length / 2;
        }
        float[] rois = new float[5 * total];
        int r = 0;
        for (int i = 0; i < pairs.size(); i++) {
            float[] b = boxes.get(i);
            int[] p = pairs.get(i);
            for (int k = 0; k < p.length / 2; k++, r++) {
                int s = 4 * p[2 * k];
                int o = 4 * p[2 * k + 1];
                rois[5 * r] = i;
                rois[5 * r + 1] = Math.min(b[s], b[o]);
                rois[5 * r + 2] = Math.min(b[s + 1], b[o + 1]);
                rois[5 * r + 3] = Math.max(b[s + 2], b[o + 2]);
                rois[5 * r + 4] = Math.max(b[s + 3], b[o + 3]);
            }
        }
        return rois;
    }

    /** features [B,C,h,w], rois [ΣK·5] host (ΣK ≥ 1) → z_rel⁰ [ΣK,D]. */
    public Tensor forward(Tensor features, float[] rois) {
        long t = StageTimer.start();
        int k = rois.length / 5;
        Tensor r = Tensor.of(rois, k, 5).to(features.dtype()).to(features.device());
        Tensor pooled = Detection.roiAlign(features, r, align);             // [ΣK,C,P,P]
        Tensor z = mlp.forward(pooled.reshape(k, flat));                    // [ΣK,D]
        StageTimer.stop(StageTimer.Stage.UNION_FEATURES, t);
        return z;
    }
}
