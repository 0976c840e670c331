package org.sgae.data.synth;

import java.util.SplittableRandom;

/**
 * Support groups: items standing on a table or bench ("on"), on the floor beneath a table top ("under") or
 * beside it (left of / right of, near), a sign on its pole. Where an item stands is drawn, not told by its
 * label, so the pair (cup, table) takes several predicates that only the picture decides.
 */
final class Furniture {
    /** Share of the table items (other than plates) that stand on the floor instead of the top. */
    static final double FLOOR_SHARE = 0.6;
    /** Share of the bench items (other than birds) on the ground beside the bench instead of its seat. */
    static final double BESIDE_BENCH_SHARE = 0.35;
    /** Of those, the share beneath the top, between the legs; the rest stand beside the table. */
    static final double UNDER_SHARE = 0.5;
    /** Share of signs fixed across the front of their pole instead of standing on its top. */
    static final double SIGN_ON_FRONT = 0.4;
    /** Table legs span [LEG_INSET, 1 − LEG_INSET] of its width (ThingPainter.table). */
    private static final double LEG_INSET = 0.14;

    private Furniture() {
    }

    static void table(Group g, SplittableRandom r, double cx, double yg, double u) {
        double w = 0.7 * u * (0.85 + 0.3 * r.nextDouble());
        Thing table = g.addAt("table", cx, yg, w, 0.38 * u * (0.9 + 0.2 * r.nextDouble()));
        int n = 3 + r.nextInt(2);
        double slot = 0.84 * w / n;
        for (int k = 0; k < n; k++) {
            double x = table.x1 + 0.08 * w + (k + 0.5) * slot + (r.nextDouble() - 0.5) * 0.2 * slot;
            double p = r.nextDouble();
            String item = p < 0.32 ? "cup" : p < 0.5 ? "plate" : p < 0.78 ? "vase" : p < 0.9 ? "bag" : "orange";
            double where = r.nextDouble();
            if (!item.equals("plate") && where < FLOOR_SHARE) {
                onFloor(g, r, table, item, x, u, slot, where < FLOOR_SHARE * UNDER_SHARE);
                continue;
            }
            Thing t = onTop(g, table, item, x, u, slot);
            if (item.equals("plate") && r.nextDouble() < 0.9) {
                // on the plate, or on the table top beside it (left or right of the plate, near it)
                double side = r.nextDouble();
                double ox = side < 0.5 ? t.cx() : side < 0.75 ? t.x1 - 0.06 * u : t.x2 + 0.06 * u;
                Thing orange = g.addAt("orange", ox, (side < 0.5 ? t.y1 : table.y1) + 1, 0.08 * u, 0.08 * u);
                g.rel(orange, Vocab.ON, side < 0.5 ? t : table);
                if (side >= 0.5) {
                    g.rel(orange, Vocab.NEAR, t);
                }
            }
        }
    }

    /**
     * An item on the floor line of a table or bench: beneath the top between the legs ({@code under}, tables
     * only: a bench is too low), or a small gap beside it (near; left or right of follows from the boxes).
     */
    private static void onFloor(Group g, SplittableRandom r, Thing support, String item, double x, double u,
                                double maxW, boolean under) {
        double[] wh = size(item);
        double w = Math.min(wh[0] * u, 0.95 * maxW);
        double h = wh[1] * w / wh[0];
        if (under) {
            double lo = support.x1 + LEG_INSET * support.w() + w / 2;
            double hi = support.x2 - LEG_INSET * support.w() - w / 2;
            g.rel(g.addAt(item, Math.max(lo, Math.min(hi, x)), support.y2, w, h), Vocab.UNDER, support);
        } else {
            double gap = (0.03 + 0.08 * r.nextDouble()) * u;
            double cx = r.nextBoolean() ? support.x1 - gap - w / 2 : support.x2 + gap + w / 2;
            g.rel(g.addAt(item, cx, support.y2, w, h), Vocab.NEAR, support);
        }
    }

    static void bench(Group g, SplittableRandom r, double cx, double yg, double u) {
        double w = 0.75 * u * (0.85 + 0.3 * r.nextDouble());
        Thing bench = g.addAt("bench", cx, yg, w, 0.2 * u);
        int n = r.nextDouble() < 0.7 ? 2 : 3;
        for (int k = 0; k < n; k++) {
            double x = bench.x1 + w * (0.5 + (k - (n - 1) / 2.0) * 0.92 / n);
            double p = r.nextDouble();
            String item = p < 0.3 ? "bag" : p < 0.5 ? "cup" : p < 0.7 ? "dog" : p < 0.85 ? "bird" : "hat";
            if (!item.equals("bird") && r.nextDouble() < BESIDE_BENCH_SHARE) {
                onFloor(g, r, bench, item, x, u, w / n, false);
            } else {
                onTop(g, bench, item, x, u, w / n);
            }
        }
    }

    static void signpost(Group g, SplittableRandom r, double cx, double yg, double u) {
        double ph = 0.7 * u * (0.85 + 0.3 * r.nextDouble());
        Thing pole = g.addAt("pole", cx, yg, Math.max(2, 0.04 * u), ph);
        double sw = 0.3 * u * (0.8 + 0.4 * r.nextDouble());
        double sh = sw * (0.5 + 0.3 * r.nextDouble());
        boolean front = r.nextDouble() < SIGN_ON_FRONT; // fixed across the pole below its top
        double bottom = front ? pole.y1 + (0.15 + 0.2 * r.nextDouble()) * ph + sh : pole.y1 + 1;
        Thing sign = g.addAt("sign", cx, bottom, sw, sh);
        g.rel(sign, front ? Vocab.IN_FRONT_OF : Vocab.ON, pole);
        if (r.nextDouble() < 0.7) {
            Thing bird = g.addAt("bird", sign.x1 + sign.w() * (0.3 + 0.4 * r.nextDouble()), sign.y1 + 1, 0.1 * u,
                    0.09 * u);
            g.rel(bird, Vocab.ON, sign);
        }
    }

    /** An item whose bottom edge rests on the support's top edge (within 1 px), centred at x. */
    private static Thing onTop(Group g, Thing support, String item, double x, double u, double maxW) {
        double[] wh = size(item);
        double w = Math.min(wh[0] * u, 0.95 * maxW);
        Thing t = g.addAt(item, x, support.y1 + 1, w, wh[1] * u * w / (wh[0] * u));
        g.rel(t, Vocab.ON, support);
        return t;
    }

    /** Width and height of an item, in units of U. */
    private static double[] size(String item) {
        return switch (item) {
            case "cup" -> new double[] {0.1, 0.12};
            case "plate" -> new double[] {0.22, 0.06};
            case "vase" -> new double[] {0.12, 0.24};
            case "bag" -> new double[] {0.16, 0.18};
            case "dog" -> new double[] {0.3, 0.22};
            case "bird" -> new double[] {0.1, 0.09};
            case "hat" -> new double[] {0.15, 0.08};
            default -> new double[] {0.08, 0.08};
        };
    }
}
