package org.sgae.data.pipeline;

/**
 * One prepared image.
 *
 * @param imageId   VG image id
 * @param pixels    [3 * height * width] normalised CHW floats
 * @param height    resized height
 * @param width     resized width
 * @param scale     resize factor (resized pixels per original pixel)
 * @param labels    [n] classes
 * @param boxes     [n * 4] (x1, y1, x2, y2) in resized pixels
 * @param relations [m * 3] (subject, object, predicate), local indices
 */
public record Sample(long imageId, float[] pixels, int height, int width, float scale, int[] labels, float[] boxes,
                     int[] relations) {
}
