package org.sgae.model.relation;


import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.sgae.model.DeviceSteps;
import org.sgae.autograd.Engine;
import org.sgae.tensor.DType;
import org.sgae.tensor.Device;
import org.sgae.tensor.Tensor;
import org.sgae.tensor.memory.MemoryScope;
import org.sgae.train.config.TrainConfig;

/**
 * One scene-graph training step (detector + relation stage, L_SG) of the tiny configuration on the OpenCL backend
 * (PoCL in CI) against the same step on the CPU: the seven losses and every parameter's gradient agree within
 * MODEL_GRAD (relative to each tensor's largest value), and the data-dependent choices (detections, RePN pairs) are
 * the same, since the selected losses would differ otherwise. Same seeds on both sides: weights are drawn on the
 * host; anchors, ROIs and duplicate draws come from the same stream over the same host-side matches.
 */
class SceneGraphDeviceStepTest {
    private static List<double[]> step(Device device) {
        TrainConfig cfg = SceneGraphTrainingTest.config();
        SceneGraphModel model = new SceneGraphModel(cfg, DType.F32, device, new SplittableRandom(cfg.seed()));
        List<Tensor> images = new ArrayList<>();
        List<SceneGraphModel.Target> targets = new ArrayList<>();
        for (SceneGraphTrainingTest.Sample s : SceneGraphTrainingTest.world(8).subList(0, 2)) {
            images.add(s.image());
            targets.add(s.target());
        }
        List<double[]> out = new ArrayList<>();
        try (MemoryScope scope = MemoryScope.open()) {
            Map<String, Tensor> losses = model.losses(images, targets, new SplittableRandom(3));
            Tensor total = null;
            for (Tensor l : losses.values()) {
                total = total == null ? l : total.add(l);
            }
            Engine.backward(total);
            DeviceSteps.addLossesAndGradients(out, losses.values(), model.parameters(), device);
        }
        return out;
    }

    @Test
    void openClStepMatchesCpu() {
        int losses = SceneGraphModel.LOSS_NAMES.size();
        DeviceSteps.assertOpenClMatchesCpu(SceneGraphDeviceStepTest::step,
                k -> k < losses ? "loss " + SceneGraphModel.LOSS_NAMES.get(k) : "gradient " + (k - losses));
    }
}
