package org.sgae.data.pipeline;

import org.sgae.tensor.Tensor;

/**
 * A collated batch. Images are zero-padded (after normalisation) at the bottom and right to a common
 * size that is a multiple of the stride; per-image objects and relations are concatenated with offsets.
 *
 * @param images        [n * 3 * height * width] NCHW floats
 * @param n             number of images
 * @param height        padded height (multiple of the stride)
 * @param width         padded width
 * @param imageHeights  [n] valid (unpadded) height of each image
 * @param imageWidths   [n] valid width
 * @param scales        [n] resize factor of each image
 * @param imageIds      [n]
 * @param objectOffsets [n + 1] image i owns objects objectOffsets[i] .. objectOffsets[i + 1] − 1
 * @param labels        [N_obj] classes
 * @param boxes         [N_obj * 4] (x1, y1, x2, y2) in resized pixels
 * @param relOffsets    [n + 1] image i owns relations relOffsets[i] .. relOffsets[i + 1] − 1
 * @param relations     [N_rel * 3] (subject, object, predicate) with subject/object local to the image
 */
public record Batch(float[] images, int n, int height, int width, int[] imageHeights, int[] imageWidths,
                    float[] scales, long[] imageIds, int[] objectOffsets, int[] labels, float[] boxes,
                    int[] relOffsets, int[] relations) {

    public int numObjects() {
        return labels.length;
    }

    public int numRelations() {
        return relations.length / 3;
    }

    /** Images as a CPU F32 tensor [n, 3, height, width] (a copy). */
    public Tensor imagesTensor() {
        return Tensor.of(images, n, 3, height, width);
    }

    /** All boxes as a CPU F32 tensor [N_obj, 4] (x1, y1, x2, y2) in resized pixels (a copy). */
    public Tensor boxesTensor() {
        return Tensor.of(boxes, numObjects(), 4);
    }

    /** All labels as a CPU I64 tensor [N_obj] (a copy). */
    public Tensor labelsTensor() {
        long[] l = new long[labels.length];
        for (int i = 0; i < l.length; i++) {
            l[i] = labels[i];
        }
        return Tensor.ofLongs(l, l.length);
    }

    /**
     * Image index of every object as a CPU I64 tensor [N_obj], the batch index that ROI ops take with the
     * boxes.
     */
    public Tensor objectImageTensor() {
        long[] idx = new long[numObjects()];
        for (int i = 0; i < n; i++) {
            for (int k = objectOffsets[i]; k < objectOffsets[i + 1]; k++) {
                idx[k] = i;
            }
        }
        return Tensor.ofLongs(idx, idx.length);
    }

    /**
     * Relations as a CPU I64 tensor [N_rel, 3] (subject, object, predicate) with subject and object as
     * batch-global object rows (local index + the image's object offset), ready for gathers.
     */
    public Tensor relationsTensor() {
        long[] r = new long[relations.length];
        for (int i = 0; i < n; i++) {
            for (int k = relOffsets[i]; k < relOffsets[i + 1]; k++) {
                r[3 * k] = relations[3 * k] + objectOffsets[i];
                r[3 * k + 1] = relations[3 * k + 1] + objectOffsets[i];
                r[3 * k + 2] = relations[3 * k + 2];
            }
        }
        return Tensor.ofLongs(r, numRelations(), 3);
    }

    /** Pads and concatenates samples. */
    static Batch collate(Sample[] s, int stride) {
        int n = s.length;
        int h = 0;
        int w = 0;
        int nObj = 0;
        int nRel = 0;
        for (Sample x : s) {
            h = Math.max(h, x.height());
            w = Math.max(w, x.width());
            nObj += x.labels().length;
            nRel += x.relations().length / 3;
        }
        h = (h + stride - 1) / stride * stride;
        w = (w + stride - 1) / stride * stride;
        float[] images = new float[n * 3 * h * w];
        int[] ih = new int[n];
        int[] iw = new int[n];
        float[] scales = new float[n];
        long[] ids = new long[n];
        int[] oo = new int[n + 1];
        int[] ro = new int[n + 1];
        int[] labels = new int[nObj];
        float[] boxes = new float[4 * nObj];
        int[] rels = new int[3 * nRel];
        for (int i = 0; i < n; i++) {
            Sample x = s[i];
            ih[i] = x.height();
            iw[i] = x.width();
            scales[i] = x.scale();
            ids[i] = x.imageId();
            for (int c = 0; c < 3; c++) {
                for (int y = 0; y < x.height(); y++) {
                    System.arraycopy(x.pixels(), (c * x.height() + y) * x.width(), images,
                            ((i * 3 + c) * h + y) * w, x.width());
                }
            }
            int k = x.labels().length;
            System.arraycopy(x.labels(), 0, labels, oo[i], k);
            System.arraycopy(x.boxes(), 0, boxes, 4 * oo[i], 4 * k);
            oo[i + 1] = oo[i] + k;
            int m = x.relations().length / 3;
            System.arraycopy(x.relations(), 0, rels, 3 * ro[i], 3 * m);
            ro[i + 1] = ro[i] + m;
        }
        return new Batch(images, n, h, w, ih, iw, scales, ids, oo, labels, boxes, ro, rels);
    }
}
