package org.sgae.data.synth;

import java.util.SplittableRandom;

/** Composites with parts (has / part of): cars and buses with wheels and windows, houses, buildings. */
final class Buildings {
    private Buildings() {
    }

    static void vehicle(Group g, SplittableRandom r, double cx, double yg, double u) {
        boolean bus = r.nextDouble() < 0.3;
        double w = (bus ? 1.3 : 0.85) * u * (0.9 + 0.2 * r.nextDouble());
        double h = (bus ? 0.6 : 0.38) * u;
        double wheelD = (bus ? 0.3 : 0.42) * h;
        Thing body = g.add(bus ? "bus" : "car", cx - w / 2, yg - h, cx + w / 2, yg - 0.6 * wheelD);
        double bh = body.h();
        boolean flip = r.nextBoolean(); // which end is the front
        if (bus) {
            int n = 3 + r.nextInt(2);
            for (int k = 0; k < n; k++) {
                double x0 = 0.06 + k * 0.7 / n;
                g.part(body, g.add("window", x(body, x0, flip, 0.7 / n - 0.03), body.y1 + 0.12 * bh,
                        x(body, x0, flip, 0.7 / n - 0.03) + (0.7 / n - 0.03) * w, body.y1 + 0.48 * bh));
            }
            double dx = x(body, 0.8, flip, 0.12);
            g.part(body, g.add("door", dx, body.y1 + 0.15 * bh, dx + 0.12 * w, body.y2 - 0.04 * bh));
        } else {
            for (double x0 : new double[] {0.33, 0.52}) {
                double wx = x(body, x0, flip, 0.16);
                g.part(body, g.add("window", wx, body.y1 + 0.08 * bh, wx + 0.16 * w, body.y1 + 0.4 * bh));
            }
        }
        for (double fx : new double[] {0.2, 0.8}) {
            double wx = body.x1 + fx * w;
            g.part(body, g.add("wheel", wx - wheelD / 2, yg - wheelD, wx + wheelD / 2, yg));
        }
    }

    /** Left edge of a part spanning [f, f + pw] of the body width, mirrored when {@code flip}. */
    private static double x(Thing body, double f, boolean flip, double pw) {
        return flip ? body.x2 - (f + pw) * body.w() : body.x1 + f * body.w();
    }

    static void house(Group g, SplittableRandom r, double cx, double yg, double u) {
        double w = 0.8 * u * (0.85 + 0.3 * r.nextDouble());
        double h = 0.55 * u * (0.85 + 0.3 * r.nextDouble());
        Thing house = g.addAt("house", cx, yg, w, h);
        Thing roof = g.add("roof", house.x1 - 0.06 * w, house.y1 - 0.38 * h, house.x2 + 0.06 * w, house.y1 + 1);
        g.part(house, roof);
        g.rel(roof, Vocab.ON, house);
        boolean doorLeft = r.nextBoolean();
        double dx = house.x1 + (doorLeft ? 0.15 : 0.62) * w;
        g.part(house, g.add("door", dx, house.y1 + 0.42 * h, dx + 0.22 * w, house.y2));
        double wx = house.x1 + (doorLeft ? 0.55 : 0.12) * w;
        g.part(house, g.add("window", wx, house.y1 + 0.2 * h, wx + 0.3 * w, house.y1 + 0.6 * h));
    }

    static void building(Group g, SplittableRandom r, double cx, double yg, double u) {
        double w = 0.55 * u * (0.85 + 0.3 * r.nextDouble());
        double h = 1.15 * u * (0.85 + 0.3 * r.nextDouble());
        Thing b = g.addAt("building", cx, yg, w, h);
        int n = 1 + r.nextInt(3);
        for (int k = 0; k < n; k++) {
            double wy = b.y1 + (0.12 + k * 0.25) * h;
            double wx = b.x1 + (r.nextBoolean() ? 0.12 : 0.55) * w;
            g.part(b, g.add("window", wx, wy, wx + 0.33 * w, wy + 0.17 * h));
        }
    }

    /** Indoors: a window on the wall, above the floor line. */
    static void wallWindow(Group g, SplittableRandom r, double cx, double floorLine, double u) {
        double w = 0.35 * u * (0.8 + 0.4 * r.nextDouble());
        double h = 0.42 * u * (0.8 + 0.4 * r.nextDouble());
        double bottom = floorLine - 0.1 * floorLine * r.nextDouble();
        g.addAt("window", cx, bottom, w, Math.min(h, bottom - 2));
    }
}
