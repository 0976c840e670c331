package org.sgae.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import org.sgae.eval.SgDumps;
import org.sgae.model.relation.SceneGraphModel;
import org.sgae.train.Checkpoint;
import org.sgae.train.DetectorEvalRun;
import org.sgae.train.config.ConfigJson;
import org.sgae.train.config.Preset;
import org.sgae.train.config.TrainConfig;

/**
 * A phase-2 scene-graph checkpoint loaded for inference: its resolved config, the model (eval mode) and where it
 * came from. Every failure (no checkpoint, another preset, another phase, mismatched tensor shapes) is one
 * {@link IllegalArgumentException} whose message names the file.
 *
 * <p>A joint (λ_img = 1) checkpoint holds the scene-graph model under "sg." beside the GAN; only those keys are
 * loaded ({@link PartWeights}).
 */
record SgCheckpoint(Path dir, TrainConfig cfg, SceneGraphModel model, int iteration, String configSha256) {
    /** A checkpoint folder (iter-N) or a run folder (its newest checkpoint); {@code expected} may be null. */
    static SgCheckpoint load(Path checkpoint, Preset expected) {
        Path dir = DetectorEvalRun.resolveCheckpoint(checkpoint);
        Path cfgFile = dir.resolve(Checkpoint.CONFIG);
        if (!Files.isRegularFile(cfgFile)) {
            throw new IllegalArgumentException(cfgFile + ": missing (not a checkpoint folder)");
        }
        TrainConfig cfg = ConfigJson.read(cfgFile);
        if (expected != null && expected != cfg.preset()) {
            throw new IllegalArgumentException(cfgFile + ": checkpoint of preset " + cfg.preset() + ", expected "
                    + expected);
        }
        SceneGraphModel model = SceneGraphModel.create(cfg);
        int iteration;
        try {
            iteration = PartWeights.load(dir, cfg, 2, model.trainable(), PartWeights.SG);
        } catch (IllegalArgumentException | IllegalStateException e) {
            String msg = e.getMessage() == null ? e.toString() : e.getMessage();
            throw new IllegalArgumentException(msg.contains(dir.toString()) ? msg : dir + ": " + msg, e);
        }
        model.eval();
        return new SgCheckpoint(dir, cfg, model, iteration, SgDumps.sha256(cfgFile));
    }
}
