package org.sgae.eval;

/** Field checks shared by {@link SgGt} and {@link SgPrediction}: one message naming the image and the field. */
final class Checks {
    private Checks() {
    }

    /** boxes [n·4], finite, x2 ≥ x1 and y2 ≥ y1 (eval-spec §3: anything else makes the dump invalid). */
    static void boxes(String where, String field, float[] boxes, int n) {
        if (boxes.length != 4 * n) {
            throw new IllegalArgumentException(where + ": " + field + " has " + boxes.length + " values, expected "
                    + n + " objects x 4");
        }
        for (int k = 0; k < n; k++) {
            float x1 = boxes[4 * k];
            float y1 = boxes[4 * k + 1];
            float x2 = boxes[4 * k + 2];
            float y2 = boxes[4 * k + 3];
            if (!(Float.isFinite(x1) && Float.isFinite(y1) && Float.isFinite(x2) && Float.isFinite(y2))) {
                throw new IllegalArgumentException(where + ": " + field + " box " + k + " has a non-finite"
                        + " coordinate");
            }
            if (x2 < x1 || y2 < y1) {
                throw new IllegalArgumentException(where + ": " + field + " box " + k + " = [" + x1 + ", " + y1
                        + ", " + x2 + ", " + y2 + "] has x2 < x1 or y2 < y1");
            }
        }
    }

    /** Every label in 1..numClasses−1 (0 is the background). */
    static void labels(String where, String field, int[] labels, int numClasses) {
        for (int k = 0; k < labels.length; k++) {
            if (labels[k] < 1 || labels[k] >= numClasses) {
                throw new IllegalArgumentException(where + ": " + field + "[" + k + "] = " + labels[k]
                        + " is outside 1.." + (numClasses - 1));
            }
        }
    }

    static void finite(String where, String field, float[] v) {
        for (int k = 0; k < v.length; k++) {
            if (!Float.isFinite(v[k])) {
                throw new IllegalArgumentException(where + ": " + field + "[" + k + "] = " + v[k] + " is not finite");
            }
        }
    }
}
