package org.sgae.model.detector.rpn;

import java.util.SplittableRandom;
import org.sgae.nn.Conv2d;
import org.sgae.nn.Init;
import org.sgae.nn.Module;
import org.sgae.tensor.DType;
import org.sgae.tensor.Device;
import org.sgae.tensor.Tensor;
import org.sgae.tensor.ops.Elementwise;

/**
 * The RPN head of model-spec §3.2, batched over images: Conv3×3 C→C + ReLU, then 1×1 objectness (A logits) and 1×1
 * deltas (4A). Init N(0, 0.01) weights and zero biases (torchvision's RPNHead).
 */
public final class RpnHead extends Module {
    private final Conv2d conv;
    private final Conv2d objectness;
    private final Conv2d deltas;

    /** Raw head outputs: objectness [B,A,h,w] and deltas [B,4A,h,w] (channel a·4 + k). */
    public record Output(Tensor objectness, Tensor deltas) {
    }

    public RpnHead(int channels, int anchorsPerLocation, DType dtype, Device device, SplittableRandom rng) {
        conv = registerModule("conv", init(Conv2d.builder(channels, channels, 3).padding(1).dtype(dtype)
                .device(device).build(rng), rng));
        objectness = registerModule("cls_logits", init(Conv2d.builder(channels, anchorsPerLocation, 1).dtype(dtype)
                .device(device).build(rng), rng));
        deltas = registerModule("bbox_pred", init(Conv2d.builder(channels, 4 * anchorsPerLocation, 1).dtype(dtype)
                .device(device).build(rng), rng));
    }

    private static Conv2d init(Conv2d c, SplittableRandom rng) {
        Init.normal(c.weight().data(), 0, 0.01, rng);
        Init.constant(c.bias().data(), 0);
        return c;
    }

    /** features [B,C,h,w] → objectness [B,A,h,w], deltas [B,4A,h,w]. */
    public Output forward(Tensor features) {
        Tensor t = Elementwise.relu(conv.forward(features)); // [B,C,h,w]
        return new Output(objectness.forward(t), deltas.forward(t));
    }
}
