package org.sgae.data.synth;

import java.util.SplittableRandom;

/**
 * People groups: a person with headwear and a shirt or jacket (wearing), and an item at the end of one arm
 * (holding); or a rider seated on a mount (riding). Positions come from {@link PeoplePainter}'s anchors so
 * that the drawing shows the relation.
 */
final class People {
    private final SplittableRandom r;

    People(SplittableRandom r) {
        this.r = r;
    }

    void person(Group g, double cx, double yg, double u) {
        double p = r.nextDouble();
        String name = p < 0.45 ? "man" : p < 0.8 ? "woman" : "child";
        double ph = (name.equals("child") ? 0.36 : 0.5) * u * (0.9 + 0.2 * r.nextDouble());
        Thing t = g.addAt(name, cx, yg, 0.42 * ph, ph);
        dressUp(g, t, r.nextDouble() < 0.45 ? (r.nextDouble() < 0.75 ? "hat" : "helmet") : null);
        if (r.nextDouble() < 0.65) {
            hold(g, t);
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
        double ph = 0.42 * u;
        Thing t = g.addAt(r.nextDouble() < 0.55 ? "man" : "woman", seatX, m.y1 + wh[3] * m.h(), 0.42 * ph, ph);
        t.pose = 1;
        g.rel(t, Vocab.RIDING, m);
        boolean wheels = mount.equals("bike") || mount.equals("motorcycle");
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

    /** An umbrella, cup, bag or racket at one hand, overlapping the person's side. */
    private void hold(Group g, Thing t) {
        double p = r.nextDouble();
        String item = p < 0.3 ? "umbrella" : p < 0.55 ? "cup" : p < 0.85 ? "bag" : "racket";
        int side = r.nextBoolean() ? 1 : -1;
        double hx = side > 0 ? t.x2 - PeoplePainter.HAND_X * t.w() : t.x1 + PeoplePainter.HAND_X * t.w();
        double hy = t.y1 + PeoplePainter.HAND_Y * t.h();
        double ph = t.h();
        Thing c = switch (item) {
            // tall enough that the canopy (top 40 %) clears the head
            case "umbrella" -> g.addAt(item, hx, hy + 0.06 * ph, 0.8 * ph, 1.05 * ph);
            case "cup" -> g.addAt(item, hx + side * 0.03 * ph, hy + 0.06 * ph, 0.12 * ph, 0.13 * ph);
            case "bag" -> g.add(item, hx + side * 0.03 * ph - 0.11 * ph, hy - 0.02 * ph, hx + side * 0.03 * ph
                    + 0.11 * ph, hy + 0.24 * ph);
            default -> g.addAt(item, hx + side * 0.04 * ph, hy + 0.04 * ph, 0.17 * ph, 0.4 * ph);
        };
        g.rel(t, Vocab.HOLDING, c);
    }
}
