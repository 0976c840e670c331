package org.sgae.data.synth;

import static org.sgae.data.synth.Draw.darker;
import static org.sgae.data.synth.Draw.fill;
import static org.sgae.data.synth.Draw.line;
import static org.sgae.data.synth.Draw.oval;
import static org.sgae.data.synth.Draw.poly;
import static org.sgae.data.synth.Draw.round;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Arc2D;

/**
 * People (man, woman, child), the things they wear (hat, helmet, shirt, jacket) and hold (umbrella, cup,
 * bag, racket, kite). Local frame: [0, w] × [0, h], y down, facing right. The anchor methods tell the
 * composer where head, torso and hands are, as fractions of the person's box.
 */
final class PeoplePainter {
    static final Color TROUSERS = new Color(40, 45, 70);

    private PeoplePainter() {
    }

    /** Head diameter as a fraction of the person's height. */
    static double headFrac(String name) {
        return name.equals("child") ? 0.27 : 0.2;
    }

    /** Hands at (HAND_X · w, HAND_Y · h) and ((1 − HAND_X) · w, HAND_Y · h). */
    static final double HAND_X = 0.04;
    static final double HAND_Y = 0.55;
    /** Torso spans [TORSO_X, 1 − TORSO_X] · w × [head bottom, TORSO_BOTTOM · h]. */
    static final double TORSO_X = 0.22;
    static final double TORSO_BOTTOM = 0.6;

    static void person(Graphics2D g, Thing t, double w, double h) {
        boolean woman = t.name.equals("woman");
        double hd = Math.min(headFrac(t.name) * h, 0.62 * w);
        double cx = w / 2;
        double shoulder = hd * 1.02;
        Color clothes = t.style.base();
        Color skin = t.accent;
        Color hair = t.accent2;
        if (woman) { // long hair behind the head
            fill(g, round(cx - hd * 0.62, 0, hd * 1.24, hd * 1.7, hd * 0.6), hair);
        }
        // legs
        double hip = TORSO_BOTTOM * h;
        double legW = 0.14 * w;
        if (t.pose == 1) {
            line(g, cx - 0.08 * w, hip, 0.08 * w, h - legW / 2, legW, TROUSERS);
            line(g, cx + 0.08 * w, hip, 0.92 * w, h - legW / 2, legW, TROUSERS);
        } else {
            line(g, cx - 0.11 * w, hip, cx - 0.14 * w, h - legW / 2, legW, TROUSERS);
            line(g, cx + 0.11 * w, hip, cx + 0.14 * w, h - legW / 2, legW, TROUSERS);
            fill(g, oval(cx - 0.3 * w, h - 0.05 * h, 0.22 * w, 0.05 * h), Color.BLACK);
            fill(g, oval(cx + 0.08 * w, h - 0.05 * h, 0.22 * w, 0.05 * h), Color.BLACK);
        }
        // arms, to the hands at the sides
        double armW = 0.1 * w;
        double handY = HAND_Y * h;
        line(g, cx - 0.2 * w, shoulder + armW, HAND_X * w + armW / 2, handY, armW, darker(clothes, 0.85));
        line(g, cx + 0.2 * w, shoulder + armW, (1 - HAND_X) * w - armW / 2, handY, armW, darker(clothes, 0.85));
        fill(g, oval(0, handY - armW * 0.6, armW * 1.2, armW * 1.2), skin);
        fill(g, oval(w - armW * 1.2, handY - armW * 0.6, armW * 1.2, armW * 1.2), skin);
        // torso: a dress for women, a tunic otherwise
        if (woman) {
            fill(g, poly(cx - 0.24 * w, shoulder, cx + 0.24 * w, shoulder, cx + 0.36 * w, 0.74 * h,
                    cx - 0.36 * w, 0.74 * h), t.style);
        } else {
            fill(g, round(TORSO_X * w, shoulder, (1 - 2 * TORSO_X) * w, hip - shoulder + 0.03 * h, 0.1 * w), t.style);
        }
        // neck, head, face, hair
        fill(g, round(cx - hd * 0.15, hd * 0.8, hd * 0.3, hd * 0.35, 2), skin);
        fill(g, oval(cx - hd / 2, 0, hd, hd), skin);
        fill(g, new Arc2D.Double(cx - hd / 2, -hd * 0.02, hd, hd * 0.8, 0, 180, Arc2D.CHORD), hair);
        fill(g, oval(cx + hd * 0.18, hd * 0.42, hd * 0.12, hd * 0.12), Color.BLACK);
    }

    static void hat(Graphics2D g, Thing t, double w, double h) {
        fill(g, round(0.2 * w, 0, 0.6 * w, 0.85 * h, 0.2 * w), t.style);
        fill(g, oval(0, 0.62 * h, w, 0.38 * h), darker(t.style.base(), 0.75));
        fill(g, Draw.rect(0.2 * w, 0.55 * h, 0.6 * w, 0.12 * h), t.accent);
    }

