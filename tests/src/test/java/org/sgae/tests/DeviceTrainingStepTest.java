package org.sgae.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.sgae.tensor.Device;
import org.sgae.tensor.DeviceKind;
import org.sgae.tensor.Shape;
import org.sgae.tensor.Tensor;
import org.sgae.tensor.TensorAsserts;
import org.sgae.tensor.Tolerances;
import org.sgae.tensor.attrs.Conv2dAttrs;
import org.sgae.tensor.attrs.Pool2dAttrs;
import org.sgae.tensor.memory.MemoryScope;
import org.sgae.tensor.ops.Elementwise;
import org.sgae.tensor.ops.Nn;
import org.sgae.tensor.ops.Reduce;
import org.sgae.tensor.spi.Backends;

/**
 * A whole forward + backward step (conv, batch norm, leaky ReLU, max pool, matmul, log-softmax loss) run on the
 * OpenCL device through the public API and autograd, compared with the same step on the CPU. Every derivative is
 * composed of ops, so this checks that the backward graph itself runs on the device. Runs on PoCL in CI.
 */
class DeviceTrainingStepTest {
    private static Tensor random(long seed, int... shape) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] d = new float[Shape.of(shape).numel()];
        for (int i = 0; i < d.length; i++) {
            d[i] = (float) r.nextGaussian() * 0.5f;
        }
        return Tensor.of(d, shape);
    }

    /** Returns [loss, dW1, dW2] as host arrays. */
    private static List<double[]> step(Device device) {
        Tensor x = random(1, 2, 3, 8, 8).to(device);
        Tensor w1 = random(2, 4, 3, 3, 3).to(device).requiresGrad(true);
        Tensor w2 = random(3, 64, 5).to(device).requiresGrad(true);
        Tensor gamma = Tensor.ones(4).to(device);
        Tensor beta = Tensor.zeros(4).to(device);
        try (MemoryScope s = MemoryScope.open()) {
            Tensor h = Nn.conv2d(x, w1, null, Conv2dAttrs.of(1, 1, 1));                       // [2,4,8,8]
            h = Nn.batchNorm(h, gamma, beta, null, null, true, 0.1, 1e-5);
            h = Elementwise.leakyRelu(h, 0.2);
            h = Nn.maxPool2d(h, Pool2dAttrs.of(2, 2, 0));                                     // [2,4,4,4]
            Tensor logits = h.reshape(2, 64).matmul(w2);                                       // [2,5]
            Tensor loss = Reduce.logSoftmax(logits, 1).narrow(1, 2, 1).mean().neg();
            loss.backward();
            assertEquals(device, w1.grad().device(), "gradients stay on the device");
            return List.of(loss.toDoubleArray(), w1.grad().toDoubleArray(), w2.grad().toDoubleArray());
        }
    }

    @Test
    void openClStepMatchesCpu() {
        assumeTrue(Backends.probe(DeviceKind.OPENCL).available(), () -> "OpenCL: "
                + Backends.probe(DeviceKind.OPENCL).reason());
        List<double[]> cpu = step(Device.cpu());
        List<double[]> cl = step(Device.opencl(0));
        for (int k = 0; k < cpu.size(); k++) {
            double[] a = cl.get(k);
            double[] r = cpu.get(k);
            TensorAsserts.assertCloseToScale(a, r, Tolerances.MODEL_GRAD, "output " + k);
        }
    }
}
