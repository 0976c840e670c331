package org.sgae.eval;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * COCO-style detector AP of eval-spec §6: pycocotools {@code COCOeval} for bboxes with area range "all", one
 * maxDets, the "+1" IoU of §3 in double from float32 corners, and 101-point interpolated precision. Plain arrays,
 * no tensors. Boxes are flat [N·4] float arrays (x1, y1, x2, y2) in original image pixels.
 */
public final class DetectionAp {
    /** pycocotools' default maxDets for the reported numbers. */
    public static final int MAX_DETS = 100;
    /** numpy's np.spacing(1) = 2⁻⁵², added to TP + FP in the precision's denominator. */
    private static final double EPS = Math.ulp(1.0);
    private static final double[] IOU_THRESHOLDS = linspace(0.5, 0.95, 10);
    private static final double[] RECALL_THRESHOLDS = linspace(0.0, 1.0, 101);

    private DetectionAp() {
    }

    /** One image's GT: boxes [G·4], labels [G] (class indices, background 0 never appears). */
    public record ImageGt(float[] boxes, int[] labels) {
    }

    /** One image's detections: boxes [D·4], scores [D], labels [D]. */
    public record ImageDets(float[] boxes, double[] scores, int[] labels) {
    }

    /**
     * AP50 and AP@[.5:.95], each the mean over the classes with GT (NaN when no class has GT), and per class
     * (keyed by class index, classes with GT only).
     */
    public record Result(double ap50, double ap, SortedMap<Integer, Double> ap50PerClass,
                         SortedMap<Integer, Double> apPerClass) {
    }

    /** {@link #evaluate(List, List, int)} with maxDets = 100. */
    public static Result evaluate(List<ImageGt> gts, List<ImageDets> dets) {
        return evaluate(gts, dets, MAX_DETS);
    }

    /** gts and dets: one entry per image, in the same image order. */
    public static Result evaluate(List<ImageGt> gts, List<ImageDets> dets, int maxDets) {
        check(gts, dets, maxDets);
        TreeSet<Integer> classes = new TreeSet<>();
        for (ImageGt g : gts) {
            for (int l : g.labels()) {
                classes.add(l);
            }
        }
        SortedMap<Integer, Double> ap50 = new TreeMap<>();
        SortedMap<Integer, Double> apAll = new TreeMap<>();
        double sum50 = 0;
        double sumAll = 0;
        for (int c : classes) {
            double[] perT = new double[IOU_THRESHOLDS.length];
            double mean = 0;
            for (int t = 0; t < IOU_THRESHOLDS.length; t++) {
                perT[t] = classAp(gts, dets, c, IOU_THRESHOLDS[t], maxDets);
                mean += perT[t];
            }
            mean /= IOU_THRESHOLDS.length;
            ap50.put(c, perT[0]);
            apAll.put(c, mean);
            sum50 += perT[0];
            sumAll += mean;
        }
        int k = classes.size();
        return new Result(k == 0 ? Double.NaN : sum50 / k, k == 0 ? Double.NaN : sumAll / k,
                Collections.unmodifiableSortedMap(ap50), Collections.unmodifiableSortedMap(apAll));
    }

    /** A scored detection after matching: its score and whether it matched a GT. */
    private record Scored(double score, boolean tp) {
    }

    /** AP of class c at one IoU threshold (steps 1–6 of eval-spec §6). */
    private static double classAp(List<ImageGt> gts, List<ImageDets> dets, int c, double threshold, int maxDets) {
        int numGt = 0;
        List<Scored> all = new ArrayList<>();
        for (int img = 0; img < gts.size(); img++) {
            float[] g = boxesOf(gts.get(img).boxes(), gts.get(img).labels(), c);
            numGt += g.length / 4;
            all.addAll(matchImage(g, dets.get(img), c, threshold, maxDets));
        }
        // Stable: equal scores keep image order, then per-image order (List.sort is a stable merge sort).
        all.sort((a, b) -> Double.compare(b.score(), a.score()));
        int n = all.size();
        double[] recall = new double[n];
        double[] precision = new double[n];
        double tp = 0;
        double fp = 0;
        for (int i = 0; i < n; i++) {
            if (all.get(i).tp()) {
                tp++;
            } else {
                fp++;
            }
            recall[i] = tp / numGt;
            precision[i] = tp / (tp + fp + EPS);
        }
        for (int i = n - 1; i > 0; i--) { // monotone from the right
            precision[i - 1] = Math.max(precision[i - 1], precision[i]);
        }
        double sum = 0;
        for (double r : RECALL_THRESHOLDS) {
            int i = searchLeft(recall, r);
            sum += i < n ? precision[i] : 0;
        }
        return sum / RECALL_THRESHOLDS.length;
    }

