package org.sgae.tensor.cpu;

import java.util.Arrays;

/**
 * Greedy NMS and the IoU matrix (F32 boxes, double arithmetic for the overlap test so a threshold decision matches
 * the reference). Boxes (x1, y1, x2, y2), width x2 − x1 + off (off 0 = torchvision, 1 = "+1" convention). A union
 * ≤ 0 gives IoU 0.
 *
 * <p>NMS: visit by score descending, ties by lower index (one sort of packed long keys); a box is kept unless a
 * kept box of the same class has IoU > threshold with it. The kept boxes' coordinates are copied into a compact
 * array so the inner loop streams through memory.
 */
public final class NmsCpu {
    private NmsCpu() {
    }

    /** Kept indices in visit order (score descending). classes may be null (one class). */
    public static int[] nms(float[] boxes, int bOff, float[] scores, int sOff, long[] classes, int cOff, int n,
                            double threshold, int off) {
        long[] order = new long[n];
        for (int i = 0; i < n; i++) {
            order[i] = PairScoreCpu.key(scores[sOff + i], i);
        }
        Arrays.sort(order);
        int[] kept = new int[n];
        double[] kb = new double[5 * n];
        long[] kc = new long[n];
        int nk = 0;
        for (int t = n - 1; t >= 0; t--) {
            int i = PairScoreCpu.keyIndex(order[t]);
            int b = bOff + 4 * i;
            double x1 = boxes[b];
            double y1 = boxes[b + 1];
            double x2 = boxes[b + 2];
            double y2 = boxes[b + 3];
            double area = (x2 - x1 + off) * (y2 - y1 + off);
            long cls = classes == null ? 0 : classes[cOff + i];
            boolean keep = true;
            for (int q = 0; q < nk; q++) {
                if (kc[q] != cls) {
                    continue;
                }
                double iw = Math.min(x2, kb[5 * q + 2]) - Math.max(x1, kb[5 * q]) + off;
                double ih = Math.min(y2, kb[5 * q + 3]) - Math.max(y1, kb[5 * q + 1]) + off;
                if (iw <= 0 || ih <= 0) {
                    continue;
                }
                double inter = iw * ih;
                double union = area + kb[5 * q + 4] - inter;
                if (union > 0 && inter / union > threshold) {
                    keep = false;
                    break;
                }
            }
            if (keep) {
                kb[5 * nk] = x1;
                kb[5 * nk + 1] = y1;
                kb[5 * nk + 2] = x2;
                kb[5 * nk + 3] = y2;
                kb[5 * nk + 4] = area;
                kc[nk] = cls;
                kept[nk++] = i;
            }
        }
        return Arrays.copyOf(kept, nk);
    }

    /** out [N,M] (=): IoU of every box of a [N,4] with every box of b [M,4]. Threads split the rows. */
    public static void iou(float[] a, int aOff, int n, float[] b, int bOff, int m, int off, float[] out, int oOff) {
        CpuParallel.forRange(n, Math.max(1, 4096 / Math.max(1, m)), (from, to) -> {
            for (int i = from; i < to; i++) {
                double ax1 = a[aOff + 4 * i];
                double ay1 = a[aOff + 4 * i + 1];
                double ax2 = a[aOff + 4 * i + 2];
                double ay2 = a[aOff + 4 * i + 3];
                double areaA = (ax2 - ax1 + off) * (ay2 - ay1 + off);
                for (int j = 0; j < m; j++) {
                    int p = bOff + 4 * j;
                    double iw = Math.min(ax2, b[p + 2]) - Math.max(ax1, b[p]) + off;
                    double ih = Math.min(ay2, b[p + 3]) - Math.max(ay1, b[p + 1]) + off;
                    double inter = Math.max(iw, 0) * Math.max(ih, 0);
                    double union = areaA + (b[p + 2] - b[p] + off) * (b[p + 3] - b[p + 1] + off) - inter;
                    out[oOff + i * m + j] = union > 0 ? (float) (inter / union) : 0f;
                }
            }
        });
    }
}
