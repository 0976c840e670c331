package org.sgae.data.synth;

import static org.sgae.data.synth.Draw.darker;
import static org.sgae.data.synth.Draw.fill;
import static org.sgae.data.synth.Draw.line;
import static org.sgae.data.synth.Draw.oval;
import static org.sgae.data.synth.Draw.poly;

import java.awt.Color;
import java.awt.Graphics2D;

/** Animals, drawn facing right in [0, w] × [0, h]. The coat texture comes from the style (zebra stripes, giraffe spots). */
final class AnimalPainter {
    private AnimalPainter() {
    }

    /** Horse and zebra: the same silhouette; the coat tells them apart. */
    static void horse(Graphics2D g, Thing t, double w, double h) {
        Color dark = t.accent2;
        line(g, 0.16 * w, 0.38 * h, 0.04 * w, 0.7 * h, Math.max(1.2, 0.05 * w), dark); // tail
        double legW = 0.075 * w;
        for (double x : new double[] {0.2, 0.3, 0.62, 0.72}) {
            fill(g, Draw.rect(x * w, 0.5 * h, legW, 0.5 * h), t.style);
            fill(g, Draw.rect(x * w, 0.94 * h, legW, 0.06 * h), dark);
        }
        fill(g, oval(0.13 * w, 0.28 * h, 0.7 * w, 0.34 * h), t.style);
        fill(g, poly(0.66 * w, 0.34 * h, 0.78 * w, 0.06 * h, 0.9 * w, 0.1 * h, 0.82 * w, 0.45 * h), t.style);
        fill(g, poly(0.78 * w, 0.02 * h, 0.98 * w, 0.12 * h, 1.0 * w, 0.22 * h, 0.8 * w, 0.2 * h), t.style);
        line(g, 0.7 * w, 0.3 * h, 0.8 * w, 0.04 * h, Math.max(1, 0.04 * w), dark); // mane
        fill(g, oval(0.86 * w, 0.08 * h, 0.035 * w, 0.035 * w), Color.BLACK);
    }

    static void giraffe(Graphics2D g, Thing t, double w, double h) {
        double legW = 0.06 * w;
        for (double x : new double[] {0.14, 0.24, 0.56, 0.66}) {
            fill(g, Draw.rect(x * w, 0.6 * h, legW, 0.4 * h), t.style);
        }
        fill(g, oval(0.08 * w, 0.48 * h, 0.68 * w, 0.22 * h), t.style);
        fill(g, poly(0.6 * w, 0.56 * h, 0.74 * w, 0.1 * h, 0.86 * w, 0.12 * h, 0.76 * w, 0.6 * h), t.style);
        fill(g, poly(0.72 * w, 0.06 * h, 0.98 * w, 0.1 * h, 1.0 * w, 0.16 * h, 0.76 * w, 0.16 * h), t.style);
        line(g, 0.76 * w, 0.06 * h, 0.76 * w, 0.0 * h + 1, Math.max(1, 0.03 * w), t.accent2); // horns
        line(g, 0.08 * w, 0.52 * h, 0.03 * w, 0.7 * h, 1, t.accent2);
    }

    static void elephant(Graphics2D g, Thing t, double w, double h) {
        double legW = 0.13 * w;
        for (double x : new double[] {0.15, 0.3, 0.55, 0.68}) {
            fill(g, Draw.rect(x * w, 0.5 * h, legW, 0.5 * h), t.style);
        }
        fill(g, oval(0.05 * w, 0.12 * h, 0.78 * w, 0.58 * h), t.style);
        fill(g, oval(0.64 * w, 0.06 * h, 0.32 * w, 0.42 * h), t.style);
        line(g, 0.9 * w, 0.35 * h, 0.93 * w, 0.92 * h, Math.max(1.5, 0.08 * w), darker(t.style.base(), 0.9));
        fill(g, oval(0.56 * w, 0.1 * h, 0.2 * w, 0.38 * h), darker(t.style.base(), 0.8)); // ear
        fill(g, poly(0.84 * w, 0.4 * h, 0.98 * w, 0.5 * h, 0.86 * w, 0.46 * h), Color.WHITE); // tusk
        fill(g, oval(0.82 * w, 0.2 * h, 0.03 * w, 0.03 * w), Color.BLACK);
    }

    static void dog(Graphics2D g, Thing t, double w, double h) {
        line(g, 0.14 * w, 0.45 * h, 0.03 * w, 0.12 * h, Math.max(1, 0.06 * w), t.style.base()); // tail up
        double legW = 0.09 * w;
        for (double x : new double[] {0.18, 0.3, 0.56, 0.66}) {
            fill(g, Draw.rect(x * w, 0.55 * h, legW, 0.45 * h), t.style);
        }
        fill(g, oval(0.1 * w, 0.35 * h, 0.66 * w, 0.33 * h), t.style);
        fill(g, oval(0.6 * w, 0.05 * h, 0.34 * w, 0.42 * h), t.style);
        fill(g, poly(0.86 * w, 0.2 * h, 1.0 * w, 0.3 * h, 0.9 * w, 0.38 * h), t.style); // snout
        fill(g, oval(0.6 * w, 0.08 * h, 0.14 * w, 0.34 * h), t.accent2); // ear
        fill(g, oval(0.8 * w, 0.16 * h, 0.05 * w, 0.05 * w), Color.BLACK);
    }

    static void bird(Graphics2D g, Thing t, double w, double h) {
        line(g, 0.4 * w, 0.8 * h, 0.38 * w, h - 0.5, 1, Color.DARK_GRAY);
        line(g, 0.55 * w, 0.8 * h, 0.57 * w, h - 0.5, 1, Color.DARK_GRAY);
        fill(g, poly(0.0 * w, 0.35 * h, 0.2 * w, 0.45 * h, 0.12 * w, 0.6 * h), darker(t.style.base(), 0.7));
        fill(g, oval(0.1 * w, 0.3 * h, 0.66 * w, 0.52 * h), t.style);
        fill(g, oval(0.55 * w, 0.05 * h, 0.36 * w, 0.42 * h), t.style);
        fill(g, poly(0.88 * w, 0.18 * h, 1.0 * w, 0.28 * h, 0.88 * w, 0.34 * h), t.accent);
        fill(g, oval(0.22 * w, 0.38 * h, 0.36 * w, 0.22 * h), t.accent2); // wing
        fill(g, oval(0.72 * w, 0.16 * h, 0.07 * w, 0.07 * w), Color.BLACK);
    }
}
