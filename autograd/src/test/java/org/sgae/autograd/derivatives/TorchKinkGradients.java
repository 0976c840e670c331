package org.sgae.autograd.derivatives;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.function.Function;
import org.sgae.tensor.Device;
import org.sgae.tensor.Tensor;
import org.sgae.tensor.memory.MemoryScope;
import org.sgae.tensor.ops.Elementwise;

/**
 * The gradients at kinks and in saturation, checked exactly against PyTorch's rules (derivatives.yaml): relu'(0) = 0
 * (threshold_backward keeps x > 0), leaky_relu'(0) = slope (x > 0 ? 1 : slope), abs'(0) = sgn(0) = 0, clamp passes
 * the gradient at its bounds (min ≤ x ≤ max), maximum/minimum split a tie's gradient in half, and tanh/sigmoid whose
 * fp32 value is exactly ±1 / 1 have gradient exactly 0. Every expected value below is one of 0, ±1, ½ or the slope,
 * so the comparison is exact. Shared by the CPU test and the device suites, so both backends follow one convention.
 */
public final class TorchKinkGradients {
    private static final double SLOPE = 0.25;

    private TorchKinkGradients() {
    }

    /** Runs every case on device (F32, the dtype every backend has). */
    public static void assertOn(Device device) {
        float[] k = {-1f, 0f, 2f};
        unary(device, "relu", Elementwise::relu, k, 0, 0, 1);
        unary(device, "leaky_relu", x -> Elementwise.leakyRelu(x, SLOPE), k, SLOPE, SLOPE, 1);
        unary(device, "abs", Elementwise::abs, k, -1, 0, 1);
        unary(device, "clamp(-1, 2)", x -> Elementwise.clamp(x, -1, 2), new float[] {-1.5f, -1f, 0f, 2f, 2.5f},
                0, 1, 1, 1, 0);
        float[] big = {-30f, -20f, -9.5f, 9.5f, 20f, 30f};
        unary(device, "tanh", Elementwise::tanh, big, 0, 0, 0, 0, 0, 0);
        unary(device, "sigmoid", Elementwise::sigmoid, new float[] {20f, 30f}, 0, 0);
        float[] a = {1f, 2f, 3f};
        float[] b = {1f, 0f, 4f};
        binary(device, true, a, b, new double[] {0.5, 1, 0}, new double[] {0.5, 0, 1});
        binary(device, false, a, b, new double[] {0.5, 0, 1}, new double[] {0.5, 1, 0});
    }

    private static void unary(Device device, String name, Function<Tensor, Tensor> f, float[] x, double... want) {
        try (MemoryScope scope = MemoryScope.open()) {
            Tensor in = leaf(x, device);
            f.apply(in).sum().backward();
            assertArrayEquals(want, values(in.grad()), name + "'(x) at x = " + java.util.Arrays.toString(x) + " on "
                    + device);
        }
    }

    private static void binary(Device device, boolean max, float[] a, float[] b, double[] wantA,
            double[] wantB) {
        try (MemoryScope scope = MemoryScope.open()) {
            Tensor ta = leaf(a, device);
            Tensor tb = leaf(b, device);
            (max ? Elementwise.maximum(ta, tb) : Elementwise.minimum(ta, tb)).sum().backward();
            String what = (max ? "maximum" : "minimum") + " with a tie at 0 on " + device;
            assertArrayEquals(wantA, values(ta.grad()), what + ", gradient to a");
            assertArrayEquals(wantB, values(tb.grad()), what + ", gradient to b");
        }
    }

    private static Tensor leaf(float[] x, Device device) {
        return Tensor.of(x, x.length).to(device).requiresGrad(true);
    }

    /** The gradient's values with −0 folded into 0 (the sign of a zero gradient is not part of the convention). */
    private static double[] values(Tensor grad) {
        double[] v = grad.toDoubleArray();
        for (int i = 0; i < v.length; i++) {
            v[i] += 0.0;
        }
        return v;
    }
}
