package org.sgae.tests;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sgae.autograd.derivatives.TorchKinkGradients;
import org.sgae.nn.loss.CrossEntropy;
import org.sgae.nn.loss.Reduction;
import org.sgae.tensor.DType;
import org.sgae.tensor.Device;
import org.sgae.tensor.DeviceKind;
import org.sgae.tensor.ExactSoftmax;
import org.sgae.tensor.Rand;
import org.sgae.tensor.Tensor;
import org.sgae.tensor.TensorAsserts;
import org.sgae.tensor.Tolerances;
import org.sgae.tensor.memory.MemoryScope;
import org.sgae.tensor.ops.Reduce;
import org.sgae.tensor.spi.Backends;

/**
 * The numerical edge cases of issue 10 through autograd on each available device (OpenCL on PoCL in CI, CUDA where
 * there is a GPU), where every backward is composed of device kernels: gradients at kinks and in tanh/sigmoid
 * saturation follow torch exactly, softmax's gradient on large logits matches the math, and a cross-entropy whose
 * targets are all ignored has a NaN loss but a zero gradient, as on the CPU.
 */
class DeviceNumericsTest {
    private static List<Device> devices() {
        List<Device> found = new ArrayList<>();
        for (DeviceKind kind : new DeviceKind[] {DeviceKind.OPENCL, DeviceKind.CUDA}) {
            if (Backends.probe(kind).available()) {
                found.add(kind == DeviceKind.OPENCL ? Device.opencl(0) : Device.cuda(0));
            }
        }
        assumeFalse(found.isEmpty(), "no OpenCL or CUDA device: " + Backends.probe(DeviceKind.OPENCL).reason());
        return found;
    }

    @Test
    void kinkAndSaturationGradientsFollowTorch() {
        for (Device d : devices()) {
            TorchKinkGradients.assertOn(d);
        }
    }

    @Test
    void allIgnoredCrossEntropyHasZeroGradient() {
        for (Device d : devices()) {
            try (MemoryScope scope = MemoryScope.open()) {
                Tensor x = Tensor.zeros(1, 2).to(d).requiresGrad(true);
                Tensor target = Tensor.ofLongs(new long[] {CrossEntropy.DEFAULT_IGNORE_INDEX}, 1).to(d);
                Tensor loss = new CrossEntropy(null, CrossEntropy.DEFAULT_IGNORE_INDEX, Reduction.MEAN).apply(x,
                        target);
                assertTrue(Double.isNaN(loss.item()), "mean over no samples is NaN, as in torch, on " + d);
                loss.backward();
                double[] g = x.grad().toDoubleArray();
                assertTrue(Arrays.stream(g).allMatch(v -> v == 0), "torch's gradient is 0, got " + Arrays.toString(g)
                        + " on " + d);
            }
        }
    }

    /**
     * softmax's gradient on rows at ±80 and ±300: the composed backward y·(g − Σ g·y) inherits any scaling of y, so
     * the forward must be exp(x − m) / s. Expected: y and Σ g·y in double from the same floats.
     */
    @Test
    void softmaxGradientAtLargeLogits() {
        int rows = 8;
        int n = 7;
        float[] x = ExactSoftmax.largeOffsetLogits(11, rows, n, 1);
        double[] y = ExactSoftmax.of(x, rows, n, 1, false);
        float[] w = Rand.uniform(12, DType.F32, -1, 1, rows, n).toFloatArray();
        double[] want = new double[x.length];
        for (int r = 0; r < rows; r++) {
            double dot = 0;
            for (int i = 0; i < n; i++) {
                dot += w[r * n + i] * y[r * n + i];
            }
            for (int i = 0; i < n; i++) {
                want[r * n + i] = y[r * n + i] * (w[r * n + i] - dot);
            }
        }
        for (Device d : devices()) {
            try (MemoryScope scope = MemoryScope.open()) {
                Tensor logits = Tensor.of(x, rows, n).to(d).requiresGrad(true);
                Reduce.softmax(logits, 1).mul(Tensor.of(w, rows, n).to(d)).sum().backward();
                TensorAsserts.assertClose(logits.grad().toDoubleArray(), want, Tolerances.f32Reduction(n),
                        "softmax gradient on " + d);
            }
        }
    }
}
