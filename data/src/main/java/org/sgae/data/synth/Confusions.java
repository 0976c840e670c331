package org.sgae.data.synth;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Confusable predicates (wrongPredicate noise) and look-alike classes (labelNoise), vg150-format.md §8.5. */
final class Confusions {
    /** Default target shares (%) of annotated relations, vg150-format.md §8.4. */
    static final Map<String, Double> TARGET = Map.ofEntries(Map.entry("on", 30.0), Map.entry("has", 14.0),
            Map.entry("in", 10.0), Map.entry("wearing", 9.0), Map.entry("near", 8.0), Map.entry("behind", 6.0),
            Map.entry("holding", 5.0), Map.entry("above", 5.0), Map.entry("in front of", 4.0),
            Map.entry("under", 3.0), Map.entry("left of", 2.0), Map.entry("right of", 2.0),
            Map.entry("riding", 1.2), Map.entry("part of", 0.8));

    private static final Map<String, List<String>> PREDICATES = Map.ofEntries(
            Map.entry("on", List.of("above", "in", "riding")), Map.entry("above", List.of("on")),
            Map.entry("in", List.of("on")), Map.entry("near", List.of("left of", "right of", "in front of")),
            Map.entry("left of", List.of("near")), Map.entry("right of", List.of("near")),
            Map.entry("in front of", List.of("near")), Map.entry("behind", List.of("near")),
            Map.entry("under", List.of("near")), Map.entry("has", List.of("part of", "wearing", "holding")),
            Map.entry("part of", List.of("has")), Map.entry("wearing", List.of("has")),
            Map.entry("holding", List.of("has")), Map.entry("riding", List.of("on")));

    private static final Map<String, String> LOOK_ALIKE = new HashMap<>();

    static {
        String[][] pairs = {{"man", "person"}, {"woman", "person"}, {"child", "person"}, {"person", "man"},
            {"horse", "zebra"}, {"zebra", "horse"}, {"giraffe", "horse"}, {"elephant", "horse"}, {"dog", "horse"},
            {"bird", "kite"}, {"kite", "bird"}, {"bike", "motorcycle"}, {"motorcycle", "bike"}, {"car", "bus"},
            {"bus", "car"}, {"wheel", "plate"}, {"window", "door"}, {"door", "window"}, {"roof", "house"},
            {"house", "building"}, {"building", "house"}, {"hat", "helmet"}, {"helmet", "hat"},
            {"shirt", "jacket"}, {"jacket", "shirt"}, {"umbrella", "kite"}, {"racket", "umbrella"},
            {"cup", "vase"}, {"vase", "cup"}, {"bag", "cup"}, {"plate", "wheel"}, {"orange", "cup"},
            {"table", "bench"}, {"bench", "table"}, {"tree", "flower"}, {"flower", "tree"}, {"sign", "pole"},
            {"pole", "sign"}, {"fence", "bench"}, {"rock", "elephant"}, {"street", "snow"}, {"snow", "street"}};
        for (String[] p : pairs) {
            LOOK_ALIKE.put(p[0], p[1]);
        }
    }

    private Confusions() {
    }

    static double target(int pred) {
        return TARGET.get(Vocab.predName(pred)) / 100.0;
    }

    /** Predicates that p may be mistaken for. */
    static List<String> confusable(int pred) {
        return PREDICATES.get(Vocab.predName(pred));
    }

    /** A confusable predicate, chosen with probability proportional to its target share (keeps shares stable);
     * u is uniform in [0, 1). */
    static int confuse(int pred, double u) {
        List<String> c = confusable(pred);
        double sum = 0;
        for (String n : c) {
            sum += TARGET.get(n);
        }
        double x = u * sum;
        for (String n : c) {
            x -= TARGET.get(n);
            if (x < 0) {
                return Vocab.pred(n);
            }
        }
        return Vocab.pred(c.get(c.size() - 1));
    }

    static int lookAlike(int cls) {
        return Vocab.cls(LOOK_ALIKE.get(Vocab.className(cls)));
    }
}
