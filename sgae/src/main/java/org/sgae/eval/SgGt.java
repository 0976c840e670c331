package org.sgae.eval;

/**
 * One image's ground truth for the relation evaluator (eval-spec §4–5): boxes in original pixels after the §4 decode,
 * scale and clip; relations as stored, duplicates kept.
 *
 * @param boxes  [G·4] (x1, y1, x2, y2) float32
 * @param labels [G] object classes 1..numObjClasses−1
 * @param rels   [R·3] (subject, object, predicate 1..numRelClasses−1), indices into boxes
 */
public record SgGt(float[] boxes, int[] labels, int[] rels) {
    public int numObjects() {
        return labels.length;
    }

    public int numRels() {
        return rels.length / 3;
    }

    /** Throws one IllegalArgumentException naming the first bad field; {@code where} prefixes it (e.g. "image 3"). */
    public void validate(String where, int numObjClasses, int numRelClasses) {
        if (boxes == null || labels == null || rels == null) {
            throw bad(where, boxes == null ? "boxes" : labels == null ? "labels" : "rels", "is missing");
        }
        int g = labels.length;
        Checks.boxes(where, "gt.boxes", boxes, g);
        Checks.labels(where, "gt.labels", labels, numObjClasses);
        if (rels.length % 3 != 0) {
            throw bad(where, "rels", "length " + rels.length + " is not a multiple of 3 (rows of subject, object,"
                    + " predicate)");
        }
        for (int k = 0; k < rels.length / 3; k++) {
            int s = rels[3 * k];
            int o = rels[3 * k + 1];
            int p = rels[3 * k + 2];
            if (s < 0 || s >= g || o < 0 || o >= g) {
                throw bad(where, "rels", "row " + k + " = [" + s + ", " + o + ", " + p + "] indexes an object"
                        + " outside 0.." + (g - 1));
            }
            if (p < 1 || p >= numRelClasses) {
                throw bad(where, "rels", "row " + k + " has predicate " + p + " outside 1.." + (numRelClasses - 1));
            }
        }
    }

    private static IllegalArgumentException bad(String where, String field, String what) {
        return new IllegalArgumentException(where + ": gt." + field + " " + what);
    }
}
