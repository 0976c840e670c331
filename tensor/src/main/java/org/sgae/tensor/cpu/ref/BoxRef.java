package org.sgae.tensor.cpu.ref;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.sgae.tensor.attrs.BoxCoderAttrs;

/**
 * Box maths reference: IoU, greedy NMS, Faster R-CNN encode/decode. Boxes are (x1, y1, x2, y2); the width is
 * x2 − x1 + off with off = 0 (torchvision) or 1 (the "+1" convention), see {@code BoxConvention}.
 * An IoU whose union is ≤ 0 (two empty boxes) is defined as 0, where torchvision would give NaN.
 */
public final class BoxRef {
    private BoxRef() {
    }

    static double area(double[] b, int i, int off) {
        return (b[i * 4 + 2] - b[i * 4] + off) * (b[i * 4 + 3] - b[i * 4 + 1] + off);
    }

    /** IoU of box i of a and box j of b. */
    public static double iou(double[] a, int i, double[] b, int j, int off) {
        double iw = Math.min(a[i * 4 + 2], b[j * 4 + 2]) - Math.max(a[i * 4], b[j * 4]) + off;
        double ih = Math.min(a[i * 4 + 3], b[j * 4 + 3]) - Math.max(a[i * 4 + 1], b[j * 4 + 1]) + off;
        double inter = Math.max(iw, 0) * Math.max(ih, 0);
        double union = area(a, i, off) + area(b, j, off) - inter;
        return union > 0 ? inter / union : 0;
    }

    /** out [N,M] (=). */
    public static void iouMatrix(double[] a, int n, double[] b, int m, int off, double[] out) {
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < m; j++) {
                out[i * m + j] = iou(a, i, b, j, off);
            }
        }
    }

    /**
     * Greedy NMS: visit boxes by score descending (ties: lower index first); keep a box unless a kept box of the
     * same class overlaps it with IoU > threshold. classes may be null (one class). Returns kept indices in visit
     * order.
     */
    public static int[] nms(double[] boxes, double[] scores, long[] classes, int n, double threshold, int off) {
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.<Integer>comparingDouble(i -> -scores[i]).thenComparingInt(i -> i));
        List<Integer> kept = new ArrayList<>();
        for (int i : order) {
            boolean keep = true;
            for (int k : kept) {
                if ((classes == null || classes[k] == classes[i]) && iou(boxes, i, boxes, k, off) > threshold) {
                    keep = false;
                    break;
                }
            }
            if (keep) {
                kept.add(i);
            }
        }
        return kept.stream().mapToInt(Integer::intValue).toArray();
    }

    /** deltas [N,4] (=) that move ref boxes [N,4] onto gt boxes [N,4]. */
    public static void encode(double[] ref, double[] gt, int n, BoxCoderAttrs a, double[] deltas) {
        int off = a.convention().offset();
        for (int i = 0; i < n; i++) {
            double wa = ref[i * 4 + 2] - ref[i * 4] + off;
            double ha = ref[i * 4 + 3] - ref[i * 4 + 1] + off;
            double cxa = ref[i * 4] + 0.5 * wa;
            double cya = ref[i * 4 + 1] + 0.5 * ha;
            double wg = gt[i * 4 + 2] - gt[i * 4] + off;
            double hg = gt[i * 4 + 3] - gt[i * 4 + 1] + off;
            double cxg = gt[i * 4] + 0.5 * wg;
            double cyg = gt[i * 4 + 1] + 0.5 * hg;
            deltas[i * 4] = a.wx() * (cxg - cxa) / wa;
            deltas[i * 4 + 1] = a.wy() * (cyg - cya) / ha;
            deltas[i * 4 + 2] = a.ww() * Math.log(wg / wa);
            deltas[i * 4 + 3] = a.wh() * Math.log(hg / ha);
        }
    }

    /** out [N,4J] (=): deltas [N,4J] (J boxes per row, e.g. one per class) applied to ref boxes [N,4]. */
    public static void decode(double[] deltas, double[] ref, int n, int j, BoxCoderAttrs a, double[] out) {
        int off = a.convention().offset();
        for (int i = 0; i < n; i++) {
            double wa = ref[i * 4 + 2] - ref[i * 4] + off;
            double ha = ref[i * 4 + 3] - ref[i * 4 + 1] + off;
            double cxa = ref[i * 4] + 0.5 * wa;
            double cya = ref[i * 4 + 1] + 0.5 * ha;
            for (int c = 0; c < j; c++) {
                int p = (i * j + c) * 4;
                double dx = deltas[p] / a.wx();
                double dy = deltas[p + 1] / a.wy();
                double dw = Math.min(deltas[p + 2] / a.ww(), a.clip());
                double dh = Math.min(deltas[p + 3] / a.wh(), a.clip());
                double cx = dx * wa + cxa;
                double cy = dy * ha + cya;
                double w = Math.exp(dw) * wa;
                double h = Math.exp(dh) * ha;
                out[p] = cx - 0.5 * w;
                out[p + 1] = cy - 0.5 * h;
                out[p + 2] = cx + 0.5 * w - off;
                out[p + 3] = cy + 0.5 * h - off;
            }
        }
    }
}
