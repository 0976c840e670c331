package org.sgae.model.relation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.sgae.autograd.Engine;
import org.sgae.nn.Parameter;
import org.sgae.tensor.DType;
import org.sgae.tensor.Device;
import org.sgae.tensor.DeviceKind;
import org.sgae.tensor.Tensor;
import org.sgae.tensor.TensorAsserts;
import org.sgae.tensor.Tolerances;
import org.sgae.tensor.memory.MemoryScope;
import org.sgae.tensor.spi.Backends;
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
            for (Tensor l : losses.values()) {
                out.add(l.toDoubleArray());
            }
            for (Parameter p : model.parameters()) {
                assertEquals(device, p.grad().device(), "gradients stay on the device");
                out.add(p.grad().toDoubleArray());
            }
        }
        return out;
    }

    @Test
    void openClStepMatchesCpu() {
        assumeTrue(Backends.probe(DeviceKind.OPENCL).available(), () -> "OpenCL: "
                + Backends.probe(DeviceKind.OPENCL).reason());
        List<double[]> cpu = step(Device.cpu());
        List<double[]> cl = step(Device.opencl(0));
        assertEquals(cpu.size(), cl.size());
        int losses = SceneGraphModel.LOSS_NAMES.size();
        for (int k = 0; k < cpu.size(); k++) {
            TensorAsserts.assertCloseToScale(cl.get(k), cpu.get(k), Tolerances.MODEL_GRAD,
                    k < losses ? "loss " + SceneGraphModel.LOSS_NAMES.get(k) : "gradient " + (k - losses));
        }
    }
}
