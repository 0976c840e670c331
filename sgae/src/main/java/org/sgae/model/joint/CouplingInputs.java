package org.sgae.model.joint;

import java.util.ArrayList;
import java.util.List;

import org.sgae.model.detector.FasterRcnn;
import org.sgae.model.detector.ImageSize;
import org.sgae.model.detector.roi.Detections;
import org.sgae.model.relation.RelationHead;
import org.sgae.model.relation.Repn;
import org.sgae.tensor.DType;
import org.sgae.tensor.Tensor;
import org.sgae.tensor.ops.Assemble;
import org.sgae.tensor.ops.Reduce;
import org.sgae.train.config.RelationConfig;

/**
 * What the coupling of model-spec §10 reads from one scene-graph forward: the four interface tensors (which carry
 * gradients back into the scene-graph side) and the host facts that pick the generator's graph (no gradient).
 *
 * @param objLogits   ℓ [ΣN,C] refined object logits
 * @param relLogits   q [ΣK,P] relation logits, or null when the batch has no pair
 * @param relatedness r [ΣK] RePN relatedness of the kept pairs, or null when the batch has no pair
 * @param deltas      [ΣN,4C] class-specific box deltas of the detections
 * @param objOffsets  [B+1] first detection row of each image
 * @param relOffsets  [B+1] first pair row of each image
 * @param pairs       per image its kept pairs [K_i·2], local detection indices, RePN order
 * @param roiBoxes    per image the ROI (proposal) box of each detection [N_i·4], input pixels (detached)
 * @param sizes       per image its un-padded input size (W, H)
 * @param labels      [ΣN] output label of each detection (§6)
 * @param scores      [ΣN] output score of each detection (§6)
 */
public record CouplingInputs(Tensor objLogits, Tensor relLogits, Tensor relatedness, Tensor deltas, int[] objOffsets,
                             int[] relOffsets, List<int[]> pairs, List<float[]> roiBoxes, List<ImageSize> sizes,
                             int[] labels, float[] scores) {
    public int images() {
        return sizes.size();
    }

    /**
     * The interface of a scene-graph forward ({@code in} with its ROI boxes, {@code out}); labels and scores by
     * {@code source} (§6). Reads the object probabilities to the host (documented: the top-M choice has no gradient).
     */
    public static CouplingInputs of(FasterRcnn.RelationInputs in, RelationHead.Output out,
                                    RelationConfig.ObjSource source) {
        if (in.roiBoxes() == null) {
            throw new IllegalArgumentException("coupling: the detections carry no ROI boxes (GT-box mode?); the"
                    + " generator's layout boxes decode from them");
        }
        List<Detections> dets = in.detections();
        int b = dets.size();
        int[] objOff = out.graph().objectOffsets();
        int[] relOff = out.graph().relationOffsets();
        int c = out.objLogits().dim(1);
        float[] prob = Reduce.softmax(out.objLogits().detach(), 1).to(DType.F32).toFloatArray();  // [ΣN·C] read
        int[] labels = new int[objOff[b]];
        float[] scores = new float[objOff[b]];
        List<Tensor> deltas = new ArrayList<>();
        List<Tensor> related = new ArrayList<>();
        for (int i = 0; i < b; i++) {
            Detections d = dets.get(i);
            for (int j = 0; j < d.size(); j++) {
                int row = objOff[i] + j;
                if (source == RelationConfig.ObjSource.DETECTOR) {
                    labels[row] = d.labels()[j];
                    scores[row] = d.scores()[j];
                } else {
                    int best = 1;
                    for (int k = 2; k < c; k++) {
                        if (prob[row * c + k] > prob[row * c + best]) {
                            best = k;
                        }
                    }
                    labels[row] = best;
                    scores[row] = prob[row * c + best];
                }
            }
            if (d.size() > 0) {
                deltas.add(d.deltas());
            }
            Repn.Output r = out.repn().get(i);
            if (r != null && r.size() > 0) {
                related.add(r.relatedness());
            }
        }
        Tensor allDeltas = deltas.isEmpty() ? null : deltas.size() == 1 ? deltas.get(0) : Assemble.cat(deltas, 0);
        Tensor rel = related.isEmpty() ? null : related.size() == 1 ? related.get(0) : Assemble.cat(related, 0);
        return new CouplingInputs(out.objLogits(), out.relLogits(), rel, allDeltas, objOff, relOff, out.pairs(),
                in.roiBoxes(), in.sizes(), labels, scores);
    }
}
