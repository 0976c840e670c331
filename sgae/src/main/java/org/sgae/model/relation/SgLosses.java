package org.sgae.model.relation;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sgae.model.detector.StageTimer;
import org.sgae.nn.loss.BceWithLogits;
import org.sgae.nn.loss.CrossEntropy;
import org.sgae.nn.loss.Reduction;
import org.sgae.tensor.Tensor;

/**
 * The relation-stage losses of model-spec §4 and §7, named {@code repn}, {@code obj}, {@code rel} (λ_obj = λ_rel =
 * 1; L_SG adds the detector's four):
 * <ul>
 *   <li>L_repn = mean over i ≠ j of BCE-with-logits(S_ij, T_ij) per image, averaged over the images that have a
 *       pair;</li>
 *   <li>L_obj = CE(ℓ_i, y_i), mean over the batch's detections;</li>
 *   <li>L_rel = Σ w_y·CE(q_k, y_k) / Σ w_y over the batch's kept pairs, w_0 = n_fg / (n_bg + 1e-5) and w_c = 1
 *       ({@code rel.bgReweight}; all 1 otherwise). Without a foreground pair w_0 = 0 makes it 0/0: it is then 0.</li>
 * </ul>
 * A term without any element (no pair in the batch) is 0·(its logits), so it keeps the graph, dtype and device.
 */
public final class SgLosses {
    private SgLosses() {
    }

    public static final List<String> NAMES = List.of("repn", "obj", "rel");

    public static Map<String, Tensor> compute(RelationHead.Output out, SgTargets targets, boolean bgReweight) {
        long t = StageTimer.start();
        Map<String, Tensor> losses = new LinkedHashMap<>();
        losses.put("repn", repn(out, targets));
        Tensor l = out.objLogits();
        int[] y = concat(targets.detectionLabels());
        losses.put("obj", y.length == 0 ? l.sum().mul(0)
                : CrossEntropy.loss(l, labels(y, l)));
        losses.put("rel", rel(out, targets, bgReweight));
        StageTimer.stop(StageTimer.Stage.SG_LOSSES, t);
        return losses;
    }

    private static Tensor repn(RelationHead.Output out, SgTargets targets) {
        Tensor sum = null;
        int images = 0;
        for (int i = 0; i < out.repn().size(); i++) {
            Repn.Output r = out.repn().get(i);
            if (r == null) {
                continue;
            }
            int n = r.scores().dim(0);
            float[] mask = new float[n * n];
            for (int a = 0; a < n; a++) {
                for (int b = 0; b < n; b++) {
                    mask[a * n + b] = a == b ? 0f : 1f;
                }
            }
            Tensor s = r.scores().reshape(n * n);                                    // [N·N]
            Tensor target = like(RelationTargets.repnTargets(targets.pairLabels().get(i)), s);
            Tensor l = BceWithLogits.loss(s, target, like(mask, s), null, Reduction.SUM).mul(1.0 / (n * (n - 1)));
            sum = sum == null ? l : sum.add(l);
            images++;
        }
        return sum == null ? out.objLogits().sum().mul(0) : sum.mul(1.0 / images);
    }

    private static Tensor rel(RelationHead.Output out, SgTargets targets, boolean bgReweight) {
        Tensor q = out.relLogits();
        if (q == null) {
            return out.objLogits().sum().mul(0);
        }
        int[] y = new int[q.dim(0)];
        int k = 0;
        int fg = 0;
        for (int i = 0; i < out.pairs().size(); i++) {
            int[] p = out.pairs().get(i);
            int n = targets.detectionLabels().get(i).length;
            int[] labels = targets.pairLabels().get(i);
            for (int j = 0; j < p.length / 2; j++, k++) {
                y[k] = labels[p[2 * j] * n + p[2 * j + 1]];
                fg += y[k] > 0 ? 1 : 0;
            }
        }
        if (!bgReweight) {
            return CrossEntropy.loss(q, labels(y, q));
        }
        if (fg == 0) {
            return q.sum().mul(0);
        }
        int bg = y.length - fg;
        float[] w = new float[q.dim(1)];
        java.util.Arrays.fill(w, 1f);
        w[0] = (float) (fg / (bg + 1e-5));
        return new CrossEntropy(like(w, q), CrossEntropy.DEFAULT_IGNORE_INDEX, Reduction.MEAN).apply(q, labels(y, q));
    }

    /** The labels of the kept pairs of each image, in RePN order: [K_i] per image. */
    static int[] concat(List<int[]> parts) {
        int total = 0;
        for (int[] p : parts) {
            total += p.length;
        }
        int[] out = new int[total];
        int at = 0;
        for (int[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }

    private static Tensor labels(int[] y, Tensor like) {
        long[] l = new long[y.length];
        for (int i = 0; i < y.length; i++) {
            l[i] = y[i];
        }
        return Tensor.ofLongs(l, l.length).to(like.device());
    }

    private static Tensor like(float[] v, Tensor like) {
        return Tensor.of(v, v.length).to(like.dtype()).to(like.device());
    }
}
