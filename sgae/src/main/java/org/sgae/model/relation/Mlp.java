package org.sgae.model.relation;

import java.util.SplittableRandom;
import org.sgae.nn.Linear;
import org.sgae.nn.Module;
import org.sgae.tensor.DType;
import org.sgae.tensor.Device;
import org.sgae.tensor.Tensor;
import org.sgae.tensor.ops.Elementwise;

/** Linear → ReLU → Linear (→ ReLU when {@code reluOut}); submodules {@code fc1}, {@code fc2}. */
final class Mlp extends Module {
    private final Linear fc1;
    private final Linear fc2;
    private final boolean reluOut;

    Mlp(int in, int hidden, int out, boolean reluOut, DType dtype, Device device, SplittableRandom rng) {
        this.fc1 = registerModule("fc1", Linear.builder(in, hidden).dtype(dtype).device(device).build(rng));
        this.fc2 = registerModule("fc2", Linear.builder(hidden, out).dtype(dtype).device(device).build(rng));
        this.reluOut = reluOut;
    }

    /** Re-draws the weights N(0, std) and zeroes the biases (model-spec §5's init). */
    Mlp normalInit(double std, SplittableRandom rng) {
        Linears.normalInit(fc1, std, rng);
        Linears.normalInit(fc2, std, rng);
        return this;
    }

    /** x [M,in] → [M,out]. */
    Tensor forward(Tensor x) {
        Tensor y = fc2.forward(Elementwise.relu(fc1.forward(x)));
        return reluOut ? Elementwise.relu(y) : y;
    }
}
