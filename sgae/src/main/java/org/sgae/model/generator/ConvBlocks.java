package org.sgae.model.generator;

import java.util.SplittableRandom;

import org.sgae.nn.BatchNorm2d;
import org.sgae.nn.Conv2d;
import org.sgae.nn.Init;
import org.sgae.tensor.DType;
import org.sgae.tensor.Device;

/** Conv and batch-norm layers as the generator and discriminators build them (model-spec §8–9). */
final class ConvBlocks {
    /** LeakyReLU slope of the CRN and the discriminators. */
    static final double SLOPE = 0.2;

    private ConvBlocks() {
    }

    /** k×k conv, stride s, padding p, with bias; Kaiming-normal weight when {@code kaiming} (CRN), else PyTorch's. */
    static Conv2d conv(int in, int out, int k, int stride, int pad, boolean kaiming, DType dtype, Device device,
                       SplittableRandom rng) {
        Conv2d c = Conv2d.builder(in, out, k).stride(stride).padding(pad).dtype(dtype).device(device).build(rng);
        if (kaiming) {
            // sg2im's CRN: nn.init.kaiming_normal_(weight): fan_in, gain √2.
            Init.kaimingNormal(c.weight().data(), Init.FanMode.FAN_IN, Init.Nonlinearity.RELU, 0, rng);
        }
        return c;
    }

    /** BN with momentum 0.1, eps 1e-5 (§8). */
    static BatchNorm2d bn(int c, DType dtype, Device device) {
        return new BatchNorm2d(c, 0.1, 1e-5, dtype, device);
    }
}
