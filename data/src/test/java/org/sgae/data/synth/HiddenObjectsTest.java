package org.sgae.data.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Objects hidden behind later ones are not annotated (TrueGraph.MIN_VISIBLE), partly covered ones are. */
class HiddenObjectsTest {
    private static final SplittableRandom R = new SplittableRandom(7);

    private static Thing add(Scene s, String name, double x1, double y1, double x2, double y2) {
        Thing t = new Thing(name, x1, y1, x2, y2);
        Looks.dress(t, R);
        s.things.add(t);
        return t;
    }

    private static boolean annotated(TrueGraph g, Scene s, Thing t) {
        int i = s.indexOf(t);
        for (int o : g.objects()) {
            if (o == i) {
                return true;
            }
        }
        return false;
    }

    /** Predicate bits of the pair (a, b) in the truth, 0 when absent. */
    private static int bits(TrueGraph g, Scene s, Thing a, Thing b) {
        for (int k = 0; k < g.pairs().size(); k++) {
            int[] p = g.pairs().get(k);
            if (g.objects()[p[0]] == s.indexOf(a) && g.objects()[p[1]] == s.indexOf(b)) {
                return g.preds().get(k);
            }
        }
        return 0;
    }

    @Test
    void fullyCoveredObjectLosesItsAnnotationAndRelations() {
        Scene s = new Scene(128, 128, false, 40);
        Thing rock = add(s, "rock", 40, 60, 70, 90);
        Thing bird = add(s, "bird", 50, 52, 60, 61); // drawn on the rock's top edge, before the house
        s.relate(bird, Vocab.ON, rock);
        Thing house = add(s, "house", 20, 40, 100, 110); // covers both completely
        Thing kite = add(s, "kite", 55, 5, 75, 30); // stays in view above everything
        SceneRenderer.render(s, new SplittableRandom(1));
        assertTrue(rock.pixels.cardinality() > 100 && rock.visible == 0, "the rock was drawn, then covered");
        TrueGraph g = TrueGraph.of(s);
        assertTrue(!annotated(g, s, rock) && !annotated(g, s, bird));
        assertTrue(annotated(g, s, house) && annotated(g, s, kite));
        assertEquals(2, g.objects().length);
        assertEquals(1 << Vocab.ABOVE, bits(g, s, kite, house), "only the visible pair keeps a relation");
        assertEquals(2, g.pairs().size(), "kite above house, house under kite");
    }

    @Test
    void partlyCoveredObjectKeepsItsAnnotationAndIsBehind() {
        Scene s = new Scene(128, 128, false, 40);
        Thing rock = add(s, "rock", 88, 70, 124, 100);
        Thing house = add(s, "house", 20, 40, 100, 110); // covers the rock's left third
        SceneRenderer.render(s, new SplittableRandom(1));
        double shown = (double) rock.visible / rock.pixels.cardinality();
        assertTrue(shown > 0.5 && shown < 0.9, "partly covered: " + shown);
        TrueGraph g = TrueGraph.of(s);
        assertTrue(annotated(g, s, rock));
        assertTrue((bits(g, s, rock, house) & (1 << Vocab.BEHIND)) != 0, "rock behind house");
        assertTrue((bits(g, s, house, rock) & (1 << Vocab.IN_FRONT_OF)) != 0, "house in front of rock");
    }

    /**
     * Over many composed scenes: a ground region lies below the horizon and is painted before everything
     * standing on it (no pixel of another thing is ever covered by it), and "in" a region means standing on
     * its pixels, not merely inside its box.
     */
    @Test
    void groundRegionsStayOnTheGroundUnderStandingThings() {
        int regions = 0;
        int inRelations = 0;
        for (int i = 0; i < 300; i++) {
            SplittableRandom r = new SplittableRandom(SynthConfig.mix(99, i));
            Scene s = Composer.compose(r, 128, 128);
            SceneRenderer.render(s, r);
            for (int ir = 0; ir < s.things.size(); ir++) {
                Thing region = s.things.get(ir);
                if (!Geometry.isContainer(region.name) || region.box == null) {
                    continue;
                }
                regions++;
                assertTrue(region.box[1] >= s.horizon, "region top " + region.box[1] + " above the horizon " + s.horizon);
                for (Thing t : s.things) {
                    for (int p = t.pixels.nextSetBit(0); t != region && p >= 0; p = t.pixels.nextSetBit(p + 1)) {
                        assertTrue(s.owner[p] != ir, "region painted over a " + t.name + " in scene " + i);
                    }
                }
            }
            TrueGraph g = TrueGraph.of(s);
            for (int k = 0; k < g.pairs().size(); k++) {
                if ((g.preds().get(k) & (1 << Vocab.IN)) != 0) {
                    int[] a = g.boxes()[g.pairs().get(k)[0]];
                    Thing region = s.things.get(g.objects()[g.pairs().get(k)[1]]);
                    assertTrue(region.pixels.get((a[3] - 1) * s.width + (a[0] + a[2]) / 2), "stands on the region");
                    inRelations++;
                }
            }
        }
        assertTrue(regions > 100 && inRelations > 100, regions + " regions, " + inRelations + " in-relations");
    }
}
