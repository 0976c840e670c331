package org.sgae.data.synth;

import java.util.ArrayList;
import java.util.List;

/**
 * The truth of a rendered scene: the annotatable objects (area ≥ 0.002 of the image, and not hidden behind
 * later things: at least {@link #MIN_VISIBLE} of their own pixels still showing) and, for
 * every ordered pair, the predicates that hold. Semantic relations from the composer are kept when the
 * drawing still satisfies their rule; geometric ones are recomputed from the final boxes and z-order.
 *
 * @param objects   scene indices of the annotatable things, in painter's order
 * @param labels    class per object
 * @param boxes     [x1, y1, x2, y2) per object
 * @param pairs     ordered pairs {s, o} (object positions) that carry at least one predicate
 * @param preds     for each pair, a bit set over predicate indices (bit p = predicate p holds)
 * @param salient   for each pair, whether an annotator would relate the two at all (see {@link #salient})
 * @param composed  for each pair, whether the composer placed the subject in relation to the object (a
 *                  relation it built from this subject to this object holds); annotators notice these first
 */
record TrueGraph(int[] objects, int[] labels, int[][] boxes, List<int[]> pairs, List<Integer> preds,
                 List<Boolean> salient, List<Boolean> composed) {
    static final double MIN_AREA = 0.002;
    /**
     * Least share of a thing's own drawn pixels that must stay uncovered for it to be annotated. Below a
     * quarter, what shows is a sliver (a wheel rim, a window corner) that neither a person nor a model can
     * name from the pixels. Measured against the thing's own pixels rather than its box, because things
     * drawn with strokes (bike, racket, fence, pole) fill only a small part of their box even when fully
     * visible. Relations of a dropped thing go with it; parts count by their own pixels.
     */
    static final double MIN_VISIBLE = 0.25;

    static TrueGraph of(Scene s) {
        List<Integer> keep = new ArrayList<>();
        for (int i = 0; i < s.things.size(); i++) {
            Thing t = s.things.get(i);
            if (t.box != null && Geometry.area(t.box) >= MIN_AREA * s.width * s.height
                    && t.visible >= MIN_VISIBLE * t.pixels.cardinality()) {
                keep.add(i);
            }
        }
        int n = keep.size();
        int[] objects = keep.stream().mapToInt(Integer::intValue).toArray();
        int[] labels = new int[n];
        int[][] boxes = new int[n][];
        int[] pos = new int[s.things.size()];
        java.util.Arrays.fill(pos, -1);
        for (int k = 0; k < n; k++) {
            Thing t = s.things.get(objects[k]);
            labels[k] = t.cls;
            boxes[k] = t.box;
            pos[objects[k]] = k;
        }
        int[][] bits = new int[n][n];
        boolean[][] semantic = new boolean[n][n];
        for (int[] rel : s.semantic) {
            int a = pos[rel[0]];
            int b = pos[rel[1]];
            if (a >= 0 && b >= 0 && semanticHolds(s, rel[2], boxes[a], rel[0], boxes[b], rel[1])) {
                bits[a][b] |= 1 << rel[2];
                semantic[a][b] = true;
            }
        }
        for (int a = 0; a < n; a++) {
            for (int b = 0; b < n; b++) {
                if (a != b) {
                    bits[a][b] |= geometric(s, objects, boxes, a, b, bits[a][b] != 0 || bits[b][a] != 0);
                }
            }
        }
        List<int[]> pairs = new ArrayList<>();
        List<Integer> preds = new ArrayList<>();
        List<Boolean> salient = new ArrayList<>();
        List<Boolean> composed = new ArrayList<>();
        for (int a = 0; a < n; a++) {
            for (int b = 0; b < n; b++) {
                if (bits[a][b] != 0) {
                    pairs.add(new int[] {a, b});
                    preds.add(bits[a][b]);
                    salient.add(salient(s, boxes[a], boxes[b], semantic[a][b] || semantic[b][a]));
                    composed.add(semantic[a][b]);
                }
            }
        }
        return new TrueGraph(objects, labels, boxes, pairs, preds, salient, composed);
    }

    /**
     * Whether an annotator relates the pair at all: the composer built a relation between them, or they
     * overlap or stand near each other. Like VG's annotators, the noisy annotation leaves out incidental
     * geometry between far-apart things (a kite above a distant bench); such pairs stay in the clean truth.
     * Without this, far pairs outnumber the composed ones so much that a composed "cup under table" would be
     * annotated far more rarely than "cup on table", and the labels alone would name the predicate.
     */
    private static boolean salient(Scene s, int[] a, int[] b, boolean composed) {
        return composed || Geometry.gap(a, b) <= Geometry.NEAR_GAP * s.width;
    }

    /** Whether a relation the composer built still shows in the drawing (geometric ones by their own rule). */
    private static boolean semanticHolds(Scene s, int pred, int[] a, int za, int[] b, int zb) {
        if (pred == Vocab.ON) {
            return Geometry.on(a, za, b, zb);
        }
        if (pred == Vocab.UNDER) {
            return Geometry.beneath(a, za, b, zb) || Geometry.above(b, a);
        }
        if (pred == Vocab.ABOVE) {
            return Geometry.above(a, b);
        }
        if (pred == Vocab.NEAR) {
            return Geometry.near(a, b, s.width);
        }
        if (pred == Vocab.BEHIND) {
            return Geometry.inFrontOf(b, zb, a, za);
        }
        if (pred == Vocab.IN_FRONT_OF) {
            return Geometry.inFrontOf(a, za, b, zb);
        }
        if (pred == Vocab.RIDING) { // seated: bottom edge inside the mount's box, overlapping it
            return a[3] > b[1] && a[3] <= b[3] && !Geometry.disjoint(a, b) && za > zb;
        }
        if (pred == Vocab.WEARING || pred == Vocab.HOLDING) { // item drawn after, overlapping the person
            return !Geometry.disjoint(a, b) && zb > za;
        }
        return !Geometry.disjoint(a, b); // has / part of: drawn as one composite
    }

    /** Geometric predicates of (a, b); "near" only when the pair has no semantic relation or occlusion. */
    private static int geometric(Scene s, int[] objects, int[][] boxes, int a, int b, boolean semantic) {
        int[] ba = boxes[a];
        int[] bb = boxes[b];
        int za = objects[a];
        int zb = objects[b];
        int bits = 0;
        if (Geometry.above(ba, bb)) {
            bits |= 1 << Vocab.ABOVE;
        }
        if (Geometry.above(bb, ba)) {
            bits |= 1 << Vocab.UNDER;
        }
        if (Geometry.leftOf(ba, bb)) {
            bits |= 1 << Vocab.LEFT_OF;
        }
        if (Geometry.leftOf(bb, ba)) {
            bits |= 1 << Vocab.RIGHT_OF;
        }
        boolean container = Geometry.isContainer(s.things.get(zb).name);
        if (container && Geometry.in(ba, za, bb, zb) && standsOn(s, ba, s.things.get(zb))) {
            bits |= 1 << Vocab.IN;
        }
        boolean regionPair = container || Geometry.isContainer(s.things.get(za).name);
        if (!regionPair && Geometry.inFrontOf(ba, za, bb, zb)) {
            bits |= 1 << Vocab.IN_FRONT_OF;
        }
        if (!regionPair && Geometry.inFrontOf(bb, zb, ba, za)) {
            bits |= 1 << Vocab.BEHIND;
        }
        boolean stronger = semantic || (bits & ((1 << Vocab.IN) | (1 << Vocab.IN_FRONT_OF) | (1 << Vocab.BEHIND))) != 0;
        if (!stronger && !regionPair && Geometry.near(ba, bb, s.width)) {
            bits |= 1 << Vocab.NEAR;
        }
        return bits;
    }

    /** A's bottom-centre pixel (where it stands) was painted by the region, not just inside its box. */
    private static boolean standsOn(Scene s, int[] a, Thing region) {
        int x = (a[0] + a[2]) / 2;
        int y = a[3] - 1;
        return region.pixels.get(y * s.width + x);
    }
}
