package org.sgae.cli;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.sgae.nn.SafeTensors;
import org.sgae.nn.StateDict;
import org.sgae.tensor.Tensor;
import org.sgae.tensor.memory.MemoryScope;
import org.sgae.train.Checkpoint;
import org.sgae.train.TrainableModel;

/**
 * Loads one part of a checkpoint's model: a phase-2 joint checkpoint holds the scene-graph model under "sg." and the
 * GAN under "gan." (JointModel's modules); {@code sgae eval/infer/report} need the first, {@code generate} and the
 * reconstructions the second. Plain checkpoints (phase-2 λ_img = 0: no prefix; phase 1: the GAN's own keys) go
 * through {@link Checkpoint#loadModel}. The same checks as there: the phase, every tensor of the part present with
 * its shape, none left over under the prefix; each failure one line naming model.safetensors or state.json.
 */
final class PartWeights {
    /** Prefix of the scene-graph model in a joint checkpoint. */
    static final String SG = "sg.";
    /** Prefix of the GAN (generator, D_img, D_obj) in a joint checkpoint. */
    static final String GAN = "gan.";
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private PartWeights() {
    }

    /**
     * Loads {@code part} from {@code dir}: from the keys under {@code prefix} when the checkpoint is a phase-2 one
     * that has them, else as a whole model of {@code plainPhase}. Returns the checkpoint's iteration.
     */
    static int load(Path dir, org.sgae.train.config.TrainConfig cfg, int plainPhase, TrainableModel part,
                    String prefix) {
        Path file = dir.resolve(Checkpoint.MODEL);
        Checkpoint.State state = state(dir);
        if (state.phase() == 2 && hasPrefix(file, prefix)) {
            try (MemoryScope scope = MemoryScope.open()) {
                StateDict all = read(file);
                StateDict mine = new StateDict();
                for (Map.Entry<String, Tensor> e : all.entrySet()) {
                    if (e.getKey().startsWith(prefix)) {
                        mine.put(e.getKey().substring(prefix.length()), e.getValue());
                    }
                }
                Map<String, Tensor> expected = part.stateDict();
                for (Map.Entry<String, Tensor> e : expected.entrySet()) {
                    Tensor f = mine.get(e.getKey());
                    if (f == null) {
                        throw new IllegalArgumentException(file + ": tensor '" + prefix + e.getKey() + "' is missing");
                    }
                    if (!f.shape().equals(e.getValue().shape())) {
                        throw new IllegalArgumentException(file + ": tensor '" + prefix + e.getKey()
                                + "': expected shape " + e.getValue().shape() + ", found " + f.shape());
                    }
                }
                for (String k : mine.keySet()) {
                    if (!expected.containsKey(k)) {
                        throw new IllegalArgumentException(file + ": tensor '" + prefix + k + "' is not in this model");
                    }
                }
                part.loadStateDict(mine);
            }
            return state.iteration();
        }
        return Checkpoint.loadModel(dir, cfg, plainPhase, part).iteration();
    }

    /** Whether the checkpoint's weights have any tensor under {@code prefix}. */
    static boolean hasPrefix(Path file, String prefix) {
        try (MemoryScope scope = MemoryScope.open()) {
            return read(file).keySet().stream().anyMatch(k -> k.startsWith(prefix));
        }
    }

    private static StateDict read(Path file) {
        try {
            return SafeTensors.read(file).tensors();
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException(file + ": cannot read (" + e.getMessage() + ")", e);
        }
    }

    private static Checkpoint.State state(Path dir) {
        Path file = dir.resolve(Checkpoint.STATE);
        try {
            return JSON.readValue(file.toFile(), Checkpoint.State.class);
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": cannot read checkpoint state (" + e.getMessage() + ")", e);
        }
    }
}
