package org.sgae.model.relation;

/**
 * One image's scene graph (model-spec §6), plain arrays in input pixels.
 *
 * @param boxes       [N·4] SGGEN: the detections' boxes; SGCLS/PREDCLS: the GT boxes in GT order
 * @param labels      [N] in [1, C): REFINED 1 + argmax_{c≥1} softmax(ℓ), DETECTOR the post-processing label;
 *                    PREDCLS the GT labels
 * @param scores      [N] the label's probability (PREDCLS: 1)
 * @param relPairs    [K·2] (subject, object) detection indices, RePN order
 * @param relScores   [K·C_pred] softmax(q_k) row-major, column 0 = background (× r_k when repn.scoreInTriplet)
 * @param numPredicates C_pred
 */
public record SceneGraphPrediction(float[] boxes, int[] labels, float[] scores, int[] relPairs, float[] relScores,
                                   int numPredicates) {
    public int numObjects() {
        return labels.length;
    }

    public int numPairs() {
        return relPairs.length / 2;
    }

    /**
     * The evaluator's form (eval-spec §4–5): the same arrays, boxes rescaled from the input frame (inputWidth ×
     * inputHeight, before padding) to the original width × height.
     */
    public org.sgae.eval.SgPrediction toEval(int inputWidth, int inputHeight, int width, int height) {
        return new org.sgae.eval.SgPrediction(org.sgae.eval.SgBoxes.toOriginal(boxes, inputWidth, inputHeight, width,
                height), labels, scores, relPairs, relScores);
    }
}
