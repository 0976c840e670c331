package org.sgae.data.vg;

import java.nio.file.Path;

/**
 * One image's ground-truth scene graph.
 *
 * @param index     position in the loaded split
 * @param h5Row     row of the image in the h5 per-image datasets
 * @param info      image_data.json entry (its width/height are what boxes were scaled with)
 * @param imageFile the image file
 * @param labels    [n] object classes 1..C
 * @param boxes1024 [n * 4] decoded (x1, y1, x2, y2) ints in the 1024 frame, loader truncation included
 * @param boxes     [n * 4] (x1, y1, x2, y2) float32 in original pixels, clipped (SGB)
 * @param relations [m * 3] local (subject, object, predicate 1..P)
 */
public record VgGraph(int index, int h5Row, ImageInfo info, Path imageFile, int[] labels, int[] boxes1024,
                      float[] boxes, int[] relations) {
    public int numObjects() {
        return labels.length;
    }

    public int numRelations() {
        return relations.length / 3;
    }
}
