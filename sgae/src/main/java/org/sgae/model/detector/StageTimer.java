package org.sgae.model.detector;

import org.sgae.model.StageClock;

/** Wall time per detector and relation stage, for the bench commands: one {@link StageClock} (see there), static. */
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

    private static final StageClock<Stage> CLOCK = new StageClock<>(Stage.class);

    private StageTimer() {
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
