package org.sgae.model.detector;


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

/**
 * One training step of the tiny detector on the OpenCL backend (PoCL in CI) against the same step on the CPU: the
 * four losses and every parameter's gradient agree within MODEL_GRAD (relative to each tensor's largest value).
 * Same seeds on both sides: the weights are drawn on the host, and the anchor/ROI samples come from the same stream
 * over the same host-side matches. The sgae module has the kernels at test run time (runtime scope).
 */
class DetectorDeviceStepTest {
    /** Losses then gradients in parameter order, as host arrays. */
    private static List<double[]> step(Device device) {
        FasterRcnn model = new FasterRcnn(TinyDetector.config(), DType.F32, device, new SplittableRandom(1),
                new SplittableRandom(2));
        List<Tensor> images = new ArrayList<>();
        List<FasterRcnn.Target> targets = new ArrayList<>();
        for (TinyDetector.Sample s : TinyDetector.data(2, 64, 6)) {
            images.add(s.image());
            targets.add(s.target());
        }
        List<double[]> out = new ArrayList<>();
        try (MemoryScope scope = MemoryScope.open()) {
            Map<String, Tensor> losses = model.forwardTrain(images, targets, new SplittableRandom(3));
            Engine.backward(FasterRcnn.total(losses));
            DeviceSteps.addLossesAndGradients(out, losses.values(), model.parameters(), device);
        }
        return out;
    }

    @Test
    void openClStepMatchesCpu() {
        DeviceSteps.assertOpenClMatchesCpu(DetectorDeviceStepTest::step,
                k -> k < 4 ? "loss " + FasterRcnn.LOSS_NAMES.get(k) : "gradient " + (k - 4));
    }
}
