package org.sgae.model.detector.roi;

import java.util.SplittableRandom;
import org.sgae.nn.Init;
import org.sgae.nn.Linear;
import org.sgae.nn.Module;
import org.sgae.tensor.DType;
import org.sgae.tensor.Device;
import org.sgae.tensor.Tensor;

/**
 * The predictor of model-spec §3.4: class logits Linear(rep → K), init N(0, 0.01), and class-specific deltas
 * Linear(rep → 4K), init N(0, 0.001), biases 0 (torchvision's FastRCNNPredictor under maskrcnn-benchmark's init).
 * Delta column c·4 + k is coordinate k of class c.
 */
public final class BoxPredictor extends Module {
    private final Linear cls;
    private final Linear bbox;

    /** Logits [K,C] and deltas [K,4C] of the same ROIs. */
    public record Output(Tensor logits, Tensor deltas) {
    }

    public BoxPredictor(int representationSize, int numClasses, DType dtype, Device device, SplittableRandom rng) {
        cls = registerModule("cls_score", Linear.builder(representationSize, numClasses).dtype(dtype).device(device)
                .build(rng));
        bbox = registerModule("bbox_pred", Linear.builder(representationSize, 4 * numClasses).dtype(dtype)
                .device(device).build(rng));
        Init.normal(cls.weight().data(), 0, 0.01, rng);
        Init.constant(cls.bias().data(), 0);
        Init.normal(bbox.weight().data(), 0, 0.001, rng);
        Init.constant(bbox.bias().data(), 0);
    }

    /** fc7 [K,rep] → logits [K,C], deltas [K,4C]. */
    public Output forward(Tensor fc7) {
        return new Output(cls.forward(fc7), bbox.forward(fc7));
    }
}
