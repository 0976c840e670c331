package org.sgae.data.synth;

import static org.sgae.data.synth.Draw.darker;
import static org.sgae.data.synth.Draw.fill;
import static org.sgae.data.synth.Draw.line;
import static org.sgae.data.synth.Draw.outline;
import static org.sgae.data.synth.Draw.oval;
import static org.sgae.data.synth.Draw.poly;
import static org.sgae.data.synth.Draw.rect;
import static org.sgae.data.synth.Draw.round;

import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;

/** Vehicles, parts, furniture, tableware and scenery in [0, w] × [0, h]. */
final class ThingPainter {
    private ThingPainter() {
    }

    static void bike(Graphics2D g, Thing t, double w, double h) {
        double r = 0.3 * h;
        double sw = Math.max(1.2, 0.07 * h);
        outline(g, oval(0.2 * w - r, h - 2 * r - sw / 2, 2 * r, 2 * r), sw, Color.BLACK);
        outline(g, oval(0.8 * w - r, h - 2 * r - sw / 2, 2 * r, 2 * r), sw, Color.BLACK);
        double wy = h - r - sw / 2;
        Color c = t.style.base();
        line(g, 0.2 * w, wy, 0.45 * w, 0.42 * h, sw, c);
        line(g, 0.45 * w, 0.42 * h, 0.8 * w, wy, sw, c);
        line(g, 0.45 * w, 0.42 * h, 0.72 * w, 0.36 * h, sw, c);
        line(g, 0.72 * w, 0.36 * h, 0.8 * w, wy, sw, c);
        line(g, 0.72 * w, 0.36 * h, 0.76 * w, 0.12 * h, sw, c);
        line(g, 0.7 * w, 0.12 * h, 0.84 * w, 0.1 * h, sw, Color.DARK_GRAY);
        fill(g, oval(0.34 * w, 0.26 * h, 0.18 * w, 0.1 * h), Color.DARK_GRAY);
    }

    static void motorcycle(Graphics2D g, Thing t, double w, double h) {
        double r = 0.3 * h;
        fill(g, oval(0.2 * w - r, h - 2 * r, 2 * r, 2 * r), new Color(25, 25, 25));
        fill(g, oval(0.82 * w - r, h - 2 * r, 2 * r, 2 * r), new Color(25, 25, 25));
        fill(g, oval(0.2 * w - r / 2.5, h - r - r / 2.5, r / 1.25, r / 1.25), Color.LIGHT_GRAY);
        fill(g, oval(0.82 * w - r / 2.5, h - r - r / 2.5, r / 1.25, r / 1.25), Color.LIGHT_GRAY);
        fill(g, round(0.22 * w, 0.34 * h, 0.56 * w, 0.32 * h, 0.1 * w), t.style);
        fill(g, oval(0.42 * w, 0.24 * h, 0.26 * w, 0.2 * h), darker(t.style.base(), 0.7)); // tank
        fill(g, oval(0.28 * w, 0.26 * h, 0.2 * w, 0.1 * h), Color.BLACK); // seat
        line(g, 0.75 * w, 0.4 * h, 0.8 * w, 0.08 * h, Math.max(1.2, 0.05 * h), Color.GRAY);
        fill(g, oval(0.82 * w, 0.2 * h, 0.1 * w, 0.14 * h), new Color(255, 240, 150));
    }

    /** Car body without wheels (the wheels are separate objects, drawn over the lower edge). */
    static void car(Graphics2D g, Thing t, double w, double h) {
        fill(g, poly(0.18 * w, 0.45 * h, 0.3 * w, 0, 0.72 * w, 0, 0.88 * w, 0.45 * h), darker(t.style.base(), 0.85));
        fill(g, round(0, 0.4 * h, w, 0.6 * h, 0.15 * w), t.style);
        line(g, 0.02 * w, 0.7 * h, 0.98 * w, 0.7 * h, 1, darker(t.style.base(), 0.6));
        fill(g, oval(0.92 * w, 0.5 * h, 0.07 * w, 0.12 * h), new Color(255, 240, 160));
        fill(g, rect(0, 0.52 * h, 0.05 * w, 0.12 * h), new Color(200, 30, 30));
    }

    static void bus(Graphics2D g, Thing t, double w, double h) {
        fill(g, round(0, 0, w, h, 0.08 * w), t.style);
        fill(g, rect(0, 0.62 * h, w, 0.1 * h), t.accent);
        fill(g, rect(0.97 * w, 0.1 * h, 0.03 * w, 0.4 * h), new Color(60, 70, 80));
    }

