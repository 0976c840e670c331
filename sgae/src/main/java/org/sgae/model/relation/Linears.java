package org.sgae.model.relation;

import java.util.SplittableRandom;
import org.sgae.nn.Init;
import org.sgae.nn.Linear;
import org.sgae.tensor.DType;
import org.sgae.tensor.Device;

/** The Linear layers of model-spec §5: weights N(0, 0.01), biases 0 (GRCNN). */
final class Linears {
    static final double STD = 0.01;

    private Linears() {
    }

    /** A Linear in → out with §5's init. */
    static Linear normal(int in, int out, boolean bias, DType dtype, Device device, SplittableRandom rng) {
        return normalInit(Linear.builder(in, out).bias(bias).dtype(dtype).device(device).build(rng), STD, rng);
    }

    static Linear normalInit(Linear l, double std, SplittableRandom rng) {
        Init.normal(l.weight().data(), 0, std, rng);
        if (l.bias() != null) {
            Init.constant(l.bias().data(), 0);
        }
        return l;
    }
}
