package org.sgae.data.synth;

import java.util.ArrayList;
import java.util.List;

/**
 * A composed image: size, background, and the things in painter's order (index = z-order, later is in
 * front). {@code semantic} holds the relations the composer built into the drawing, as {s, o, predicate}
 * over thing indices.
 */
final class Scene {
    final int width;
    final int height;
    final boolean indoor;
    /** Horizon (outdoor) or wall/floor line (indoor), pixels from the top. */
    final double horizon;
    final List<Thing> things = new ArrayList<>();
    final List<int[]> semantic = new ArrayList<>();
    /** Per pixel (y · width + x), the index of the thing painted last there (−1: background); set by the renderer. */
    int[] owner;

    Scene(int width, int height, boolean indoor, double horizon) {
        this.width = width;
        this.height = height;
        this.indoor = indoor;
        this.horizon = horizon;
    }

    int indexOf(Thing t) {
        for (int i = 0; i < things.size(); i++) {
            if (things.get(i) == t) {
                return i;
            }
        }
        throw new IllegalArgumentException("thing not in scene: " + t.name);
    }

    void relate(Thing s, int pred, Thing o) {
        semantic.add(new int[] {indexOf(s), indexOf(o), pred});
    }
}
