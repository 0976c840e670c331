package org.sgae.data.synth;

import java.util.List;
import java.util.stream.Stream;

/**
 * The synthetic world's vocabulary: VG150 names except "left of" / "right of". Indices are alphabetical
 * from 1, as VG-SGG-dicts.json requires; {@link #cls(String)} and {@link #pred(String)} give them.
 */
public final class Vocab {
    /** Object classes, sorted. "person" is never drawn; it only appears through label noise (man ↔ person). */
    public static final List<String> CLASSES = Stream.of(
            "man", "woman", "child", "person",
            "horse", "dog", "elephant", "zebra", "giraffe", "bird",
            "bike", "motorcycle", "car", "bus",
            "wheel", "window", "door", "roof",
            "hat", "shirt", "jacket", "helmet",
            "umbrella", "cup", "bag", "racket", "kite",
            "table", "bench", "plate", "vase", "orange",
            "tree", "building", "house", "sign", "pole", "fence", "flower", "rock",
            "street", "snow").sorted().toList();

    public static final List<String> PREDICATES = Stream.of(
            "on", "has", "in", "wearing", "near", "behind", "holding", "above", "in front of", "under",
            "left of", "right of", "riding", "part of").sorted().toList();

    public static final int ON = pred("on");
    public static final int HAS = pred("has");
    public static final int IN = pred("in");
    public static final int WEARING = pred("wearing");
    public static final int NEAR = pred("near");
    public static final int BEHIND = pred("behind");
    public static final int HOLDING = pred("holding");
    public static final int ABOVE = pred("above");
    public static final int IN_FRONT_OF = pred("in front of");
    public static final int UNDER = pred("under");
    public static final int LEFT_OF = pred("left of");
    public static final int RIGHT_OF = pred("right of");
    public static final int RIDING = pred("riding");
    public static final int PART_OF = pred("part of");

    private Vocab() {
    }

    /** 1-based class index of a name. */
    public static int cls(String name) {
        int i = CLASSES.indexOf(name);
        if (i < 0) {
            throw new IllegalArgumentException("unknown synthetic class '" + name + "'");
        }
        return i + 1;
    }

    /** 1-based predicate index of a name. */
    public static int pred(String name) {
        int i = PREDICATES.indexOf(name);
        if (i < 0) {
            throw new IllegalArgumentException("unknown synthetic predicate '" + name + "'");
        }
        return i + 1;
    }

    public static String className(int idx) {
        return CLASSES.get(idx - 1);
    }

    public static String predName(int idx) {
        return PREDICATES.get(idx - 1);
    }
}