    static void helmet(Graphics2D g, Thing t, double w, double h) {
        fill(g, new Arc2D.Double(0, 0, w, 1.9 * h, 0, 180, Arc2D.CHORD), t.style);
        line(g, w / 2, 0.08 * h, w / 2, 0.9 * h, 0.12 * w, t.accent);
        fill(g, Draw.rect(0.6 * w, 0.82 * h, 0.42 * w, 0.18 * h), darker(t.style.base(), 0.6));
    }

    static void shirt(Graphics2D g, Thing t, double w, double h) {
        fill(g, poly(0.22 * w, 0, 0.78 * w, 0, w, 0.28 * h, 0.86 * w, 0.42 * h, 0.8 * w, 0.34 * h, 0.8 * w, h,
                0.2 * w, h, 0.2 * w, 0.34 * h, 0.14 * w, 0.42 * h, 0, 0.28 * h), t.style);
        fill(g, poly(0.38 * w, 0, 0.62 * w, 0, 0.5 * w, 0.22 * h), t.accent);
    }

    static void jacket(Graphics2D g, Thing t, double w, double h) {
        fill(g, poly(0.2 * w, 0, 0.8 * w, 0, w, 0.18 * h, w, 0.85 * h, 0.84 * w, 0.85 * h, 0.84 * w, h,
                0.16 * w, h, 0.16 * w, 0.85 * h, 0, 0.85 * h, 0, 0.18 * h), t.style);
        line(g, 0.5 * w, 0.1 * h, 0.5 * w, h, Math.max(1, 0.05 * w), t.accent);
        fill(g, poly(0.35 * w, 0, 0.5 * w, 0.3 * h, 0.65 * w, 0), t.accent2);
    }

    static void umbrella(Graphics2D g, Thing t, double w, double h) {
        line(g, w / 2, 0.3 * h, w / 2, 0.93 * h, Math.max(1, 0.05 * w), Color.DARK_GRAY);
        line(g, w / 2, 0.93 * h, 0.4 * w, 0.93 * h, Math.max(1, 0.05 * w), Color.DARK_GRAY);
        fill(g, new Arc2D.Double(0, 0, w, 0.8 * h, 0, 180, Arc2D.CHORD), t.style);
        for (int k = 1; k < 4; k++) {
            line(g, w / 2, 0.02 * h, k * w / 4, 0.4 * h, 1, darker(t.style.base(), 0.6));
        }
    }

    static void cup(Graphics2D g, Thing t, double w, double h) {
        Draw.outline(g, oval(0.55 * w, 0.2 * h, 0.42 * w, 0.5 * h), Math.max(1, 0.1 * w), darker(t.style.base(), 0.8));
        fill(g, poly(0.02 * w, 0, 0.72 * w, 0, 0.64 * w, h, 0.1 * w, h), t.style);
        fill(g, oval(0.02 * w, -0.06 * h, 0.7 * w, 0.14 * h), darker(t.style.base(), 0.6));
    }

    static void bag(Graphics2D g, Thing t, double w, double h) {
        Draw.outline(g, new Arc2D.Double(0.25 * w, 0.02 * h, 0.5 * w, 0.7 * h, 0, 180, Arc2D.OPEN),
                Math.max(1, 0.07 * w), darker(t.style.base(), 0.6));
        fill(g, round(0, 0.35 * h, w, 0.65 * h, 0.2 * w), t.style);
        fill(g, Draw.rect(0.42 * w, 0.45 * h, 0.16 * w, 0.12 * h), t.accent);
    }

    static void racket(Graphics2D g, Thing t, double w, double h) {
        line(g, w / 2, 0.6 * h, w / 2, h, Math.max(1.2, 0.14 * w), Color.BLACK);
        fill(g, oval(0, 0, w, 0.64 * h), t.style);
        Draw.outline(g, oval(0, 0, w, 0.64 * h), Math.max(1, 0.1 * w), t.accent);
    }

    static void kite(Graphics2D g, Thing t, double w, double h) {
        double tailX = w / 2;
        for (int k = 0; k < 4; k++) { // zig-zag tail
            double y0 = 0.7 * h + k * 0.075 * h;
            line(g, tailX + (k % 2 == 0 ? -1 : 1) * 0.1 * w, y0, tailX + (k % 2 == 0 ? 1 : -1) * 0.1 * w,
                    y0 + 0.075 * h, 1, t.accent);
        }
        fill(g, poly(w / 2, 0, w, 0.3 * h, w / 2, 0.7 * h, 0, 0.3 * h), t.style);
        line(g, w / 2, 0, w / 2, 0.7 * h, 1, darker(t.style.base(), 0.5));
        line(g, 0, 0.3 * h, w, 0.3 * h, 1, darker(t.style.base(), 0.5));
    }
}
