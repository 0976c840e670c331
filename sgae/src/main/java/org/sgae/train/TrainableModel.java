package org.sgae.train;

import java.util.Map;
import java.util.function.BiFunction;
import org.sgae.data.pipeline.Batch;
import org.sgae.nn.Module;
import org.sgae.nn.Parameter;
import org.sgae.nn.StateDict;
import org.sgae.tensor.Tensor;

/**
 * What {@link Trainer} trains: the detector in phase 0, the scene-graph side in phase 2. Losses are computed inside
 * the trainer's per-step MemoryScope; parameters and buffers live outside every scope.
 */
public interface TrainableModel {
    /**
     * The named scalar losses of one batch, in train mode; the trainer minimises their sum. All randomness comes from
     * {@code streams} (the iteration's streams, model-spec §11.4), never from a generator of the model's own.
     */
    Map<String, Tensor> losses(Batch batch, RandomStreams streams);

    /** Trainable parameters by dotted name, in a stable order; biases are the names whose last part is "bias". */
    Map<String, Parameter> namedParameters();

    /** Parameters and buffers (BN running statistics): what a checkpoint saves. The live tensors. */
    StateDict stateDict();

    /** Copies a {@link #stateDict()}-shaped dict in (strict: same keys, same shapes). */
    void loadStateDict(Map<String, Tensor> sd);

    /** Switches dropout and batch norm to training behaviour. */
    void train();

    /** A module whose losses are a function of (module, batch, streams). */
    static TrainableModel of(Module module, BiFunction<Batch, RandomStreams, Map<String, Tensor>> losses) {
        return new TrainableModel() {
            @Override
            public Map<String, Tensor> losses(Batch batch, RandomStreams streams) {
                return losses.apply(batch, streams);
            }

            @Override
            public Map<String, Parameter> namedParameters() {
                return module.namedParameters();
            }

            @Override
            public StateDict stateDict() {
                return module.stateDict();
            }

            @Override
            public void loadStateDict(Map<String, Tensor> sd) {
                module.loadStateDict(sd, StateDict.Keys.STRICT);
            }

            @Override
            public void train() {
                module.train();
            }
        };
    }

    /** A view that forwards everything to {@link #delegate()}: the records that also carry their model. */
    interface Delegating extends TrainableModel {
        TrainableModel delegate();

        @Override
        default Map<String, Tensor> losses(Batch batch, RandomStreams streams) {
            return delegate().losses(batch, streams);
        }

        @Override
        default Map<String, Parameter> namedParameters() {
            return delegate().namedParameters();
        }

        @Override
        default StateDict stateDict() {
            return delegate().stateDict();
        }

        @Override
        default void loadStateDict(Map<String, Tensor> sd) {
            delegate().loadStateDict(sd);
        }

        @Override
        default void train() {
            delegate().train();
        }
    }
}
