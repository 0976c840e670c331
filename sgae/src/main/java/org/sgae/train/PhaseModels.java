package org.sgae.train;

import java.util.Optional;
import org.sgae.model.detector.DetectorModel;
import org.sgae.train.config.TrainConfig;

/**
 * Which model each phase trains. This is the hook the model code plugs into: {@link #forPhase} returns the factory
 * of a phase once its model exists, and the {@code train} command runs it with {@link TrainRun}.
 */
public final class PhaseModels {
    /** Builds a phase's model, initialised deterministically from {@code cfg.seed()}. */
    @FunctionalInterface
    public interface Factory {
        TrainableModel create(TrainConfig cfg);
    }

    private PhaseModels() {
    }

    /**
     * The factory of {@code phase}, or empty while its model is not built.
     */
    public static Optional<Factory> forPhase(int phase) {
        return switch (phase) {
            case 0 -> Optional.of(DetectorModel::forPhase0);
            case 1 -> Optional.of(org.sgae.model.generator.Phase1Model::forPhase1);
            // joint (§11.3) with phase2.initGenerator; the scene-graph side alone with λ_img = 0 and no generator
            case 2 -> Optional.of(org.sgae.model.joint.JointModel::phase2Factory);
            default -> throw new IllegalArgumentException("phase must be 0, 1 or 2, got " + phase);
        };
    }

    /** The one-line reason a phase cannot run yet. */
    public static String missing(int phase) {
        return switch (phase) {
            case 0 -> "phase 0 needs the detector (not built yet)";
            case 1 -> "phase 1 needs the generator and discriminators (not built yet)";
            default -> "phase 2 needs the scene-graph model and the generator (not built yet)";
        };
    }
}
