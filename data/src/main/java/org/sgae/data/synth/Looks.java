package org.sgae.data.synth;

import java.awt.Color;
import java.util.SplittableRandom;

/**
 * Per-class palettes and textures, with per-instance jitter of hue/value, texture and pattern scale.
 * Zebras always get black-and-white stripes and giraffes brown spots on yellow (vg150-format.md §8.2).
 */
final class Looks {
    private static final Thing.Texture[] CLOTH = {Thing.Texture.SOLID, Thing.Texture.STRIPES,
        Thing.Texture.CHECKS, Thing.Texture.SPOTS, Thing.Texture.SOLID, Thing.Texture.GRADIENT};
    private static final int[][] SKIN = {{241, 200, 165}, {224, 172, 125}, {180, 125, 85}, {120, 80, 55}};
    private static final int[][] HAIR = {{30, 25, 20}, {90, 60, 30}, {200, 170, 90}, {120, 120, 120}};

    private Looks() {
    }

    static void dress(Thing t, SplittableRandom r) {
        t.accent = jitter(pick(r, new int[][] {{240, 240, 235}, {30, 30, 30}, {200, 40, 40}}), r, 0.1);
        t.accent2 = jitter(pick(r, HAIR), r, 0.1);
        t.style = switch (t.name) {
            case "man", "woman", "child", "person" -> {
                t.accent = jitter(pick(r, SKIN), r, 0.05);
                yield style(r, bright(r), CLOTH);
            }
            case "shirt" -> style(r, bright(r), Thing.Texture.STRIPES, Thing.Texture.CHECKS, Thing.Texture.SOLID);
            case "jacket" -> style(r, jitter(pick(r, new int[][] {{50, 50, 60}, {90, 60, 40}, {40, 70, 50},
                {120, 30, 30}}), r, 0.15), Thing.Texture.SOLID, Thing.Texture.GRADIENT);
            case "hat" -> style(r, jitter(pick(r, new int[][] {{150, 110, 60}, {40, 40, 40}, {200, 50, 50},
                {230, 220, 190}}), r, 0.1), Thing.Texture.SOLID, Thing.Texture.STRIPES);
            case "helmet" -> style(r, bright(r), Thing.Texture.SOLID, Thing.Texture.GRADIENT);
            case "horse" -> style(r, jitter(pick(r, new int[][] {{120, 70, 35}, {70, 45, 25}, {160, 120, 80},
                {60, 60, 60}}), r, 0.12), Thing.Texture.SOLID, Thing.Texture.GRADIENT);
            case "zebra" -> {
                t.accent2 = Color.BLACK;
                yield new Thing.Style(new Color(245, 245, 240), new Color(15, 15, 15), Thing.Texture.STRIPES,
                        1.5 + r.nextDouble() * 1.5, 0);
            }
            case "giraffe" -> {
                t.accent2 = new Color(90, 60, 30);
                yield new Thing.Style(jitter(new int[] {230, 190, 90}, r, 0.06), jitter(new int[] {130, 75, 30}, r,
                        0.08), Thing.Texture.SPOTS, 2 + r.nextDouble() * 1.5, 0);
            }
            case "elephant" -> style(r, jitter(new int[] {130, 128, 125}, r, 0.1), Thing.Texture.SOLID,
                    Thing.Texture.GRADIENT);
            case "dog" -> style(r, jitter(pick(r, new int[][] {{190, 140, 80}, {40, 35, 30}, {230, 225, 215},
                {150, 100, 60}}), r, 0.1), Thing.Texture.SOLID, Thing.Texture.SPOTS);
            case "bird" -> style(r, bright(r), Thing.Texture.SOLID, Thing.Texture.GRADIENT);
            case "wheel" -> style(r, jitter(new int[] {170, 170, 175}, r, 0.1), Thing.Texture.SOLID);
            case "window" -> {
                t.accent = jitter(pick(r, new int[][] {{245, 245, 245}, {60, 50, 45}}), r, 0.05);
                yield new Thing.Style(jitter(new int[] {150, 200, 235}, r, 0.08), jitter(new int[] {70, 110, 160},
                        r, 0.08), Thing.Texture.GRADIENT, 3, 0);
            }
            case "door" -> style(r, jitter(new int[] {120, 75, 40}, r, 0.15), Thing.Texture.SOLID,
                    Thing.Texture.GRADIENT);
            case "roof" -> style(r, jitter(pick(r, new int[][] {{160, 50, 40}, {90, 60, 50}, {60, 70, 90}}), r,
                    0.1), Thing.Texture.STRIPES);
            case "house" -> style(r, jitter(pick(r, new int[][] {{235, 220, 180}, {200, 215, 230}, {230, 190,
                170}, {250, 250, 245}}), r, 0.05), Thing.Texture.SOLID, Thing.Texture.STRIPES);
            case "building" -> style(r, jitter(pick(r, new int[][] {{150, 150, 155}, {190, 170, 140}, {120, 90,
                80}}), r, 0.08), Thing.Texture.CHECKS);
            case "table", "bench" -> style(r, jitter(pick(r, new int[][] {{140, 95, 55}, {100, 70, 45}, {200,
                170, 120}}), r, 0.1), Thing.Texture.SOLID, Thing.Texture.STRIPES);
            case "plate" -> style(r, jitter(new int[] {245, 245, 240}, r, 0.03), Thing.Texture.SOLID);
            case "orange" -> style(r, jitter(new int[] {245, 140, 20}, r, 0.06), Thing.Texture.SOLID,
                    Thing.Texture.GRADIENT);
            case "tree" -> {
                t.accent = jitter(new int[] {100, 65, 35}, r, 0.1);
                yield new Thing.Style(jitter(new int[] {50, 130, 50}, r, 0.15), jitter(new int[] {30, 90, 35}, r,
                        0.1), Thing.Texture.SPOTS, 2.5, 0);
            }
            case "pole" -> style(r, jitter(new int[] {160, 160, 165}, r, 0.1), Thing.Texture.SOLID);
            case "fence" -> style(r, jitter(pick(r, new int[][] {{240, 240, 235}, {150, 100, 60}}), r, 0.05),
                    Thing.Texture.SOLID);
            case "rock" -> style(r, jitter(new int[] {125, 120, 115}, r, 0.15), Thing.Texture.SPOTS,
                    Thing.Texture.GRADIENT);
            case "street" -> {
                t.accent = jitter(pick(r, new int[][] {{240, 240, 240}, {240, 200, 40}}), r, 0.05);
                yield style(r, jitter(new int[] {75, 75, 80}, r, 0.1), Thing.Texture.SOLID);
            }
            case "snow" -> new Thing.Style(jitter(new int[] {240, 245, 252}, r, 0.02), new Color(205, 215, 235),
                    Thing.Texture.SPOTS, 3, 0);
            default -> style(r, bright(r), CLOTH); // bike, motorcycle, car, bus, umbrella, cup, bag, racket, kite, vase, sign, flower
        };
    }

