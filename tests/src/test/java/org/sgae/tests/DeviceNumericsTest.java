package org.sgae.tests;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Arrays;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sgae.autograd.derivatives.TorchKinkGradients;
import org.sgae.nn.loss.CrossEntropy;
import org.sgae.nn.loss.Reduction;
import org.sgae.tensor.Device;
import org.sgae.tensor.DeviceKind;
import org.sgae.tensor.Tensor;
import org.sgae.tensor.memory.MemoryScope;
import org.sgae.tensor.spi.Backends;

/**
 * The numerical edge cases of issue 10 through autograd on the OpenCL device (PoCL in CI), where every backward is
 * composed of device kernels: gradients at kinks and in tanh/sigmoid saturation follow torch exactly, and a
 * cross-entropy whose targets are all ignored has a NaN loss but a zero gradient, as on the CPU.
 */
class DeviceNumericsTest {
    private static final Device CL = Device.opencl(0);

    @BeforeEach
    void needsOpenCl() {
        assumeTrue(Backends.probe(DeviceKind.OPENCL).available(), () -> "OpenCL: "
                + Backends.probe(DeviceKind.OPENCL).reason());
    }

    @Test
    void kinkAndSaturationGradientsFollowTorch() {
        TorchKinkGradients.assertOn(CL);
    }

    @Test
    void allIgnoredCrossEntropyHasZeroGradient() {
        try (MemoryScope scope = MemoryScope.open()) {
            Tensor x = Tensor.zeros(1, 2).to(CL).requiresGrad(true);
            Tensor target = Tensor.ofLongs(new long[] {CrossEntropy.DEFAULT_IGNORE_INDEX}, 1).to(CL);
            Tensor loss = new CrossEntropy(null, CrossEntropy.DEFAULT_IGNORE_INDEX, Reduction.MEAN).apply(x, target);
            assertTrue(Double.isNaN(loss.item()), "mean over no samples is NaN, as in torch");
            loss.backward();
            double[] g = x.grad().toDoubleArray();
            assertTrue(Arrays.stream(g).allMatch(v -> v == 0), "torch's gradient is 0, got " + Arrays.toString(g));
        }
    }
}
