package org.sgae.report;

/**
 * Boxes to draw on an image: {@code boxes[4 i .. 4 i + 3]} = (x1, y1, x2, y2) of box i in the image's pixels
 * (inclusive extents, the "+1" convention of eval-spec.md §3), with a label and a score each (score NaN: none
 * printed). Box i is drawn with the tag "i:label", the same tag its node has in the predicted graph.
 */
public record BoxSet(float[] boxes, String[] labels, float[] scores) {
    public BoxSet {
        if (boxes == null || labels == null || boxes.length != 4 * labels.length
                || (scores != null && scores.length != labels.length)) {
            throw new IllegalArgumentException("BoxSet needs 4 coordinates, a label and (optionally) a score per box: "
                    + (boxes == null ? "no" : boxes.length) + " coordinates, "
                    + (labels == null ? "no" : labels.length) + " labels, "
                    + (scores == null ? "no" : scores.length) + " scores");
        }
    }

    public int size() {
        return labels.length;
    }

    /** The score of box i, NaN when there are none. */
    public double score(int i) {
        return scores == null ? Double.NaN : scores[i];
    }
}
