package org.sgae.data.synth;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Decides what an image shows: background kind, an optional ground region, then groups of things whose
 * placement makes their relations visible (vg150-format.md §8.3). Sizes are in units of U = H · depth scale,
 * where things lower in the image (closer) are bigger.
 */
final class Composer {
    private static final String[] OUTDOOR = {"person", "rider", "animal", "vehicle", "house", "building", "table",
        "bench", "signpost", "tree", "fence", "rock", "flowers", "sky"};
    private static final double[] OUTDOOR_W = {3.0, 1.6, 1.4, 1.2, 0.8, 0.4, 2.2, 1.6, 1.6, 1.0, 0.5, 0.6, 0.5, 0.7};
    private static final String[] INDOOR = {"person", "table", "bench", "dog", "flowers", "wallwindow"};
    private static final double[] INDOOR_W = {3.0, 3.5, 0.6, 0.6, 0.4, 0.8};
    static final int MAX_OBJECTS = 12;
    /** Share of perching birds drawn flying a little above their perch instead. */
    static final double BIRD_FLYING = 0.35;
    /** Share of vehicles drawn parked in front of a house. */
    static final double HOUSE_BEHIND_VEHICLE = 0.4;

    private final SplittableRandom r;
    private final int width;
    private final int height;
    private final Scene scene;
    private final People people;

    private Composer(SplittableRandom r, int width, int height) {
        this.r = r;
        this.width = width;
        this.height = height;
        boolean indoor = r.nextDouble() < 0.25;
        this.scene = new Scene(width, height, indoor, height * (0.33 + 0.17 * r.nextDouble()));
        this.people = new People(r);
    }

    static Scene compose(SplittableRandom r, int width, int height) {
        return new Composer(r, width, height).build();
    }

    private Scene build() {
        List<Group> groups = new ArrayList<>();
        int count = 0;
        if (!scene.indoor && r.nextDouble() < 0.8) {
            groups.add(region());
            count++;
        }
        int target = 3;
        for (int k = 0; k < 9; k++) {
            target += r.nextDouble() < 0.33 ? 1 : 0;
        }
        for (int tries = 0; count < target && tries < 30; tries++) {
            Group g = group();
            if (count + g.things.size() <= MAX_OBJECTS) {
                groups.add(g);
                count += g.things.size();
            }
        }
        groups.sort(Comparator.comparingDouble(g -> g.ground)); // back to front
        for (Group g : groups) {
            for (Thing t : g.things) {
                if (t.style == null) {
                    Looks.dress(t, r);
                }
                scene.things.add(t);
            }
        }
        for (Group g : groups) {
            for (Object[] rel : g.rels) {
                scene.relate((Thing) rel[0], (Integer) rel[1], (Thing) rel[2]);
            }
        }
        return scene;
    }

    private Group group() {
        String kind = scene.indoor ? pick(INDOOR, INDOOR_W) : pick(OUTDOOR, OUTDOOR_W);
        double yg = scene.horizon + (0.12 + 0.88 * r.nextDouble()) * (height - scene.horizon);
        double depth = (yg - scene.horizon) / (height - scene.horizon);
        double u = height * (0.55 + 0.6 * depth);
        double cx = width * (0.08 + 0.84 * r.nextDouble());
        Group g = new Group(kind.equals("sky") || kind.equals("wallwindow") ? 0 : yg); // far things first
        switch (kind) {
            case "person" -> people.person(g, cx, yg, u);
            case "rider" -> people.rider(g, cx, yg, u);
            case "animal" -> animal(g, cx, yg, u, pick(new String[] {"dog", "horse", "zebra", "elephant", "giraffe"},
                    new double[] {0.35, 0.25, 0.15, 0.12, 0.13}));
            case "dog" -> animal(g, cx, yg, u, "dog");
            case "vehicle" -> {
                boolean house = r.nextDouble() < HOUSE_BEHIND_VEHICLE;
                if (house) { // parked in front of a house, hiding part of it
                    Buildings.house(g, r, cx + (r.nextDouble() - 0.5) * 0.5 * u, yg - 0.08 * u, u);
                }
                int body = g.things.size();
                Buildings.vehicle(g, r, cx, yg, u);
                if (house) {
                    hideParts(g, g.things.subList(0, body), g.things.get(body));
                }
            }
            case "house" -> Buildings.house(g, r, cx, yg, u);
            case "building" -> Buildings.building(g, r, cx, yg, u);
            case "wallwindow" -> Buildings.wallWindow(g, r, cx, scene.horizon, u);
            case "table" -> Furniture.table(g, r, cx, yg, u);
            case "bench" -> Furniture.bench(g, r, cx, yg, u);
            case "signpost" -> Furniture.signpost(g, r, cx, yg, u);
            case "tree" -> perch(g, g.addAt("tree", cx, yg, 0.6 * u * jit(), 0.9 * u * jit()), u, 0.7);
            case "fence" -> perch(g, g.addAt("fence", cx, yg, (0.9 + 0.4 * r.nextDouble()) * u, 0.25 * u * jit()),
                    u, 0.9);
            case "rock" -> {
                Thing rock = g.addAt("rock", cx, yg, 0.32 * u * jit(), 0.2 * u * jit());
                perch(g, rock, u, 0.8);
            }
            case "flowers" -> {
                int n = 1 + r.nextInt(3);
                for (int k = 0; k < n; k++) {
                    Thing f = g.addAt("flower", cx + (k - (n - 1) / 2.0) * 0.13 * u, yg, 0.12 * u * jit(),
                            0.25 * u * jit());
                    f.rot = (r.nextDouble() - 0.5) * 0.2;
                }
            }
            case "sky" -> sky(g, cx, u);
            default -> throw new IllegalStateException(kind);
        }
        for (Thing t : g.things) {
            if (t.mirror == false && mirrorable(t.name)) {
                t.mirror = r.nextBoolean();
            }
        }
        return g;
    }

