package org.sgae.model.generator;

import java.util.SplittableRandom;

import org.sgae.nn.Init;
import org.sgae.nn.Linear;
import org.sgae.nn.ReLU;
import org.sgae.nn.Sequential;
import org.sgae.tensor.DType;
import org.sgae.tensor.Device;

/** sg2im's build_mlp: Linear layers with ReLU between (and after the last when asked), Kaiming-normal weights. */
final class Mlps {
    private Mlps() {
    }

    /** Linear(dims[0]→dims[1]) → ReLU → … → Linear(…→dims[n−1]) [→ ReLU when finalRelu]. */
    static Sequential mlp(int[] dims, boolean finalRelu, DType dtype, Device device, SplittableRandom rng) {
        Sequential s = new Sequential();
        for (int i = 0; i + 1 < dims.length; i++) {
            Linear l = Linear.builder(dims[i], dims[i + 1]).dtype(dtype).device(device).build(rng);
            // sg2im: nn.init.kaiming_normal_(weight) (fan_in, gain √2); biases keep PyTorch's U(±1/√fan_in).
            Init.kaimingNormal(l.weight().data(), Init.FanMode.FAN_IN, Init.Nonlinearity.RELU, 0, rng);
            s.add(l);
            if (i + 2 < dims.length || finalRelu) {
                s.add(new ReLU());
            }
        }
        return s;
    }
}
