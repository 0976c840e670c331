package org.sgae.data.synth;

import java.util.ArrayList;
import java.util.List;

/**
 * Things composed together (a person with what they wear and hold, a table with what stands on it, a car
 * with its wheels). Members are listed in drawing order; groups are drawn back to front by {@link #ground}.
 */
final class Group {
    final double ground;
    final List<Thing> things = new ArrayList<>();
    /** Built-in relations as {subject, object} things plus the predicate. */
    final List<Object[]> rels = new ArrayList<>();

    Group(double ground) {
        this.ground = ground;
    }

    Thing add(String name, double x1, double y1, double x2, double y2) {
        Thing t = new Thing(name, x1, y1, x2, y2);
        things.add(t);
        return t;
    }

    /** Adds a thing of size w × h whose bottom edge sits at y with its centre at x. */
    Thing addAt(String name, double cx, double bottom, double w, double h) {
        return add(name, cx - w / 2, bottom - h, cx + w / 2, bottom);
    }

    void rel(Thing s, int pred, Thing o) {
        rels.add(new Object[] {s, pred, o});
    }

    /** Whole-part pair: whole has part, part is part of whole. */
    void part(Thing whole, Thing part) {
        rel(whole, Vocab.HAS, part);
        rel(part, Vocab.PART_OF, whole);
    }
}
