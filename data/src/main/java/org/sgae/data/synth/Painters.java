package org.sgae.data.synth;

import java.awt.Graphics2D;

/** Dispatches a thing to its class's drawing program (local frame [0, w] × [0, h]). */
final class Painters {
    private Painters() {
    }

    static void paint(Graphics2D g, Thing t, double w, double h) {
        switch (t.name) {
            case "man", "woman", "child", "person" -> PeoplePainter.person(g, t, w, h);
            case "hat" -> PeoplePainter.hat(g, t, w, h);
            case "helmet" -> PeoplePainter.helmet(g, t, w, h);
            case "shirt" -> PeoplePainter.shirt(g, t, w, h);
            case "jacket" -> PeoplePainter.jacket(g, t, w, h);
            case "umbrella" -> PeoplePainter.umbrella(g, t, w, h);
            case "cup" -> PeoplePainter.cup(g, t, w, h);
            case "bag" -> PeoplePainter.bag(g, t, w, h);
            case "racket" -> PeoplePainter.racket(g, t, w, h);
            case "kite" -> PeoplePainter.kite(g, t, w, h);
            case "horse", "zebra" -> AnimalPainter.horse(g, t, w, h);
            case "giraffe" -> AnimalPainter.giraffe(g, t, w, h);
            case "elephant" -> AnimalPainter.elephant(g, t, w, h);
            case "dog" -> AnimalPainter.dog(g, t, w, h);
            case "bird" -> AnimalPainter.bird(g, t, w, h);
            case "bike" -> ThingPainter.bike(g, t, w, h);
            case "motorcycle" -> ThingPainter.motorcycle(g, t, w, h);
            case "car" -> ThingPainter.car(g, t, w, h);
            case "bus" -> ThingPainter.bus(g, t, w, h);
            case "wheel" -> ThingPainter.wheel(g, t, w, h);
            case "window" -> ThingPainter.window(g, t, w, h);
            case "door" -> ThingPainter.door(g, t, w, h);
            case "roof" -> ThingPainter.roof(g, t, w, h);
            case "house" -> ThingPainter.house(g, t, w, h);
            case "building" -> ThingPainter.building(g, t, w, h);
            case "table" -> ThingPainter.table(g, t, w, h);
            case "bench" -> ThingPainter.bench(g, t, w, h);
            case "plate" -> ThingPainter.plate(g, t, w, h);
            case "vase" -> ThingPainter.vase(g, t, w, h);
            case "orange" -> ThingPainter.orange(g, t, w, h);
            case "tree" -> ThingPainter.tree(g, t, w, h);
            case "sign" -> ThingPainter.sign(g, t, w, h);
            case "pole" -> ThingPainter.pole(g, t, w, h);
            case "fence" -> ThingPainter.fence(g, t, w, h);
            case "flower" -> ThingPainter.flower(g, t, w, h);
            case "rock" -> ThingPainter.rock(g, t, w, h);
            case "street" -> ThingPainter.street(g, t, w, h);
            case "snow" -> ThingPainter.snow(g, t, w, h);
            default -> throw new IllegalArgumentException("no painter for class '" + t.name + "'");
        }
    }
}
