package org.sgae.model.detector;

import java.util.SplittableRandom;
import org.sgae.tensor.DType;
import org.sgae.tensor.Device;
import org.sgae.train.RandomStreams;
import org.sgae.train.TrainableModel;
import org.sgae.train.config.TrainConfig;

/**
 * Phase 0 (model-spec §11.1): the detector of a config, and its {@link TrainableModel} for the trainer. A batch's
 * images and GT go to {@link FasterRcnn#forwardTrain}; anchors and ROIs are sampled from the iteration's SG-sampling
 * stream and the dropout masks come from its dropout stream (§11.4), so (seed, iteration) fixes every draw of a step
 * and a resumed run repeats an uninterrupted one.
 */
public final class DetectorModel {
    private final FasterRcnn detector;
    private final TrainableModel trainable;
    /** The dropout stream of the step being computed; the box head reads it at each forward. */
    private SplittableRandom dropout;

    private DetectorModel(TrainConfig cfg) {
        this.dropout = RandomStreams.of(cfg.seed()).dropout();
        // Initial weights from the config's seed; the CPU backend in F32.
        this.detector = new FasterRcnn(cfg.model(), DType.F32, Device.cpu(), new SplittableRandom(cfg.seed()),
                () -> dropout);
        // batch (raw pixels, see BatchInputs) → {rpn_obj, rpn_box, cls, box}
        this.trainable = TrainableModel.of(detector, (batch, streams) -> {
            dropout = streams.dropout();
            return detector.forwardTrain(BatchInputs.images(batch), BatchInputs.targets(batch), streams.sgSampling());
        });
    }

    /** The detector of {@code cfg.model()}, initialised from {@code cfg.seed()}. */
    public static DetectorModel create(TrainConfig cfg) {
        return new DetectorModel(cfg);
    }

    /** The factory of phase 0 ({@code PhaseModels}): a fresh detector as the trainer's model. */
    public static TrainableModel forPhase0(TrainConfig cfg) {
        return create(cfg).trainable();
    }

    public FasterRcnn detector() {
        return detector;
    }

    /** The detector as the trainer's model (the live parameters and buffers). */
    public TrainableModel trainable() {
        return trainable;
    }
}
