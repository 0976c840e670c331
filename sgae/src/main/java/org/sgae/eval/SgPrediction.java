package org.sgae.eval;

/**
 * One image's scene-graph prediction (eval-spec §5): objects and scored ordered pairs, boxes in original pixels.
 *
 * @param boxes     [N·4] (x1, y1, x2, y2) float32
 * @param labels    [N] object classes 1..numObjClasses−1
 * @param scores    [N] object scores, float32
 * @param relPairs  [M·2] (subject, object) indices into boxes, subject ≠ object
 * @param relScores [M·numRelClasses] float32, column 0 the background; rows need not sum to 1
 */
public record SgPrediction(float[] boxes, int[] labels, float[] scores, int[] relPairs, float[] relScores) {
    public int numObjects() {
        return labels.length;
    }

    public int numPairs() {
        return relPairs.length / 2;
    }

    /** Throws one IllegalArgumentException naming the first bad field; {@code where} prefixes it (e.g. "image 3"). */
    public void validate(String where, int numObjClasses, int numRelClasses) {
        if (boxes == null || labels == null || scores == null || relPairs == null || relScores == null) {
            throw new IllegalArgumentException(where + ": a prediction field is missing (boxes, labels, scores,"
                    + " relPairs and relScores are all required)");
        }
        int n = labels.length;
        Checks.boxes(where, "boxes", boxes, n);
        Checks.labels(where, "labels", labels, numObjClasses);
        if (scores.length != n) {
            throw new IllegalArgumentException(where + ": scores has " + scores.length + " entries for " + n
                    + " objects");
        }
        Checks.finite(where, "scores", scores);
        if (relPairs.length % 2 != 0) {
            throw new IllegalArgumentException(where + ": relPairs length " + relPairs.length
                    + " is not a multiple of 2");
        }
        int m = relPairs.length / 2;
        for (int k = 0; k < m; k++) {
            int s = relPairs[2 * k];
            int o = relPairs[2 * k + 1];
            if (s < 0 || s >= n || o < 0 || o >= n) {
                throw new IllegalArgumentException(where + ": relPairs row " + k + " = [" + s + ", " + o
                        + "] indexes an object outside 0.." + (n - 1));
            }
            if (s == o) {
                throw new IllegalArgumentException(where + ": relPairs row " + k + " = [" + s + ", " + o
                        + "] pairs an object with itself");
            }
        }
        if (relScores.length != m * numRelClasses) {
            throw new IllegalArgumentException(where + ": relScores has " + relScores.length + " values, expected "
                    + m + " pairs x " + numRelClasses + " relation classes");
        }
        Checks.finite(where, "relScores", relScores);
    }
}
