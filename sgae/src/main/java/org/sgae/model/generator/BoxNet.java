package org.sgae.model.generator;

import java.util.SplittableRandom;

import org.sgae.nn.Module;
import org.sgae.nn.Sequential;
import org.sgae.tensor.DType;
import org.sgae.tensor.Device;
import org.sgae.tensor.Tensor;

/**
 * The box net of model-spec §8: Linear(D→H) → ReLU → Linear(H→4), with no final ReLU (sg2im has one, §13 Q9),
 * predicting (x0, y0, x1, y1) in [0, 1] from the object vectors.
 */
public final class BoxNet extends Module {
    private final Sequential mlp;

    public BoxNet(int dim, int hidden, DType dtype, Device device, SplittableRandom rng) {
        this.mlp = registerModule("mlp", Mlps.mlp(new int[] {dim, hidden, 4}, false, dtype, device, rng));
    }

    /** objs [O,D] → boxes [O,4]. */
    public Tensor forward(Tensor objs) {
        return mlp.forward(objs);
    }
}
