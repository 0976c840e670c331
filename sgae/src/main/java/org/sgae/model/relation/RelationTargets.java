package org.sgae.model.relation;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.ArrayList;
import java.util.Map;
import java.util.SplittableRandom;
import org.sgae.model.detector.boxes.Boxes;

/**
 * Training targets of model-spec §7 on host arrays of one image (all detached: selection and matching carry no
 * gradient). Boxes are "+1" boxes in input pixels; IoU is {@link Boxes#iou} (eval-spec §3, float32).
 */
public final class RelationTargets {
    private RelationTargets() {
    }

    /**
     * Detection labels: y_i = the label of the GT box with the highest IoU with b_i (lowest GT index on ties) if that
     * IoU ≥ fgIou, else 0. boxes [N·4], gtBoxes [G·4], gtLabels [G] → [N].
     */
    public static int[] detectionLabels(float[] boxes, float[] gtBoxes, int[] gtLabels, double fgIou) {
        int n = boxes.length / 4;
        int g = gtLabels.length;
        int[] out = new int[n];
        if (g == 0) {
            return out;
        }
        float[] iou = Boxes.iou(boxes, gtBoxes); // [N·G]
        for (int i = 0; i < n; i++) {
            int best = 0;
            for (int k = 1; k < g; k++) {
                if (iou[i * g + k] > iou[i * g + best]) { // strict: the lowest index keeps a tie
                    best = k;
                }
            }
            out[i] = iou[i * g + best] >= fgIou ? gtLabels[best] : 0;
        }
        return out;
    }

    /**
     * The GT relation map of one image with duplicates resolved (SGB/motifs filter_duplicate_rels): for each
     * ordered (s, o) with several predicates one is kept, drawn uniformly from {@code rng} (the SG-sampling stream, so
     * it is re-drawn at every access). Groups are visited in the order of their first triple; a group of one draws
     * nothing. Self-relations (s = o) are dropped. relations [R·3] (s, o, p) local → map [G·G], 0 = unrelated.
     */
    public static int[] relationMap(int g, int[] relations, SplittableRandom rng) {
        Map<Integer, List<Integer>> groups = new LinkedHashMap<>();
        for (int r = 0; r + 2 < relations.length; r += 3) {
            int s = relations[r];
            int o = relations[r + 1];
            if (s < 0 || o < 0 || s >= g || o >= g) {
                throw new IllegalArgumentException("relations: triple " + r / 3 + " names object " + Math.max(s, o)
                        + " of an image with " + g + " objects");
            }
            if (s != o) {
                groups.computeIfAbsent(s * g + o, k -> new ArrayList<>()).add(relations[r + 2]);
            }
        }
        int[] map = new int[g * g];
        for (Map.Entry<Integer, List<Integer>> e : groups.entrySet()) {
            List<Integer> preds = e.getValue();
            map[e.getKey()] = preds.size() == 1 ? preds.get(0) : preds.get(rng.nextInt(preds.size()));
        }
        return map;
    }

    /**
     * Pair labels of every ordered pair (GRCNN PairMatcher): for (i, j), the GT pair (g, h), g ≠ h, of highest
     * quality ½(IoU(b_i, G_g) + IoU(b_j, G_h)), ties by the lower g·G + h; if that quality ≥ fgIou the label is
     * relMap[g·G + h] (0 when unrelated), else 0. The diagonal is 0. boxes [N·4], gtBoxes [G·4], relMap [G·G] →
     * [N·N] row-major.
     */
    public static int[] pairLabels(float[] boxes, float[] gtBoxes, int[] relMap, double fgIou) {
        int n = boxes.length / 4;
        int g = gtBoxes.length / 4;
        int[] out = new int[n * n];
        if (g < 2) {
            return out;
        }
        float[] iou = Boxes.iou(boxes, gtBoxes); // [N·G]
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                if (i == j) {
                    continue;
                }
                double best = Double.NEGATIVE_INFINITY;
                int bestPair = -1;
                for (int a = 0; a < g; a++) {      // g·G + h ascending: a strict ">" keeps the lowest on ties
                    for (int b = 0; b < g; b++) {
                        if (a == b) {
                            continue;
                        }
                        double q = 0.5 * ((double) iou[i * g + a] + iou[j * g + b]);
                        if (q > best) {
                            best = q;
                            bestPair = a * g + b;
                        }
                    }
                }
                out[i * n + j] = best >= fgIou ? relMap[bestPair] : 0;
            }
        }
        return out;
    }

    /** RePN targets T_ij = 1 where the pair label is > 0: pairLabels [N·N] → [N·N] of 0/1. */
    public static float[] repnTargets(int[] pairLabels) {
        float[] t = new float[pairLabels.length];
        for (int k = 0; k < t.length; k++) {
            t[k] = pairLabels[k] > 0 ? 1f : 0f;
        }
        return t;
    }
}
