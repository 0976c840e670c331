package org.sgae.data.synth;

/**
 * The grounding rules of vg150-format.md §8.3 on final boxes [x1, y1, x2, y2) (pixels) and draw order
 * (za, zb: index in painter's order, larger = drawn later = in front).
 */
final class Geometry {
    /** Above/under: vertical gap ≥ 4 px and horizontal overlap ≥ 30 % of the narrower box. */
    static final int ABOVE_GAP = 4;
    static final double ABOVE_OVERLAP = 0.3;
    /** Left/right: horizontal gap > 0 and vertical overlap ≥ 50 % of the shorter box. */
    static final double SIDE_OVERLAP = 0.5;
    /** Near: disjoint, gap ≤ 15 % of the image width. */
    static final double NEAR_GAP = 0.15;
    /** In front of: overlap ≥ 15 % of the occluded box's area. */
    static final double OCCLUDE = 0.15;
    /** In: ≥ 90 % of A inside the container B. */
    static final double INSIDE = 0.9;
    /** On: A's bottom edge within 2 px of B's top edge. */
    static final int ON_TOUCH = 2;

    private Geometry() {
    }

    static boolean on(int[] a, int za, int[] b, int zb) {
        double cx = (a[0] + a[2]) / 2.0;
        return Math.abs(a[3] - b[1]) <= ON_TOUCH && cx >= b[0] && cx <= b[2] && za > zb;
    }

    /**
     * Under, as the composer builds it (a cup beneath a table top): A within B's width, its top below B's
     * top quarter (the top surface), standing on B's floor line (bottom edges within {@link #ON_TOUCH}),
     * drawn after B. The geometric form of under is {@link #above}(B, A).
     */
    static boolean beneath(int[] a, int za, int[] b, int zb) {
        return a[0] >= b[0] && a[2] <= b[2] && 4 * (a[1] - b[1]) >= b[3] - b[1] && Math.abs(a[3] - b[3]) <= ON_TOUCH
                && za > zb;
    }

    static boolean above(int[] a, int[] b) {
        return a[3] + ABOVE_GAP <= b[1] && xOverlap(a, b) >= ABOVE_OVERLAP * Math.min(a[2] - a[0], b[2] - b[0]);
    }

    static boolean leftOf(int[] a, int[] b) {
        return a[2] < b[0] && yOverlap(a, b) >= SIDE_OVERLAP * Math.min(a[3] - a[1], b[3] - b[1]);
    }

    static boolean inFrontOf(int[] a, int za, int[] b, int zb) {
        return za > zb && (double) xOverlap(a, b) * yOverlap(a, b) >= OCCLUDE * area(b);
    }

    /** A inside container B (street, snow), A drawn after B. */
    static boolean in(int[] a, int za, int[] b, int zb) {
        return za > zb && (double) xOverlap(a, b) * yOverlap(a, b) >= INSIDE * area(a);
    }

    static boolean disjoint(int[] a, int[] b) {
        return xOverlap(a, b) == 0 || yOverlap(a, b) == 0;
    }

    /** Largest axis gap between two disjoint boxes (0 when they touch). */
    static int gap(int[] a, int[] b) {
        return Math.max(Math.max(b[0] - a[2], a[0] - b[2]), Math.max(Math.max(b[1] - a[3], a[1] - b[3]), 0));
    }

    static boolean near(int[] a, int[] b, int imageWidth) {
        return disjoint(a, b) && gap(a, b) <= NEAR_GAP * imageWidth;
    }

    static int xOverlap(int[] a, int[] b) {
        return Math.max(0, Math.min(a[2], b[2]) - Math.max(a[0], b[0]));
    }

    static int yOverlap(int[] a, int[] b) {
        return Math.max(0, Math.min(a[3], b[3]) - Math.max(a[1], b[1]));
    }

    static long area(int[] a) {
        return (long) (a[2] - a[0]) * (a[3] - a[1]);
    }

    static boolean isContainer(String name) {
        return name.equals("street") || name.equals("snow");
    }
}
