package org.sgae.model.generator;

import java.util.List;
import java.util.SplittableRandom;

import org.sgae.nn.LeakyReLU;
import org.sgae.nn.Module;
import org.sgae.nn.Sequential;
import org.sgae.tensor.DType;
import org.sgae.tensor.Device;
import org.sgae.tensor.Tensor;

/**
 * D_img of model-spec §9, sg2im's PatchDiscriminator with "valid" padding: C4s2(3→c0) → BN → LReLU → C4s2(c0→c1) →
 * BN → LReLU → C4s2(c1→c2) → LReLU → Conv1×1(c2→1). The 1×1 classifier is applied (sg2im builds it and never calls
 * it, §13 Q8); the LReLU before it is ours. 64 px → 31 → 14 → 6: logits [B,1,6,6].
 */
public final class ImageDiscriminator extends Module {
    private final Sequential net;

    public ImageDiscriminator(List<Integer> ch, DType dtype, Device device, SplittableRandom rng) {
        this.net = registerModule("net", new Sequential(
                ConvBlocks.conv(3, ch.get(0), 4, 2, 0, false, dtype, device, rng),
                ConvBlocks.bn(ch.get(0), dtype, device), new LeakyReLU(ConvBlocks.SLOPE),
                ConvBlocks.conv(ch.get(0), ch.get(1), 4, 2, 0, false, dtype, device, rng),
                ConvBlocks.bn(ch.get(1), dtype, device), new LeakyReLU(ConvBlocks.SLOPE),
                ConvBlocks.conv(ch.get(1), ch.get(2), 4, 2, 0, false, dtype, device, rng),
                new LeakyReLU(ConvBlocks.SLOPE),
                ConvBlocks.conv(ch.get(2), 1, 1, 1, 0, false, dtype, device, rng)));
    }

    /** images [B,3,S,S] → patch logits [B,1,P,P] (P = 6 at 64 px). */
    public Tensor forward(Tensor images) {
        return net.forward(images);
    }
}
