package org.sgae.model.detector;

import java.util.Map;
import java.util.SplittableRandom;
import org.sgae.data.pipeline.Batch;
import org.sgae.nn.Parameter;
import org.sgae.nn.StateDict;
import org.sgae.tensor.DType;
import org.sgae.tensor.Device;
import org.sgae.tensor.Tensor;
import org.sgae.train.RandomStreams;
import org.sgae.train.TrainableModel;
import org.sgae.train.config.TrainConfig;

/**
 * Phase 0 (model-spec §11.1): the detector as the trainer's model. A batch's images and GT go to
 * {@link FasterRcnn#forwardTrain}; anchors and ROIs are sampled from the iteration's SG-sampling stream and the
 * dropout masks come from its dropout stream (§11.4), so (seed, iteration) fixes every draw of a step and a resumed
 * run repeats an uninterrupted one.
 */
public final class DetectorModel implements TrainableModel {
    private final FasterRcnn detector;
    /** The dropout stream of the step being computed; the box head reads it at each forward. */
    private SplittableRandom dropout;

    private DetectorModel(TrainConfig cfg) {
        RandomStreams initial = RandomStreams.of(cfg.seed());
        this.dropout = initial.dropout();
        // Initial weights from the config's seed; the CPU backend in F32 (the device backends come with issue 12).
        this.detector = new FasterRcnn(cfg.model(), DType.F32, Device.cpu(), new SplittableRandom(cfg.seed()),
                () -> dropout);
    }

    /** The detector of {@code cfg.model()}, initialised from {@code cfg.seed()}. */
    public static DetectorModel create(TrainConfig cfg) {
        return new DetectorModel(cfg);
    }

    public FasterRcnn detector() {
        return detector;
    }

    /** batch (raw pixels, see {@link BatchInputs}) → {rpn_obj, rpn_box, cls, box}. */
    @Override
    public Map<String, Tensor> losses(Batch batch, RandomStreams streams) {
        dropout = streams.dropout();
        return detector.forwardTrain(BatchInputs.images(batch), BatchInputs.targets(batch), streams.sgSampling());
    }

    @Override
    public Map<String, Parameter> namedParameters() {
        return detector.namedParameters();
    }

    @Override
    public StateDict stateDict() {
        return detector.stateDict();
    }

    @Override
    public void loadStateDict(Map<String, Tensor> sd) {
        detector.loadStateDict(sd, StateDict.Keys.STRICT);
    }

    @Override
    public void train() {
        detector.train();
    }
}
