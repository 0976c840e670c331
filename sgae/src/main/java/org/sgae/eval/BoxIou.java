package org.sgae.eval;

/**
 * The "+1" box IoU of eval-spec §3 (inclusive pixel extents, SGB {@code boxlist_iou}). Boxes are flat [n·4] arrays of
 * (x1, y1, x2, y2). The relation evaluator uses the float32 form (SGB casts to float32); the detector AP uses the
 * double form (pycocotools computes in double from the float32 corners, §6).
 */
public final class BoxIou {
    private BoxIou() {
    }

    /** IoU of box i of a and box j of b in float32, in the order of eval-spec §3. */
    public static float iou(float[] a, int i, float[] b, int j) {
        float ax1 = a[4 * i];
        float ay1 = a[4 * i + 1];
        float ax2 = a[4 * i + 2];
        float ay2 = a[4 * i + 3];
        float bx1 = b[4 * j];
        float by1 = b[4 * j + 1];
        float bx2 = b[4 * j + 2];
        float by2 = b[4 * j + 3];
        float iw = Math.max(0f, Math.min(ax2, bx2) - Math.max(ax1, bx1) + 1);
        float ih = Math.max(0f, Math.min(ay2, by2) - Math.max(ay1, by1) + 1);
        float inter = iw * ih;
        float areaA = (ax2 - ax1 + 1) * (ay2 - ay1 + 1);
        float areaB = (bx2 - bx1 + 1) * (by2 - by1 + 1);
        return inter / (areaA + areaB - inter);
    }

    /** The same IoU in double from the float32 corners (pycocotools, eval-spec §6). */
    public static double iouDouble(float[] a, int i, float[] b, int j) {
        double ax1 = a[4 * i];
        double ay1 = a[4 * i + 1];
        double ax2 = a[4 * i + 2];
        double ay2 = a[4 * i + 3];
        double bx1 = b[4 * j];
        double by1 = b[4 * j + 1];
        double bx2 = b[4 * j + 2];
        double by2 = b[4 * j + 3];
        double iw = Math.max(0, Math.min(ax2, bx2) - Math.max(ax1, bx1) + 1);
        double ih = Math.max(0, Math.min(ay2, by2) - Math.max(ay1, by1) + 1);
        double inter = iw * ih;
        double union = (ax2 - ax1 + 1) * (ay2 - ay1 + 1) + (bx2 - bx1 + 1) * (by2 - by1 + 1) - inter;
        return inter / union;
    }

    /** The union box (min x1, min y1, max x2, max y2) of boxes s and o of b, written to out[4·k..4·k+3]. */
    public static void union(float[] b, int s, int o, float[] out, int k) {
        out[4 * k] = Math.min(b[4 * s], b[4 * o]);
        out[4 * k + 1] = Math.min(b[4 * s + 1], b[4 * o + 1]);
        out[4 * k + 2] = Math.max(b[4 * s + 2], b[4 * o + 2]);
        out[4 * k + 3] = Math.max(b[4 * s + 3], b[4 * o + 3]);
    }
}
