package org.sgae.model.detector;

/**
 * Wall time per detector stage, for the {@code bench-detector} command. Off by default: then {@link #start()} is a
 * field read and {@link #stop} a null check. The CPU backend runs each op to completion before returning, so the
 * time between two calls is the work of the ops in between. One thread at a time (the training loop).
 */
public final class StageTimer {
    /** Forward stages; backward and the optimizer are timed by the benchmark itself. */
    public enum Stage {
        INPUT, BACKBONE, RPN_HEAD, RPN_TARGETS_LOSS, PROPOSALS_NMS, ROI_TARGETS, ROI_ALIGN, BOX_HEAD_LOSS,
        POST_PROCESS,
        /**
         * Relation stage (model-spec §4–7): targets and duplicate draws, RePN, union ROI Align + MLP, the aGCN's
         * feature-level steps, the classifiers with the score-level steps and frequency bias, the losses.
         */
        SG_TARGETS, REPN, UNION_FEATURES, AGCN, SG_CLASSIFIERS, SG_LOSSES
    }

    private static volatile long[] totals;

    private StageTimer() {
    }

    /** Starts (or restarts from zero) collecting. */
    public static void enable() {
        totals = new long[Stage.values().length];
    }

    public static void disable() {
        totals = null;
    }

    /** A start mark: System.nanoTime() when collecting, else 0 (not read). */
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
