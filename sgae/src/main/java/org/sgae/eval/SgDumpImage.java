package org.sgae.eval;

/**
 * One image line of a prediction dump (eval-spec §8).
 *
 * @param i       position in the split (0-based, the line is i + 2)
 * @param imageId image_data.json's image_id
 * @param width   original width in pixels
 * @param height  original height in pixels
 * @param pred    the prediction, boxes in original pixels
 * @param gt      the GT after §4 decoding, or null when the dump was written without it
 */
public record SgDumpImage(int i, long imageId, int width, int height, SgPrediction pred, SgGt gt) {
}
