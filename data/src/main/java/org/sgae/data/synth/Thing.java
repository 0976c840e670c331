package org.sgae.data.synth;

import java.awt.Color;
import java.util.BitSet;

/**
 * One drawn object. The composer sets the planned box (pixels, x2/y2 exclusive), pose and style; the
 * renderer sets {@link #box}, the tight box of the pixels actually drawn (alpha ≥ 1/8), or leaves it null
 * when nothing landed inside the image.
 */
final class Thing {
    enum Texture { SOLID, STRIPES, SPOTS, CHECKS, GRADIENT }

    /** Colours and pattern of one instance. texScale is the pattern period in pixels. */
    record Style(Color base, Color second, Texture texture, double texScale, double texAngle) {
    }

    final int cls;
    final String name;
    double x1;
    double y1;
    double x2;
    double y2;
    boolean mirror;
    /** Rotation about the planned box centre, radians (small; only for free-standing objects). */
    double rot;
    /** 1 = seated (riding) for people; 0 otherwise. */
    int pose;
    Style style;
    /** Secondary colours: skin and hair for people, detail colours for other classes. */
    Color accent = Color.GRAY;
    Color accent2 = Color.DARK_GRAY;
    /** Tight box of the rendered pixels, [x1, y1, x2, y2) ints; null if invisible. */
    int[] box;
    /** The thing's own rendered pixels (alpha ≥ 1/8), as y · width + x, whatever was drawn over them later. */
    BitSet pixels = new BitSet();
    /** How many of {@link #pixels} no later thing painted over. */
    int visible;

    Thing(String name, double x1, double y1, double x2, double y2) {
        this.cls = Vocab.cls(name);
        this.name = name;
        this.x1 = x1;
        this.y1 = y1;
        this.x2 = x2;
        this.y2 = y2;
    }

    double w() {
        return x2 - x1;
    }

    double h() {
        return y2 - y1;
    }

    double cx() {
        return (x1 + x2) / 2;
    }
}