    static void wheel(Graphics2D g, Thing t, double w, double h) {
        fill(g, oval(0, 0, w, h), new Color(22, 22, 22));
        fill(g, oval(0.28 * w, 0.28 * h, 0.44 * w, 0.44 * h), t.style);
        line(g, 0.5 * w, 0.3 * h, 0.5 * w, 0.7 * h, 1, Color.DARK_GRAY);
        line(g, 0.3 * w, 0.5 * h, 0.7 * w, 0.5 * h, 1, Color.DARK_GRAY);
    }

    static void window(Graphics2D g, Thing t, double w, double h) {
        fill(g, rect(0, 0, w, h), t.accent);
        double f = Math.max(1, 0.1 * Math.min(w, h));
        g.setPaint(new GradientPaint((float) f, (float) f, t.style.base(), (float) (w - f), (float) (h - f),
                t.style.second()));
        g.fill(rect(f, f, w - 2 * f, h - 2 * f));
        line(g, w / 2, f, w / 2, h - f, Math.max(0.8, f * 0.6), t.accent);
        if (h > w) {
            line(g, f, h / 2, w - f, h / 2, Math.max(0.8, f * 0.6), t.accent);
        }
    }

    static void door(Graphics2D g, Thing t, double w, double h) {
        fill(g, rect(0, 0, w, h), t.style);
        outline(g, rect(0.15 * w, 0.08 * h, 0.7 * w, 0.35 * h), 1, darker(t.style.base(), 0.6));
        outline(g, rect(0.15 * w, 0.5 * h, 0.7 * w, 0.4 * h), 1, darker(t.style.base(), 0.6));
        fill(g, oval(0.72 * w, 0.5 * h, 0.12 * w, 0.12 * w), new Color(230, 200, 60));
    }

    static void roof(Graphics2D g, Thing t, double w, double h) {
        fill(g, poly(0, h, 0.18 * w, 0, 0.82 * w, 0, w, h), t.style);
        line(g, 0.18 * w, 0.5, 0.82 * w, 0.5, 1, darker(t.style.base(), 0.5));
    }

    static void house(Graphics2D g, Thing t, double w, double h) {
        fill(g, rect(0, 0, w, h), t.style);
        outline(g, rect(0.5, 0.5, w - 1, h - 1), 1, darker(t.style.base(), 0.6));
    }

    static void building(Graphics2D g, Thing t, double w, double h) {
        fill(g, rect(0, 0, w, h), t.style);
        fill(g, rect(0, 0, w, 0.05 * h), darker(t.style.base(), 0.6));
        fill(g, rect(0.35 * w, 0.88 * h, 0.3 * w, 0.12 * h), darker(t.style.base(), 0.4));
    }

    static void table(Graphics2D g, Thing t, double w, double h) {
        fill(g, rect(0.06 * w, 0.1 * h, 0.07 * w, 0.9 * h), darker(t.style.base(), 0.7));
        fill(g, rect(0.87 * w, 0.1 * h, 0.07 * w, 0.9 * h), darker(t.style.base(), 0.7));
        fill(g, rect(0, 0, w, 0.16 * h), t.style);
    }

    static void bench(Graphics2D g, Thing t, double w, double h) {
        fill(g, rect(0.08 * w, 0.2 * h, 0.08 * w, 0.8 * h), Color.DARK_GRAY);
        fill(g, rect(0.84 * w, 0.2 * h, 0.08 * w, 0.8 * h), Color.DARK_GRAY);
        fill(g, rect(0, 0, w, 0.3 * h), t.style);
        line(g, 0, 0.15 * h, w, 0.15 * h, 1, darker(t.style.base(), 0.5));
    }

    static void plate(Graphics2D g, Thing t, double w, double h) {
        fill(g, oval(0, 0, w, h), t.style);
        outline(g, oval(0.18 * w, 0.2 * h, 0.64 * w, 0.6 * h), 1, t.accent);
    }

    static void vase(Graphics2D g, Thing t, double w, double h) {
        fill(g, poly(0.3 * w, 0, 0.7 * w, 0, 0.64 * w, 0.18 * h, w, 0.5 * h, 0.78 * w, h, 0.22 * w, h, 0, 0.5 * h,
                0.36 * w, 0.18 * h), t.style);
        fill(g, oval(0.28 * w, -0.03 * h, 0.44 * w, 0.08 * h), darker(t.style.base(), 0.5));
    }

    static void orange(Graphics2D g, Thing t, double w, double h) {
        fill(g, oval(0, 0.1 * h, w, 0.9 * h), t.style);
        fill(g, oval(0.5 * w, 0, 0.3 * w, 0.16 * h), new Color(40, 140, 40));
    }

