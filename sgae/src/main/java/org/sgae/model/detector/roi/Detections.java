package org.sgae.model.detector.roi;

import org.sgae.tensor.Tensor;

/**
 * One image's detections (model-spec §3.5), best first. Selecting them carries no gradient; the three row tensors
 * are rows of the box head's outputs and do.
 *
 * @param roiIndex index of each detection's ROI in that image's ROI set
 * @param labels   class in [1, C)
 * @param scores   softmax probability of the label
 * @param boxes    [N·4] the label's decoded box (the GT box in GT-box modes), input-image pixels
 * @param logits   [N,C] class logits
 * @param fc7      [N,rep] box-head features
 * @param deltas   [N,4C] class-specific deltas
 */
public record Detections(int[] roiIndex, int[] labels, float[] scores, float[] boxes, Tensor logits, Tensor fc7,
                         Tensor deltas) {
    public int size() {
        return roiIndex.length;
    }
}