    private static Thing.Style style(SplittableRandom r, Color base, Thing.Texture... allowed) {
        Thing.Texture tex = allowed[r.nextInt(allowed.length)];
        Color second = tex == Thing.Texture.GRADIENT ? Draw.darker(base, 0.55)
                : Draw.mix(base, r.nextBoolean() ? Color.WHITE : Color.BLACK, 0.45);
        return new Thing.Style(base, second, tex, 1.5 + r.nextDouble() * 2.5, r.nextInt(3));
    }

    /** A saturated colour of random hue (HSB), for manufactured things. */
    private static Color bright(SplittableRandom r) {
        return Color.getHSBColor((float) r.nextDouble(), 0.55f + 0.4f * (float) r.nextDouble(),
                0.55f + 0.4f * (float) r.nextDouble());
    }

    private static int[] pick(SplittableRandom r, int[][] options) {
        return options[r.nextInt(options.length)];
    }

    /** Value jitter of ± amount (relative), per channel a little hue jitter of ± amount/2. */
    private static Color jitter(int[] rgb, SplittableRandom r, double amount) {
        double v = 1 + (r.nextDouble() * 2 - 1) * amount;
        return new Color(Draw.clamp(rgb[0] * v * (1 + (r.nextDouble() - 0.5) * amount)),
                Draw.clamp(rgb[1] * v * (1 + (r.nextDouble() - 0.5) * amount)),
                Draw.clamp(rgb[2] * v * (1 + (r.nextDouble() - 0.5) * amount)));
    }
}