    static void tree(Graphics2D g, Thing t, double w, double h) {
        fill(g, rect(0.42 * w, 0.5 * h, 0.16 * w, 0.5 * h), t.accent);
        fill(g, oval(0, 0.18 * h, 0.62 * w, 0.45 * h), t.style);
        fill(g, oval(0.38 * w, 0.16 * h, 0.62 * w, 0.47 * h), t.style);
        fill(g, oval(0.15 * w, 0, 0.7 * w, 0.45 * h), t.style);
    }

    static void sign(Graphics2D g, Thing t, double w, double h) {
        fill(g, round(0, 0, w, h, 0.2 * Math.min(w, h)), Color.WHITE);
        double f = Math.max(1, 0.1 * Math.min(w, h));
        fill(g, round(f, f, w - 2 * f, h - 2 * f, 0.2 * Math.min(w, h)), t.style);
        fill(g, poly(0.2 * w, 0.4 * h, 0.6 * w, 0.4 * h, 0.6 * w, 0.25 * h, 0.82 * w, 0.5 * h, 0.6 * w, 0.75 * h,
                0.6 * w, 0.6 * h, 0.2 * w, 0.6 * h), Color.WHITE);
    }

    static void pole(Graphics2D g, Thing t, double w, double h) {
        g.setPaint(new GradientPaint(0, 0, t.style.base(), (float) w, 0, darker(t.style.base(), 0.5)));
        g.fill(rect(0, 0, w, h));
    }

    static void fence(Graphics2D g, Thing t, double w, double h) {
        fill(g, rect(0, 0.3 * h, w, 0.12 * h), darker(t.style.base(), 0.85));
        fill(g, rect(0, 0.7 * h, w, 0.12 * h), darker(t.style.base(), 0.85));
        int n = Math.max(3, (int) (w / Math.max(4, 0.25 * h)));
        double pw = w / n * 0.55;
        for (int k = 0; k < n; k++) {
            double x = k * w / n + (w / n - pw) / 2;
            fill(g, poly(x, 0.12 * h, x + pw / 2, 0, x + pw, 0.12 * h, x + pw, h, x, h), t.style);
        }
    }

    static void flower(Graphics2D g, Thing t, double w, double h) {
        line(g, w / 2, 0.3 * h, w / 2, h, Math.max(1, 0.08 * w), new Color(40, 130, 40));
        fill(g, oval(0.5 * w, 0.55 * h, 0.4 * w, 0.14 * h), new Color(50, 150, 50));
        double r = 0.22 * w;
        for (int k = 0; k < 5; k++) {
            double a = k * 2 * Math.PI / 5;
            fill(g, oval(w / 2 + Math.cos(a) * r - r, 0.25 * h + Math.sin(a) * r * 0.9 - r, 2 * r, 2 * r), t.style);
        }
        fill(g, oval(w / 2 - r * 0.8, 0.25 * h - r * 0.8, 1.6 * r, 1.6 * r), t.accent);
    }

    static void rock(Graphics2D g, Thing t, double w, double h) {
        fill(g, poly(0, h, 0.06 * w, 0.45 * h, 0.3 * w, 0.08 * h, 0.62 * w, 0, 0.9 * w, 0.3 * h, w, 0.8 * h,
                0.85 * w, h), t.style);
        line(g, 0.35 * w, 0.3 * h, 0.55 * w, 0.55 * h, 1, darker(t.style.base(), 0.6));
    }

    /**
     * Share of the width by which a ground region's far (top) edge is inset on each side: a trapezoid that
     * widens towards the viewer reads as ground receding to the horizon, where a rectangle reads as an
     * upright panel.
     */
    static final double GROUND_INSET = 0.3;

    private static java.awt.Shape ground(double w, double h) {
        double inset = GROUND_INSET * w;
        return poly(inset, 0, w - inset, 0, w, h, 0, h);
    }

    static void street(Graphics2D g, Thing t, double w, double h) {
        fill(g, ground(w, h), t.style);
        double y = h * 0.55;
        double inset = GROUND_INSET * w * (1 - 0.55); // the trapezoid's edge at that height
        for (double x = inset + 0.02 * w; x + 0.08 * w < w - inset; x += 0.16 * w) {
            fill(g, rect(x, y, 0.08 * w, Math.max(1.5, 0.05 * h)), t.accent);
        }
    }

    static void snow(Graphics2D g, Thing t, double w, double h) {
        fill(g, ground(w, h), t.style);
    }
}
