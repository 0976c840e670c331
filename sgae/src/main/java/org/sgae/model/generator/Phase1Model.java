package org.sgae.model.generator;

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
 * Phase 1's model (model-spec §11.2): the {@link ImageGan} on GT graphs. As a {@link TrainableModel} its losses are
 * the generator's L_G; {@code Phase1Trainer} runs the discriminator steps besides. The state dict is the whole GAN's
 * ("generator.", "dImg.", "dObj."), BN running statistics included.
 */
public final class Phase1Model implements TrainableModel {
    private final ImageGan gan;
    private final DType dtype;
    private final Device device;

    public Phase1Model(ImageGan gan, DType dtype, Device device) {
        this.gan = gan;
        this.dtype = dtype;
        this.device = device;
    }

    /** The phase-1 factory of {@code PhaseModels}: a fresh GAN initialised from {@code cfg.seed()}, F32 on the CPU. */
    public static Phase1Model forPhase1(TrainConfig cfg) {
        return new Phase1Model(new ImageGan(cfg.generator(), DType.F32, Device.cpu(), new SplittableRandom(cfg.seed())),
                DType.F32, Device.cpu());
    }

    public ImageGan gan() {
        return gan;
    }

    /** The batch's GT graphs and 64×64 targets; the object subset is drawn from the discriminator-side stream. */
    public GtGraphs.Phase1Batch inputs(Batch batch, RandomStreams streams) {
        return GtGraphs.build(batch, gan.generator(), streams.discriminator(), dtype, device);
    }

    /** Noise [B,N,S,S] from the generator-noise stream. */
    public Tensor noise(GtGraphs.Phase1Batch in, RandomStreams streams) {
        return gan.generator().drawNoise(in.graph().images(), streams.generatorNoise(), in.target());
    }

    @Override
    public Map<String, Tensor> losses(Batch batch, RandomStreams streams) {
        GtGraphs.Phase1Batch in = inputs(batch, streams);
        return gan.generatorLosses(in.graph(), in.target(), noise(in, streams)).losses();
    }

    @Override
    public Map<String, Parameter> namedParameters() {
        return gan.namedParameters();
    }

    @Override
    public StateDict stateDict() {
        return gan.stateDict();
    }

    @Override
    public void loadStateDict(Map<String, Tensor> sd) {
        gan.loadStateDict(sd, StateDict.Keys.STRICT);
    }

    @Override
    public void train() {
        gan.train();
    }
}
