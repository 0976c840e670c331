package org.sgae.data.synth;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Realised statistics of a generated world: annotated instance counts per class and predicate (all
 * splits), predicate shares, means per image, and the keep probabilities used.
 */
public record WorldStats(int images, int trainImages, long objects, long relations, long cleanObjects,
                         long cleanRelations, Map<String, Long> objectCount, Map<String, Long> predicateCount,
                         double[] keep) {

    static WorldStats of(SynthWorld.Generated[] gs, int numTrain, double[] keep) {
        Map<String, Long> oc = new LinkedHashMap<>();
        Map<String, Long> pc = new LinkedHashMap<>();
        for (String n : Vocab.CLASSES) {
            oc.put(n, 0L);
        }
        for (String n : Vocab.PREDICATES) {
            pc.put(n, 0L);
        }
        long objects = 0;
        long rels = 0;
        long cleanObjects = 0;
        long cleanRels = 0;
        for (SynthWorld.Generated g : gs) {
            for (int l : g.noisy().labels()) {
                oc.merge(Vocab.className(l), 1L, Long::sum);
            }
            for (int[] r : g.noisy().relations()) {
                pc.merge(Vocab.predName(r[2]), 1L, Long::sum);
            }
            objects += g.noisy().labels().length;
            rels += g.noisy().relations().length;
            cleanObjects += g.clean().labels().length;
            cleanRels += g.clean().relations().length;
        }
        return new WorldStats(gs.length, numTrain, objects, rels, cleanObjects, cleanRels, oc, pc, keep);
    }

    /** Share (0..1) of annotated relations carrying the predicate. */
    public double share(String predicate) {
        return relations == 0 ? 0 : (double) predicateCount.get(predicate) / relations;
    }

    public double meanObjects() {
        return (double) objects / images;
    }

    public double meanRelations() {
        return (double) relations / images;
    }
}
