package org.sgae.model.generator;

import org.sgae.model.StageClock;

/** Wall time per phase-1 stage, for the phase-1 benchmark: one {@link StageClock} (see there), static. */
public final class GenTimer {
    /** Forward stages of G and the discriminators, then the trainer's own stages. */
    public enum Stage { DATA, GRAPH_CONV, LAYOUT, CRN, D_IMG, D_OBJ, LOSSES, BACKWARD, ADAM }

    private static final StageClock<Stage> CLOCK = new StageClock<>(Stage.class);

    private GenTimer() {
    }

    /** Starts (or restarts from zero) collecting. */
    public static void enable() {
        CLOCK.enable();
    }

    public static void disable() {
        CLOCK.disable();
    }

    /** A start mark: System.nanoTime() when collecting, else 0 (not read). */
    public static long start() {
        return CLOCK.start();
    }

    /** Adds the time since {@code start} to {@code stage} and returns a new start mark. */
    public static long stop(Stage stage, long start) {
        return CLOCK.stop(stage, start);
    }

    /** Nanoseconds per stage since {@link #enable()}, indexed by ordinal. */
    public static long[] totals() {
        return CLOCK.totals();
    }
}
