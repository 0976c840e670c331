package org.sgae.data.synth;

import java.util.SplittableRandom;

/**
 * People groups: a person with headwear and a shirt or jacket (wearing), and an item at the end of one arm
 * (holding), sometimes with a dog beside, behind or in front of them; or a rider seated on a mount (riding).
 * Positions come from {@link PeoplePainter}'s anchors so that the drawing shows the relation.
 */
final class People {
    /** Share of standing people who have a dog with them. */
    static final double DOG_SHARE = 0.5;
    /** Share of mounts whose person stands beside them instead of riding. */
    static final double BESIDE_MOUNT_SHARE = 0.25;
    /** Share of hats and helmets carried in the hand (holding) instead of worn. */
    static final double HEADWEAR_IN_HAND = 0.4;
    /** Share of bags set down on the ground beside their person instead of held. */
    static final double BAG_ON_GROUND = 0.3;
    /** Share of the remaining bags carried on the chest by a strap (wearing) instead of in the hand. */
    static final double BAG_WORN = 0.45;

    private final SplittableRandom r;

    People(SplittableRandom r) {
        this.r = r;
    }

    void person(Group g, double cx, double yg, double u) {
        double p = r.nextDouble();
        String name = p < 0.45 ? "man" : p < 0.8 ? "woman" : "child";
        double ph = (name.equals("child") ? 0.36 : 0.5) * u * (0.9 + 0.2 * r.nextDouble());
        double dog = r.nextDouble() < DOG_SHARE ? r.nextDouble() : -1; // < 0.4 beside, < 0.7 behind, else in front
        double side = r.nextBoolean() ? 1 : -1;
        double dw = 0.3 * u * (0.9 + 0.2 * r.nextDouble());
        Thing behind = dog >= 0.4 && dog < 0.7 // drawn first, a little farther away, partly hidden by the person
                ? g.addAt("dog", cx + side * 0.15 * u, yg - 0.03 * u, dw, 0.73 * dw) : null;
        Thing t = g.addAt(name, cx, yg, 0.42 * ph, ph);
        String headwear = r.nextDouble() < 0.45 ? (r.nextDouble() < 0.75 ? "hat" : "helmet") : null;
        boolean inHand = headwear != null && r.nextDouble() < HEADWEAR_IN_HAND;
        dressUp(g, t, inHand ? null : headwear);
        if (inHand) {
            hold(g, t, headwear);
        } else if (r.nextDouble() < 0.65) {
            double q = r.nextDouble();
            hold(g, t, q < 0.3 ? "umbrella" : q < 0.55 ? "cup" : q < 0.85 ? "bag" : "racket");
        }
        // No relation is built: near, behind or in front of follow from the boxes and the drawing order.
        if (behind == null && dog >= 0 && dog < 0.4) { // on the same ground line, a small gap away
            double gap = (0.02 + 0.08 * r.nextDouble()) * u;
            g.addAt("dog", cx + side * (t.w() / 2 + gap + dw / 2), yg, dw, 0.73 * dw);
        } else if (dog >= 0.7) { // drawn last, a little closer, across the person's legs
            g.addAt("dog", cx + side * 0.08 * u, yg + 0.02 * u, dw, 0.73 * dw);
        }
    }

    void rider(Group g, double cx, double yg, double u) {
        double p = r.nextDouble();
        String mount = p < 0.45 ? "horse" : p < 0.75 ? "bike" : p < 0.9 ? "motorcycle" : "elephant";
        double[] wh = switch (mount) {
            case "horse" -> new double[] {0.75, 0.6, 0.45, 0.5}; // w, h, seat x, rider bottom (fractions)
            case "elephant" -> new double[] {0.85, 0.7, 0.42, 0.35};
            case "bike" -> new double[] {0.6, 0.38, 0.43, 0.55};
            default -> new double[] {0.65, 0.4, 0.38, 0.55};
        };
        Thing m = g.addAt(mount, cx, yg, wh[0] * u, wh[1] * u);
        m.mirror = r.nextBoolean();
        double seatX = m.mirror ? m.x2 - wh[2] * m.w() : m.x1 + wh[2] * m.w();
        String name = r.nextDouble() < 0.55 ? "man" : "woman";
        boolean wheels = mount.equals("bike") || mount.equals("motorcycle");
        Thing t;
        if (r.nextDouble() < BESIDE_MOUNT_SHARE) { // standing on the ground next to it, a small gap away
            double ph = 0.5 * u;
            double gap = (0.02 + 0.06 * r.nextDouble()) * u;
            double x = r.nextBoolean() ? m.x1 - gap - 0.21 * ph : m.x2 + gap + 0.21 * ph;
            t = g.addAt(name, x, yg, 0.42 * ph, ph);
            g.rel(t, Vocab.NEAR, m);
        } else {
            double ph = 0.42 * u;
            t = g.addAt(name, seatX, m.y1 + wh[3] * m.h(), 0.42 * ph, ph);
            t.pose = 1;
            g.rel(t, Vocab.RIDING, m);
        }
        dressUp(g, t, r.nextDouble() < (wheels ? 0.6 : 0.25) ? (wheels ? "helmet" : "hat") : null);
    }

