package org.sgae.nn;

import java.util.SplittableRandom;
import java.util.function.DoubleSupplier;
import org.sgae.tensor.DType;
import org.sgae.tensor.Shape;
import org.sgae.tensor.Device;
import org.sgae.tensor.Tensor;
import org.sgae.tensor.memory.MemoryScope;
import org.sgae.tensor.ops.Elementwise;
import org.sgae.tensor.spi.Backends;

/**
 * Parameter initialisers, PyTorch's formulas (torch.nn.init). Each fills a tensor in place from the
 * {@link SplittableRandom} it is given, drawing values in row-major order, so a seed fixes the result exactly. There
 * is no global generator.
 *
 * <p>Fans of a weight [out, in, k...]: fanIn = in·Πk, fanOut = out·Πk (a rank-1 tensor has fanIn = fanOut = its
 * size).
 */
public final class Init {
    private Init() {
    }

    /** Which fan Kaiming init preserves: the forward pass's variance (FAN_IN) or the backward pass's (FAN_OUT). */
    public enum FanMode { FAN_IN, FAN_OUT }

    /** The nonlinearity following the layer, for the gain. */
    public enum Nonlinearity { LINEAR, SIGMOID, TANH, RELU, LEAKY_RELU }

    /** PyTorch's calculate_gain: relu √2, leaky √(2/(1+slope²)), tanh 5/3, linear and sigmoid 1. */
    public static double gain(Nonlinearity nl, double negativeSlope) {
        switch (nl) {
            case RELU:
                return Math.sqrt(2.0);
            case LEAKY_RELU:
                return Math.sqrt(2.0 / (1 + negativeSlope * negativeSlope));
            case TANH:
                return 5.0 / 3;
            default:
                return 1.0;
        }
    }

    public static int fanIn(Tensor w) {
        return w.rank() < 2 ? w.numel() : w.numel() / w.dim(0);
    }

    public static int fanOut(Tensor w) {
        return w.rank() < 2 ? w.numel() : w.numel() / w.dim(1);
    }

    /** N(0, std²) with std = gain / √fan. */
    public static Tensor kaimingNormal(Tensor w, FanMode mode, Nonlinearity nl, double negativeSlope,
                                       SplittableRandom rng) {
        double std = gain(nl, negativeSlope) / Math.sqrt(fan(w, mode));
        return normal(w, 0, std, rng);
    }

    /** U(−b, b) with b = gain·√(3 / fan). */
    public static Tensor kaimingUniform(Tensor w, FanMode mode, Nonlinearity nl, double negativeSlope,
                                        SplittableRandom rng) {
        double bound = gain(nl, negativeSlope) * Math.sqrt(3.0 / fan(w, mode));
        return uniform(w, -bound, bound, rng);
    }

    /** U(−b, b) with b = gain·√(6 / (fanIn + fanOut)). */
    public static Tensor xavierUniform(Tensor w, double gain, SplittableRandom rng) {
        double bound = gain * Math.sqrt(6.0 / (fanIn(w) + fanOut(w)));
        return uniform(w, -bound, bound, rng);
    }

    /** N(0, std²) with std = gain·√(2 / (fanIn + fanOut)). */
    public static Tensor xavierNormal(Tensor w, double gain, SplittableRandom rng) {
        return normal(w, 0, gain * Math.sqrt(2.0 / (fanIn(w) + fanOut(w))), rng);
    }

    public static Tensor normal(Tensor w, double mean, double std, SplittableRandom rng) {
        if (!(std >= 0)) {
            throw new IllegalArgumentException("normal init: std must be >= 0, got " + std);
        }
        return fill(w, () -> mean + std * rng.nextGaussian());
    }

    public static Tensor uniform(Tensor w, double low, double high, SplittableRandom rng) {
        if (!(low <= high)) {
            throw new IllegalArgumentException("uniform init: low " + low + " > high " + high);
        }
        return fill(w, () -> low == high ? low : rng.nextDouble(low, high));
    }

    /**
     * A new tensor of the shape with values uniform in [−bound, bound]: PyTorch's default for the weight and bias
     * of Linear and Conv2d (bound = 1/√fan_in).
     */
    public static Tensor symmetricUniform(Shape shape, double bound, DType dtype, Device device, SplittableRandom rng) {
        return uniform(Tensor.empty(shape, dtype, device), -bound, bound, rng);
    }

    public static Tensor constant(Tensor w, double value) {
        Backends.of(w.device()).elementwise().fill(w, value);
        return w;
    }

    private static int fan(Tensor w, FanMode mode) {
        int f = mode == FanMode.FAN_IN ? fanIn(w) : fanOut(w);
        if (f == 0) {
            throw new IllegalArgumentException("Kaiming init of an empty tensor " + w.shape());
        }
        return f;
    }

    /** Draws numel values in row-major order on the host and copies them into w (any device, floating dtype). */
    private static Tensor fill(Tensor w, DoubleSupplier draw) {
        if (!w.dtype().isFloating()) {
            throw new IllegalArgumentException("Init needs a floating tensor, got " + w.dtype() + " " + w.shape());
        }
        try (MemoryScope scope = MemoryScope.open()) {
            Tensor host;
            if (w.dtype() == DType.F32) {
                float[] v = new float[w.numel()];
                for (int i = 0; i < v.length; i++) {
                    v[i] = (float) draw.getAsDouble();
                }
                host = Tensor.of(v, w.shape().toArray());
            } else {
                double[] v = new double[w.numel()];
                for (int i = 0; i < v.length; i++) {
                    v[i] = draw.getAsDouble();
                }
                host = Tensor.of(v, w.shape().toArray());
            }
            Elementwise.copyInto(host.to(w.device()), w);
        }
        return w;
    }
}
