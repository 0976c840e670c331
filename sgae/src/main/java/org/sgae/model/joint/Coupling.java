package org.sgae.model.joint;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.sgae.autograd.GradScale;
import org.sgae.model.generator.SceneGraph;
import org.sgae.model.generator.Vocabulary;
import org.sgae.tensor.Tensor;
import org.sgae.tensor.ops.Assemble;
import org.sgae.tensor.ops.Elementwise;
import org.sgae.tensor.ops.Index;
import org.sgae.tensor.ops.Reduce;
import org.sgae.train.config.BoxWeights;

/**
 * The coupling of model-spec §10: the generator's graph from a scene-graph forward.
 * <ul>
 *   <li>per image the top-M detections by output score (ties: lower index), kept in detection order;</li>
 *   <li>all kept RePN pairs among them, either direction, in RePN order; plus __image__ ({@link SceneGraph#assemble});</li>
 *   <li>(1) soft labels p = softmax(ℓ[1..]/τ) → p·E_obj, π = softmax(q[1..]/τ) → π·E_pred;</li>
 *   <li>(2) layout boxes clamp₀₁(x1/W, y1/H, x2/W, y2/H) of the class-specific box of the output label, decoded with
 *       differentiable ops from its deltas row (gradients reach the box regressor; the ROI box is a constant);</li>
 *   <li>(3) triple weights w = r_ij.</li>
 * </ul>
 * Each interface tensor passes {@link GradScale} with its path's λ (λ = 0 detaches). No gradient flows through the
 * label argmax, the top-M choice or the pair filter (§10: intended).
 */
public final class Coupling {
    /** ln(1000/16): the decode's clip of d_w, d_h (§3.3). */
    private static final double SCALE_CLIP = Math.log(1000.0 / 16);

    /** λ per path: soft labels (p and π), boxes, relatedness weights. All λ_img in training; tests vary them. */
    public record Lambdas(double labels, double boxes, double weights) {
        public static Lambdas all(double lambda) {
            return new Lambdas(lambda, lambda, lambda);
        }
    }

    private Coupling() {
    }

    /**
     * The generator's graph.
     *
     * @param vocab       the generator's embeddings
     * @param maxObjects  M
     * @param x           the scene-graph forward's interface
     * @param weights     the ROI head's box-coder weights
     * @param temperature τ
     * @param lambdas     each path's gradient scale
     */
    public static SceneGraph build(Vocabulary vocab, int maxObjects, CouplingInputs x, BoxWeights weights,
                                   double temperature, Lambdas lambdas) {
        int b = x.images();
        int c = x.objLogits().dim(1);
        List<Long> objRows = new ArrayList<>();
        List<Long> objImg = new ArrayList<>();
        List<Long> deltaRows = new ArrayList<>();
        List<float[]> refs = new ArrayList<>();
        List<float[]> scales = new ArrayList<>();
        List<Long> relRows = new ArrayList<>();
        List<Long> subj = new ArrayList<>();
        List<Long> obj = new ArrayList<>();
        for (int i = 0; i < b; i++) {
            int o0 = x.objOffsets()[i];
            int n = x.objOffsets()[i + 1] - o0;
            int[] top = topM(x.scores(), o0, n, maxObjects);
            int[] newIndex = new int[n];
            Arrays.fill(newIndex, -1);
            float w = x.sizes().get(i).width();
            float h = x.sizes().get(i).height();
            float[] roi = x.roiBoxes().get(i);
            for (int j : top) {
                newIndex[j] = objRows.size();
                objRows.add((long) (o0 + j));
                objImg.add((long) i);
                deltaRows.add((long) (o0 + j) * c + x.labels()[o0 + j]);
                refs.add(Arrays.copyOfRange(roi, 4 * j, 4 * j + 4));
                scales.add(new float[] {1 / w, 1 / h, 1 / w, 1 / h});
            }
            int[] p = x.pairs().get(i);
            int r0 = x.relOffsets()[i];
            for (int k = 0; k < p.length / 2; k++) {
                int s = newIndex[p[2 * k]];
                int o = newIndex[p[2 * k + 1]];
                if (s >= 0 && o >= 0) {
                    relRows.add((long) (r0 + k));
                    subj.add((long) s);
                    obj.add((long) o);
                }
            }
        }
        int r = objRows.size();
        int t = relRows.size();
        Tensor like = x.objLogits();
        if (r == 0) {
            // no detection in the whole batch: the generator sees only the __image__ nodes
            Tensor none = Tensor.zeros(org.sgae.tensor.Shape.of(0, vocab.objectTable().dim(1)), like.dtype(),
                    like.device());
            return SceneGraph.assemble(vocab, b, none, new long[0],
                    Tensor.zeros(org.sgae.tensor.Shape.of(0, 4), like.dtype(), like.device()),
                    Tensor.ofLongs(new long[0], 0).to(like.device()), none, new long[0], new long[0], null);
        }
        Tensor rowIdx = longs(objRows, like);
        long[] labelArr = new long[r];
        for (int k = 0; k < r; k++) {
            labelArr[k] = x.labels()[(int) (long) objRows.get(k)];
        }
        // (1) soft object labels: ℓ rows [R,C] → p [R,C−1] → p·E_obj[1..C−1] [R,D_g]
        Tensor logits = Index.indexSelect(x.objLogits(), 0, rowIdx).narrow(1, 1, c - 1);
        Tensor p = GradScale.apply(Reduce.softmax(Elementwise.mulScalar(logits, 1 / temperature), 1),
                lambdas.labels());
        Tensor vecs = vocab.softObjects(p, 1);
        // (2) boxes: the label's deltas [R,4] decoded on the ROI box, /(W,H,W,H), clamped to [0,1]
        Tensor d = Index.indexSelect(x.deltas().reshape(x.deltas().dim(0) * c, 4), 0, longs(deltaRows, like));
        Tensor boxes = decode(d, flat(refs, r, like), weights);
        boxes = Elementwise.clamp(boxes.mul(flat(scales, r, like)), 0, 1);
        boxes = GradScale.apply(boxes, lambdas.boxes());
        // (3) predicates and weights of the kept pairs
        long[] s = subj.stream().mapToLong(Long::longValue).toArray();
        long[] o = obj.stream().mapToLong(Long::longValue).toArray();
        Tensor preds;
        Tensor wts;
        if (t == 0) {
            preds = Tensor.zeros(org.sgae.tensor.Shape.of(0, vecs.dim(1)), like.dtype(), like.device());
            wts = null;
        } else {
            Tensor relIdx = longs(relRows, like);
            int pc = x.relLogits().dim(1);
            Tensor q = Index.indexSelect(x.relLogits(), 0, relIdx).narrow(1, 1, pc - 1);
            Tensor pi = GradScale.apply(Reduce.softmax(Elementwise.mulScalar(q, 1 / temperature), 1),
                    lambdas.labels());
            preds = vocab.softPredicates(pi, 1);
            wts = GradScale.apply(Index.indexSelect(x.relatedness(), 0, relIdx), lambdas.weights());
        }
        long[] img = objImg.stream().mapToLong(Long::longValue).toArray();
        return SceneGraph.assemble(vocab, b, vecs, img, boxes, Tensor.ofLongs(labelArr, r).to(like.device()), preds,
                s, o, wts);
    }

