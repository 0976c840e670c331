package org.sgae.model;

/**
 * Wall time per stage of enum {@code E}, for the benchmarks. Off by default: then {@link #start()} is a field read
 * and {@link #stop} a null check. The CPU backend runs each op to completion before returning, so the time between
 * two marks is the work of the ops in between. One thread at a time (the training loop).
 */
public final class StageClock<E extends Enum<E>> {
    private final int stages;
    private volatile long[] totals;

    public StageClock(Class<E> stage) {
        this.stages = stage.getEnumConstants().length;
    }

    /** Starts (or restarts from zero) collecting. */
    public void enable() {
        totals = new long[stages];
    }

    public void disable() {
        totals = null;
    }

    /** A start mark: System.nanoTime() when collecting, else 0 (not read). */
    public long start() {
        return totals == null ? 0 : System.nanoTime();
    }

    /** Adds the time since {@code start} to {@code stage} and returns a new start mark. */
    public long stop(E stage, long start) {
        long[] t = totals;
        if (t == null) {
            return 0;
        }
        long now = System.nanoTime();
        t[stage.ordinal()] += now - start;
        return now;
    }

    /** Nanoseconds per stage since {@link #enable()}, indexed by ordinal. */
    public long[] totals() {
        long[] t = totals;
        return t == null ? new long[stages] : t.clone();
    }
}
