package org.sgae.model.generator;

import java.util.List;
import java.util.SplittableRandom;

import org.sgae.nn.LeakyReLU;
import org.sgae.nn.Linear;
import org.sgae.nn.Module;
import org.sgae.nn.Sequential;
import org.sgae.tensor.DType;
import org.sgae.tensor.Device;
import org.sgae.tensor.Tensor;

/**
 * D_obj of model-spec §9, sg2im's AcCropDiscriminator: crops S×S at the real objects' layout boxes ({@link BoxCrop})
 * → C4s2(3→c0) → BN → LReLU → C4s2(c0→c1) → BN → LReLU → C4s2(c1→c2) → global avg pool → Linear(c2→F); heads
 * {@code real} Linear(F→1) and {@code cls} Linear(F→C_obj−1) (class c ↦ output c−1). 32 px → 15 → 6 → 2.
 */
public final class ObjectDiscriminator extends Module {
    private final Sequential cnn;
    private final Linear fc;
    private final Linear real;
    private final Linear cls;
    private final int cropSize;

    /** Logits of a batch of crops: real/fake [O′,1] and class [O′, C_obj−1]. */
    public record Out(Tensor real, Tensor cls) {
    }

    public ObjectDiscriminator(List<Integer> ch, int hidden, int objClasses, int cropSize, DType dtype, Device device,
                               SplittableRandom rng) {
        this.cropSize = cropSize;
        this.cnn = registerModule("cnn", new Sequential(
                ConvBlocks.conv(3, ch.get(0), 4, 2, 0, false, dtype, device, rng),
                ConvBlocks.bn(ch.get(0), dtype, device), new LeakyReLU(ConvBlocks.SLOPE),
                ConvBlocks.conv(ch.get(0), ch.get(1), 4, 2, 0, false, dtype, device, rng),
                ConvBlocks.bn(ch.get(1), dtype, device), new LeakyReLU(ConvBlocks.SLOPE),
                ConvBlocks.conv(ch.get(1), ch.get(2), 4, 2, 0, false, dtype, device, rng)));
        this.fc = registerModule("fc", Linear.builder(ch.get(2), hidden).dtype(dtype).device(device).build(rng));
        this.real = registerModule("real", Linear.builder(hidden, 1).dtype(dtype).device(device).build(rng));
        this.cls = registerModule("cls", Linear.builder(hidden, objClasses - 1).dtype(dtype).device(device).build(rng));
    }

    /** images [B,3,S,S], boxes [O′,4], imageIndex [O′] → crops [O′,3,c,c] → logits. */
    public Out forward(Tensor images, Tensor boxes, Tensor imageIndex) {
        return classify(BoxCrop.crop(images, boxes, imageIndex, cropSize));
    }

    /** crops [O′,3,c,c] → real [O′,1], cls [O′,C−1]. */
    public Out classify(Tensor crops) {
        Tensor f = cnn.forward(crops);                                 // [O′,c2,2,2]
        Tensor pooled = f.mean(3, false).mean(2, false);               // [O′,c2]
        Tensor h = fc.forward(pooled);                                 // [O′,F]
        return new Out(real.forward(h), cls.forward(h));
    }
}
