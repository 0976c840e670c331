package org.sgae.nn.optim;

import java.util.Arrays;

/**
 * A learning-rate multiplier as a function of the step (or epoch) index, starting at 0. Schedules compose: {@link
 * #times} multiplies two (PyTorch's ChainedScheduler), {@link #then} switches to another at a boundary (its step
 * count restarting there, as SequentialLR). {@link #apply} sets every group's lr to baseLr · factor(step).
 */
@FunctionalInterface
public interface LrSchedule {
    double factor(int step);

    static LrSchedule constant() {
        return step -> 1.0;
    }

    /** γ^⌊step / size⌋ (StepLR). */
    static LrSchedule step(int size, double gamma) {
        if (size < 1 || !(gamma > 0)) {
            throw new IllegalArgumentException("LrSchedule.step: size must be >= 1 and gamma > 0, got " + size + ", "
                    + gamma);
        }
        return step -> Math.pow(gamma, Math.floorDiv(step, size));
    }

    /** γ^(number of milestones ≤ step) (MultiStepLR); milestones strictly increasing. */
    static LrSchedule multiStep(int[] milestones, double gamma) {
        int[] m = milestones.clone();
        for (int i = 1; i < m.length; i++) {
            if (m[i] <= m[i - 1]) {
                throw new IllegalArgumentException("LrSchedule.multiStep: milestones must increase: "
                        + Arrays.toString(milestones));
            }
        }
        if (!(gamma > 0)) {
            throw new IllegalArgumentException("LrSchedule.multiStep: gamma must be > 0, got " + gamma);
        }
        return step -> {
            int passed = 0;
            while (passed < m.length && m[passed] <= step) {
                passed++;
            }
            return Math.pow(gamma, passed);
        };
    }

    /** Linear ramp from startFactor at step 0 to 1 at step {@code steps}, then 1 (LinearLR / warmup). */
    static LrSchedule linearWarmup(int steps, double startFactor) {
        if (steps < 1 || !(startFactor >= 0 && startFactor <= 1)) {
            throw new IllegalArgumentException("LrSchedule.linearWarmup: steps must be >= 1 and startFactor in [0, 1],"
                    + " got " + steps + ", " + startFactor);
        }
        return step -> step >= steps ? 1.0 : startFactor + (1 - startFactor) * step / steps;
    }

    /**
     * Half a cosine from 1 at step 0 down to 0 at step {@code total} (CosineAnnealingLR with η_min = 0 and
     * T_max = total), 0 from there on: a decay that suits a run whose length is known, with no milestone to tune.
     */
    static LrSchedule cosine(int total) {
        if (total < 1) {
            throw new IllegalArgumentException("LrSchedule.cosine: total must be >= 1, got " + total);
        }
        return step -> step >= total ? 0.0 : 0.5 * (1 + Math.cos(Math.PI * step / total));
    }

    /** A straight line from 1 at step 0 down to 0 at step {@code total} (LinearLR to 0, "poly" with power 1). */
    static LrSchedule linearDecay(int total) {
        if (total < 1) {
            throw new IllegalArgumentException("LrSchedule.linearDecay: total must be >= 1, got " + total);
        }
        return step -> step >= total ? 0.0 : 1.0 - (double) step / total;
    }

    /** factor(step) · other.factor(step). */
    default LrSchedule times(LrSchedule other) {
        return step -> factor(step) * other.factor(step);
    }

    /** This schedule before {@code boundary}, {@code next} (counting from 0 again) from there on. */
    default LrSchedule then(int boundary, LrSchedule next) {
        if (boundary < 0) {
            throw new IllegalArgumentException("LrSchedule.then: boundary must be >= 0, got " + boundary);
        }
        return step -> step < boundary ? factor(step) : next.factor(step - boundary);
    }

    /** Sets each group's lr to baseLr · factor(step). */
    default void apply(Optimizer optimizer, int step) {
        double f = factor(step);
        for (ParamGroup g : optimizer.groups()) {
            g.setLr(g.baseLr() * f);
        }
    }
}
