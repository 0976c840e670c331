package org.sgae.model.detector.roi;

import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.sgae.nn.Dropout;
import org.sgae.nn.Linear;
import org.sgae.nn.Module;
import org.sgae.tensor.DType;
import org.sgae.tensor.Device;
import org.sgae.tensor.Tensor;
import org.sgae.tensor.ops.Elementwise;

/**
 * The two-layer box head of model-spec §3.4: flatten C·P·P → fc6 + ReLU + Dropout → fc7 + ReLU + Dropout. fc6 and
 * fc7 are VGG's classifier.0 and classifier.3 when ImageNet weights are loaded; otherwise PyTorch's default Linear
 * init (torchvision's TwoMLPHead keeps it too; maskrcnn-benchmark uses Kaiming-uniform a = 1, the same bound up to
 * √3, for fc6/fc7).
 */
public final class BoxHead extends Module {
    private final Linear fc6;
    private final Linear fc7;
    private final Dropout drop6;
    private final Dropout drop7;
    private final int inFeatures;

    /** dropoutRng: the dropout stream of model-spec §11.4, shared by both dropout layers. */
    public BoxHead(int inFeatures, int representationSize, double dropout, DType dtype, Device device,
                   SplittableRandom rng, SplittableRandom dropoutRng) {
        this(inFeatures, representationSize, dropout, dtype, device, rng, () -> dropoutRng);
    }

    /** As above, with the dropout stream looked up at each forward (the trainer's per-iteration stream). */
    public BoxHead(int inFeatures, int representationSize, double dropout, DType dtype, Device device,
                   SplittableRandom rng, Supplier<SplittableRandom> dropoutRng) {
        this.inFeatures = inFeatures;
        fc6 = registerModule("fc6", Linear.builder(inFeatures, representationSize).dtype(dtype).device(device)
                .build(rng));
        fc7 = registerModule("fc7", Linear.builder(representationSize, representationSize).dtype(dtype)
                .device(device).build(rng));
        drop6 = registerModule("drop6", new Dropout(dropout, dropoutRng));
        drop7 = registerModule("drop7", new Dropout(dropout, dropoutRng));
    }

    /** pooled [K,C,P,P] → fc7 [K,rep]. */
    public Tensor forward(Tensor pooled) {
        Tensor x = pooled.reshape(pooled.dim(0), inFeatures);     // [K,C·P·P]
        x = drop6.forward(Elementwise.relu(fc6.forward(x)));      // [K,rep]
        return drop7.forward(Elementwise.relu(fc7.forward(x)));   // [K,rep]
    }

    public Linear fc6() {
        return fc6;
    }

    public Linear fc7() {
        return fc7;
    }
}
