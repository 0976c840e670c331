package org.sgae.model.detector;

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
        for (int k = 0; k < cpu.size(); k++) {
            TensorAsserts.assertCloseToScale(cl.get(k), cpu.get(k), Tolerances.MODEL_GRAD,
                    k < 4 ? "loss " + FasterRcnn.LOSS_NAMES.get(k) : "gradient " + (k - 4));
        }
    }
}
