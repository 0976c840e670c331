package org.sgae.model.detector.boxes;

/**
 * Plain-array box helpers for the detection side: argument checks and the "+1" IoU of eval-spec §3. Boxes are
 * flat float arrays [N·4] of (x1, y1, x2, y2) with inclusive pixel extents (width x2 − x1 + 1).
 */
public final class Boxes {
    private Boxes() {
    }

    /** Number of boxes in a flat [N·4] array, after checking its length. */
    public static int count(String arg, float[] boxes) {
        if (boxes == null) {
            throw new IllegalArgumentException(arg + ": boxes must not be null");
        }
        if (boxes.length % 4 != 0) {
            throw new IllegalArgumentException(arg + ": length " + boxes.length + " is not a multiple of 4 (boxes"
                    + " are flat [N*4] arrays of x1, y1, x2, y2)");
        }
        return boxes.length / 4;
    }

    /**
     * Checks GT-like boxes: finite coordinates and a positive "+1" width and height (x2 ≥ x1, y2 ≥ y1 up to the
     * +1). Returns the number of boxes. The message names the argument, the box and its coordinates.
     */
    public static int checkBoxes(String arg, float[] boxes) {
        int n = count(arg, boxes);
        for (int i = 0; i < n; i++) {
            float x1 = boxes[4 * i];
            float y1 = boxes[4 * i + 1];
            float x2 = boxes[4 * i + 2];
            float y2 = boxes[4 * i + 3];
            if (!(Float.isFinite(x1) && Float.isFinite(y1) && Float.isFinite(x2) && Float.isFinite(y2))) {
                throw new IllegalArgumentException(arg + ": box " + i + " has a non-finite coordinate "
                        + describe(boxes, i));
            }
            if (!(x2 - x1 + 1 > 0 && y2 - y1 + 1 > 0)) {
                throw new IllegalArgumentException(arg + ": box " + i + " has a negative or zero size (\"+1\" width "
                        + (x2 - x1 + 1) + ", height " + (y2 - y1 + 1) + ") " + describe(boxes, i));
            }
        }
        return n;
    }

    private static String describe(float[] b, int i) {
        return "[" + b[4 * i] + ", " + b[4 * i + 1] + ", " + b[4 * i + 2] + ", " + b[4 * i + 3] + "]";
    }

    /**
     * IoU of every box of a [N·4] with every box of b [M·4] → [N·M] row-major, in float32 in the order of
     * eval-spec §3 (SGB's boxlist_iou), so that a threshold decision such as IoU = 70/100 against 0.7 comes out as
     * in the float32 references. The engine's boxIou rounds a double result instead. A union ≤ 0 gives 0.
     */
    public static float[] iou(float[] a, float[] b) {
        int n = count("a", a);
        int m = count("b", b);
        float[] out = new float[n * m];
        for (int i = 0; i < n; i++) {
            float ax1 = a[4 * i];
            float ay1 = a[4 * i + 1];
            float ax2 = a[4 * i + 2];
            float ay2 = a[4 * i + 3];
            float areaA = (ax2 - ax1 + 1) * (ay2 - ay1 + 1);
            for (int j = 0; j < m; j++) {
                float bx1 = b[4 * j];
                float by1 = b[4 * j + 1];
                float bx2 = b[4 * j + 2];
                float by2 = b[4 * j + 3];
                float iw = Math.max(0f, Math.min(ax2, bx2) - Math.max(ax1, bx1) + 1);
                float ih = Math.max(0f, Math.min(ay2, by2) - Math.max(ay1, by1) + 1);
                float inter = iw * ih;
                float areaB = (bx2 - bx1 + 1) * (by2 - by1 + 1);
                float union = areaA + areaB - inter;
                out[i * m + j] = union > 0 ? inter / union : 0f;
            }
        }
        return out;
    }
}