    /**
     * The vehicle is in front of the house's door and window, and they are behind it, where the drawing shows
     * it (TrueGraph keeps these only if the vehicle covers enough of them): the pairs (car, window) and
     * (window, car) then take "in front of" / "behind" as well as has / part of.
     */
    private static void hideParts(Group g, List<Thing> house, Thing vehicle) {
        for (Thing part : house) {
            if (part.name.equals("window") || part.name.equals("door")) {
                g.rel(vehicle, Vocab.IN_FRONT_OF, part);
                g.rel(part, Vocab.BEHIND, vehicle);
            }
        }
    }

    private static boolean mirrorable(String name) {
        return switch (name) {
            case "horse", "zebra", "giraffe", "elephant", "dog", "bird", "bike", "motorcycle", "rock" -> true;
            default -> false; // composites place their parts themselves; people are symmetric
        };
    }

    /** Street or snow region across the lower part of the image (objects standing inside it are "in" it). */
    private Group region() {
        double y1 = scene.horizon + (0.02 + 0.15 * r.nextDouble()) * (height - scene.horizon);
        boolean full = r.nextDouble() < 0.6;
        double x1 = full ? 0 : width * 0.4 * r.nextDouble();
        double x2 = full ? width : width * (0.6 + 0.4 * r.nextDouble());
        Group g = new Group(-1); // drawn first
        g.add(r.nextDouble() < 0.65 ? "street" : "snow", x1, y1, x2, height);
        return g;
    }

    private void animal(Group g, double cx, double yg, double u, String name) {
        double[] wh = switch (name) {
            case "dog" -> new double[] {0.36, 0.26};
            case "horse", "zebra" -> new double[] {0.75, 0.6};
            case "elephant" -> new double[] {0.85, 0.7};
            default -> new double[] {0.55, 1.0}; // giraffe
        };
        g.addAt(name, cx, yg, wh[0] * u * jit(), wh[1] * u * jit());
    }

    /**
     * With probability p a bird (or, on a rock, a dog) stands on top of {@code base}; a bird may instead fly
     * a little above it (above and near follow from the boxes).
     */
    private Group perch(Group g, Thing base, double u, double p) {
        if (r.nextDouble() < p) {
            boolean dog = base.name.equals("rock") && r.nextBoolean();
            double w = dog ? 0.3 * u : 0.1 * u;
            double h = dog ? 0.22 * u : 0.09 * u;
            double x = base.x1 + base.w() * (0.3 + 0.4 * r.nextDouble());
            double top = base.name.equals("rock") ? base.y1 + 0.1 * base.h() : base.y1;
            double lift = r.nextDouble() < BIRD_FLYING ? (0.06 + 0.12 * r.nextDouble()) * u : 0;
            Thing t = g.addAt(dog ? "dog" : "bird", x, top + 1 - (dog ? 0 : lift), w, h);
            g.rel(t, dog || lift == 0 ? Vocab.ON : Vocab.ABOVE, base);
        }
        return g;
    }

    /** A bird or a kite in the sky, above whatever stands below. */
    private void sky(Group g, double cx, double u) {
        boolean kite = r.nextDouble() < 0.45;
        double s = height * (kite ? 0.18 : 0.09) * jit();
        double y = height * 0.04 + r.nextDouble() * Math.max(1, scene.horizon - s - height * 0.04);
        Thing t = g.add(kite ? "kite" : "bird", cx - s / 2, y, cx + s / 2, y + s * (kite ? 1.3 : 0.8));
        t.rot = (r.nextDouble() - 0.5) * (kite ? 0.6 : 0.2);
    }

    private double jit() {
        return 0.85 + 0.3 * r.nextDouble();
    }

    private String pick(String[] names, double[] weights) {
        double sum = 0;
        for (double w : weights) {
            sum += w;
        }
        double x = r.nextDouble() * sum;
        for (int i = 0; i < names.length; i++) {
            x -= weights[i];
            if (x < 0) {
                return names[i];
            }
        }
        return names[names.length - 1];
    }
}
