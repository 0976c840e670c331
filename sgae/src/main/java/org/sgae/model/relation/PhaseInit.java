package org.sgae.model.relation;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.sgae.model.detector.FasterRcnn;
import org.sgae.nn.Parameter;
import org.sgae.nn.StateDict;
import org.sgae.tensor.Tensor;
import org.sgae.train.Checkpoint;
import org.sgae.train.TrainableModel;
import org.sgae.train.config.TrainConfig;

/**
 * Phase 2 starts from a phase-0 checkpoint (model-spec §11.3): the detector's parameters are loaded from it with
 * {@link Checkpoint#loadModel}'s checks (same preset, phase 0, same tensor names and shapes), each failure one line
 * naming the file and tensor.
 */
public final class PhaseInit {
    private PhaseInit() {
    }

    /**
     * path: a checkpoint folder ({@code .../checkpoints/iter-00018000}) or a phase-0 run folder (its newest
     * checkpoint) → the checkpoint folder used.
     */
    public static Path loadDetector(Path path, TrainConfig cfg, FasterRcnn detector) {
        Path dir = path;
        if (!Files.isRegularFile(dir.resolve(Checkpoint.MODEL))) {
            dir = Checkpoint.latest(path).orElseThrow(() -> new IllegalArgumentException(path
                    + ": phase2.init must be a phase-0 checkpoint folder (with " + Checkpoint.MODEL
                    + ") or a run folder with checkpoints, found neither"));
        }
        TrainableModel view = new TrainableModel() {
            @Override
            public Map<String, Tensor> losses(org.sgae.data.pipeline.Batch batch,
                                              org.sgae.train.RandomStreams streams) {
                throw new UnsupportedOperationException("a loading view");
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
        };
        Checkpoint.loadModel(dir, cfg, 0, view);
        return dir;
    }
}
