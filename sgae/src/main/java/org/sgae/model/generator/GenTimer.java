package org.sgae.model.generator;

/**
 * Wall time per phase-1 stage, for the phase-1 benchmark. Off by default: then {@link #start()} is a field read and
 * {@link #stop} a null check. The CPU backend runs each op to completion before returning, so the time between two
 * marks is the work of the ops in between. One thread at a time (the training loop).
 */
public final class GenTimer {
    /** Forward stages of G and the discriminators, then the trainer's own stages. */
    public enum Stage { DATA, GRAPH_CONV, LAYOUT, CRN, D_IMG, D_OBJ, LOSSES, BACKWARD, ADAM }

    private static volatile long[] totals;

    private GenTimer() {
    }

    public static void enable() {
        totals = new long[Stage.values().length];
    }

    public static void disable() {
        totals = null;
    }

    public static long start() {
        return totals == null ? 0 : System.nanoTime();
    }

    /** Adds the time since {@code start} to {@code stage} and returns a new start mark. */
    public static long stop(Stage stage, long start) {
        long[] t = totals;
        if (t == null) {
            return 0;
        }
        long now = System.nanoTime();
        t[stage.ordinal()] += now - start;
        return now;
    }

    /** Nanoseconds per stage since {@link #enable()}, indexed by ordinal. */
    public static long[] totals() {
        long[] t = totals;
        return t == null ? new long[Stage.values().length] : t.clone();
    }
}
