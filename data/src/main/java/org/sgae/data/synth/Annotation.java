package org.sgae.data.synth;

/**
 * What gets written for one image: labels, boxes (continuous pixels, x2/y2 exclusive) and relations
 * {subject, object, predicate} over local object indices.
 */
record Annotation(int[] labels, double[][] boxes, int[][] relations) {
}