    /**
     * One image's class-c detections, stable-sorted by score and cut at maxDets, matched greedily: each takes the
     * still-unmatched GT with the highest IoU ≥ min(t, 1 − 1e-10); on equal IoU the later GT (pycocotools).
     */
    private static List<Scored> matchImage(float[] g, ImageDets d, int c, double threshold, int maxDets) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < d.labels().length; i++) {
            if (d.labels()[i] == c) {
                order.add(i);
            }
        }
        order.sort((a, b) -> Double.compare(d.scores()[b], d.scores()[a]));
        List<Integer> kept = order.subList(0, Math.min(maxDets, order.size()));
        int numGt = g.length / 4;
        boolean[] taken = new boolean[numGt];
        List<Scored> out = new ArrayList<>(kept.size());
        for (int di : kept) {
            double best = Math.min(threshold, 1 - 1e-10);
            int m = -1;
            for (int gi = 0; gi < numGt; gi++) {
                if (taken[gi]) {
                    continue;
                }
                double iou = iou(d.boxes(), di, g, gi);
                if (iou < best) {
                    continue;
                }
                best = iou;
                m = gi;
            }
            if (m >= 0) {
                taken[m] = true;
            }
            out.add(new Scored(d.scores()[di], m >= 0));
        }
        return out;
    }

    /** "+1" IoU of eval-spec §3, in double from the float32 corners (shared with the relation evaluator). */
    static double iou(float[] a, int i, float[] b, int j) {
        return BoxIou.iouDouble(a, i, b, j);
    }

    /** The class-c boxes of one image, in their order: [G_c·4]. */
    private static float[] boxesOf(float[] boxes, int[] labels, int c) {
        int n = 0;
        for (int l : labels) {
            n += l == c ? 1 : 0;
        }
        float[] out = new float[4 * n];
        for (int i = 0, k = 0; i < labels.length; i++) {
            if (labels[i] == c) {
                System.arraycopy(boxes, 4 * i, out, 4 * k++, 4);
            }
        }
        return out;
    }

    /** numpy searchsorted(side = "left"): the first i with a[i] ≥ v, or a.length. a is ascending. */
    private static int searchLeft(double[] a, double v) {
        int lo = 0;
        int hi = a.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (a[mid] < v) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** numpy linspace(start, stop, num): i·((stop − start)/(num − 1)) + start, the last exactly stop. */
    private static double[] linspace(double start, double stop, int num) {
        double step = (stop - start) / (num - 1);
        double[] out = new double[num];
        for (int i = 0; i < num; i++) {
            out[i] = i * step + start;
        }
        out[num - 1] = stop;
        return out;
    }

    private static void check(List<ImageGt> gts, List<ImageDets> dets, int maxDets) {
        if (gts == null || dets == null || gts.size() != dets.size()) {
            throw new IllegalArgumentException("detection_ap: gts and dets must list the same images, got "
                    + (gts == null ? "null" : gts.size()) + " and " + (dets == null ? "null" : dets.size()));
        }
        if (maxDets <= 0) {
            throw new IllegalArgumentException("detection_ap: maxDets must be > 0, got " + maxDets);
        }
        for (int i = 0; i < gts.size(); i++) {
            ImageGt g = gts.get(i);
            checkBoxes("gts[" + i + "]", g.boxes(), g.labels() == null ? -1 : g.labels().length);
            ImageDets d = dets.get(i);
            checkBoxes("dets[" + i + "]", d.boxes(), d.labels() == null ? -1 : d.labels().length);
            if (d.scores() == null || d.scores().length != d.labels().length) {
                throw new IllegalArgumentException("dets[" + i + "].scores: must be [" + d.labels().length
                        + "], got " + (d.scores() == null ? "null" : "[" + d.scores().length + "]"));
            }
            for (int k = 0; k < d.scores().length; k++) {
                if (Double.isNaN(d.scores()[k])) {
                    throw new IllegalArgumentException("dets[" + i + "].scores[" + k + "] is NaN");
                }
            }
        }
    }

    /** boxes [n·4] with finite corners and x2 ≥ x1, y2 ≥ y1 (eval-spec §3: anything else is an invalid dump). */
    private static void checkBoxes(String arg, float[] boxes, int n) {
        if (n < 0) {
            throw new IllegalArgumentException(arg + ".labels: must not be null");
        }
        if (boxes == null || boxes.length != 4 * n) {
            throw new IllegalArgumentException(arg + ".boxes: must be [" + n + "*4] for " + n + " labels, got "
                    + (boxes == null ? "null" : "length " + boxes.length));
        }
        for (int k = 0; k < n; k++) {
            float x1 = boxes[4 * k];
            float y1 = boxes[4 * k + 1];
            float x2 = boxes[4 * k + 2];
            float y2 = boxes[4 * k + 3];
            if (!(Float.isFinite(x1) && Float.isFinite(y1) && Float.isFinite(x2) && Float.isFinite(y2))) {
                throw new IllegalArgumentException(arg + ".boxes: box " + k + " has a non-finite coordinate");
            }
            if (x2 < x1 || y2 < y1) {
                throw new IllegalArgumentException(arg + ".boxes: box " + k + " has x2 < x1 or y2 < y1 (negative"
                        + " size): [" + x1 + ", " + y1 + ", " + x2 + ", " + y2 + "]");
            }
        }
    }
}