    /** Headwear on the head, and with probability 0.45 a shirt or jacket over the torso (all: wearing). */
    private void dressUp(Group g, Thing t, String headwear) {
        double hd = Math.min(PeoplePainter.headFrac(t.name) * t.h(), 0.62 * t.w());
        if (r.nextDouble() < 0.45) {
            boolean shirt = r.nextDouble() < 0.6;
            double top = t.y1 + hd * 1.0;
            double bottom = t.y1 + (shirt ? 0.6 : 0.66) * t.h();
            double w = (shirt ? 0.74 : 0.8) * t.w();
            Thing c = g.add(shirt ? "shirt" : "jacket", t.cx() - w / 2, top, t.cx() + w / 2, bottom);
            g.rel(t, Vocab.WEARING, c);
        }
        if (headwear != null) {
            boolean hat = headwear.equals("hat");
            double w = (hat ? 1.4 : 1.2) * hd;
            double h = (hat ? 0.75 : 0.62) * hd;
            double bottom = t.y1 + (hat ? 0.3 : 0.45) * hd;
            Thing c = g.addAt(headwear, t.cx(), bottom, w, h);
            g.rel(t, Vocab.WEARING, c);
        }
    }

    /**
     * An umbrella, cup, bag, racket, hat or helmet at one hand, overlapping the person's side; a bag may
     * instead stand on the ground beside the person (no relation built: left/right of and near follow).
     */
    private void hold(Group g, Thing t, String item) {
        int side = r.nextBoolean() ? 1 : -1;
        if (item.equals("bag") && r.nextDouble() < BAG_ON_GROUND) {
            double bw = 0.22 * t.h();
            double gap = (0.02 + 0.1 * r.nextDouble()) * t.h();
            g.rel(t, Vocab.NEAR, g.addAt(item, t.cx() + side * (t.w() / 2 + gap + bw / 2), t.y2, bw, 0.26 * t.h()));
            return;
        }
        if (item.equals("bag") && r.nextDouble() < BAG_WORN) { // over the torso, below the shoulders
            Thing bag = g.addAt(item, t.cx() + side * 0.08 * t.w(), t.y1 + 0.55 * t.h(), 0.5 * t.w(), 0.2 * t.h());
            g.rel(t, Vocab.WEARING, bag);
            return;
        }
        double hx = side > 0 ? t.x2 - PeoplePainter.HAND_X * t.w() : t.x1 + PeoplePainter.HAND_X * t.w();
        double hy = t.y1 + PeoplePainter.HAND_Y * t.h();
        double ph = t.h();
        Thing c = switch (item) {
            // tall enough that the canopy (top 40 %) clears the head
            case "umbrella" -> g.addAt(item, hx, hy + 0.06 * ph, 0.8 * ph, 1.05 * ph);
            case "cup" -> g.addAt(item, hx + side * 0.03 * ph, hy + 0.06 * ph, 0.12 * ph, 0.13 * ph);
            case "bag" -> g.add(item, hx + side * 0.03 * ph - 0.11 * ph, hy - 0.02 * ph, hx + side * 0.03 * ph
                    + 0.11 * ph, hy + 0.24 * ph);
            case "racket" -> g.addAt(item, hx + side * 0.04 * ph, hy + 0.04 * ph, 0.17 * ph, 0.4 * ph);
            default -> g.addAt(item, hx + side * 0.06 * ph, hy + 0.1 * ph, 0.2 * ph, 0.12 * ph); // hat, helmet
        };
        g.rel(t, Vocab.HOLDING, c);
    }
}