    /** The M best of rows o0..o0+n−1 by score (ties: lower index), returned in ascending index order. */
    static int[] topM(float[] scores, int o0, int n, int m) {
        Integer[] order = new Integer[n];
        for (int j = 0; j < n; j++) {
            order[j] = j;
        }
        Arrays.sort(order, (a, bb) -> {
            int cmp = Float.compare(scores[o0 + bb], scores[o0 + a]);
            return cmp != 0 ? cmp : Integer.compare(a, bb);
        });
        int k = Math.min(m, n);
        int[] out = new int[k];
        for (int j = 0; j < k; j++) {
            out[j] = order[j];
        }
        Arrays.sort(out);
        return out;
    }

    /**
     * §3.3's decode with differentiable ops (PLUS_ONE convention): deltas [R,4] (t_x, t_y, t_w, t_h), ref [R,4]
     * constant → boxes [R,4] (x1, y1, x2, y2).
     */
    static Tensor decode(Tensor deltas, Tensor ref, BoxWeights w) {
        Tensor rx1 = ref.narrow(1, 0, 1);
        Tensor ry1 = ref.narrow(1, 1, 1);
        Tensor rw = ref.narrow(1, 2, 1).sub(rx1).add(1.0);                           // [R,1]
        Tensor rh = ref.narrow(1, 3, 1).sub(ry1).add(1.0);
        Tensor cx = rx1.add(rw.mul(0.5));
        Tensor cy = ry1.add(rh.mul(0.5));
        Tensor dx = Elementwise.mulScalar(deltas.narrow(1, 0, 1), 1 / w.wx());
        Tensor dy = Elementwise.mulScalar(deltas.narrow(1, 1, 1), 1 / w.wy());
        Tensor dw = Elementwise.clamp(Elementwise.mulScalar(deltas.narrow(1, 2, 1), 1 / w.ww()),
                Double.NEGATIVE_INFINITY, SCALE_CLIP);
        Tensor dh = Elementwise.clamp(Elementwise.mulScalar(deltas.narrow(1, 3, 1), 1 / w.wh()),
                Double.NEGATIVE_INFINITY, SCALE_CLIP);
        Tensor pcx = dx.mul(rw).add(cx);
        Tensor pcy = dy.mul(rh).add(cy);
        Tensor pw = Elementwise.exp(dw).mul(rw);
        Tensor ph = Elementwise.exp(dh).mul(rh);
        Tensor x1 = pcx.sub(pw.mul(0.5));
        Tensor y1 = pcy.sub(ph.mul(0.5));
        Tensor x2 = pcx.add(pw.mul(0.5)).add(-1.0);
        Tensor y2 = pcy.add(ph.mul(0.5)).add(-1.0);
        return Assemble.cat(List.of(x1, y1, x2, y2), 1);
    }

    private static Tensor longs(List<Long> v, Tensor like) {
        return Tensor.ofLongs(v.stream().mapToLong(Long::longValue).toArray(), v.size()).to(like.device());
    }

    private static Tensor flat(List<float[]> rows, int r, Tensor like) {
        float[] out = new float[4 * r];
        for (int k = 0; k < r; k++) {
            System.arraycopy(rows.get(k), 0, out, 4 * k, 4);
        }
        return Tensor.of(out, r, 4).to(like.dtype()).to(like.device());
    }
}
