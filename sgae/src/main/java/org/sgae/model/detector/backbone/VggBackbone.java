package org.sgae.model.detector.backbone;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.sgae.nn.Conv2d;
import org.sgae.nn.Init;
import org.sgae.nn.Layer;
import org.sgae.nn.Parameter;
import org.sgae.tensor.DType;
import org.sgae.tensor.Device;
import org.sgae.tensor.Tensor;
import org.sgae.tensor.attrs.Pool2dAttrs;
import org.sgae.tensor.ops.Elementwise;
import org.sgae.tensor.ops.Nn;
import org.sgae.train.config.BackboneConfig;

/**
 * A VGG-style backbone (model-spec §2): blocks of Conv3×3 (padding 1) + ReLU, a 2×2/2 max pool after each of the
 * first {@code pooledBlocks} blocks. With {@code Preset.VG.backbone()} it is VGG-16 configuration D truncated after
 * conv5_3 (the fifth pool dropped); with {@code Preset.CPU.backbone()} the cpu preset's 16-32-64-128 net. One class
 * for both, so the weights loader's torchvision index walk ({@link #torchvisionIndex}) and the freezing rule are
 * shared.
 *
 * <p>Convolutions are named {@code conv<block>_<layer>} from 1 (conv1_1 … conv5_3), as in the VGG paper and
 * §2's mapping. Init: Kaiming-normal (fan_out, ReLU) weights and zero biases, torchvision's VGG init. The first
 * {@link BackboneConfig#effectiveFreezeBlocks()} blocks are frozen: their parameters stop requiring grad, so
 * autograd records nothing below them and optimisers skip them (no gradient, no weight decay).
 */
public final class VggBackbone extends Layer implements Backbone {
    private final BackboneConfig config;
    private final List<List<Conv2d>> blocks = new ArrayList<>();
    private final Pool2dAttrs pool = Pool2dAttrs.of(2, 2, 0);

    public VggBackbone(BackboneConfig config, DType dtype, Device device, SplittableRandom rng) {
        this.config = config.validate();
        int in = 3;
        for (int b = 0; b < config.blockChannels().size(); b++) {
            List<Conv2d> convs = new ArrayList<>();
            int out = config.blockChannels().get(b);
            for (int l = 0; l < config.blockConvs().get(b); l++) {
                Conv2d conv = Conv2d.builder(in, out, 3).padding(1).dtype(dtype).device(device).build(rng);
                Init.kaimingNormal(conv.weight().data(), Init.FanMode.FAN_OUT, Init.Nonlinearity.RELU, 0, rng);
                Init.constant(conv.bias().data(), 0);
                convs.add(registerModule(name(b, l), conv));
                in = out;
            }
            blocks.add(convs);
        }
        for (int b = 0; b < config.effectiveFreezeBlocks(); b++) {
            for (Conv2d conv : blocks.get(b)) {
                conv.weight().data().requiresGrad(false);
                conv.bias().data().requiresGrad(false);
            }
        }
    }

    /** "conv{b+1}_{l+1}": the VGG paper's layer names. */
    public static String name(int block, int layer) {
        return "conv" + (block + 1) + "_" + (layer + 1);
    }

    /**
     * torchvision's {@code features.N} index of conv (block, layer) in a VGG built from this config: each conv
     * takes two slots (Conv2d, ReLU) and each pool one, so configuration D gives 0, 2, 5, 7, 10, 12, 14, 17, 19,
     * 21, 24, 26, 28 (§2).
     */
    public static int torchvisionIndex(BackboneConfig config, int block, int layer) {
        int index = 0;
        for (int b = 0; b < block; b++) {
            index += 2 * config.blockConvs().get(b) + (b < config.pooledBlocks() ? 1 : 0);
        }
        return index + 2 * layer;
    }

    /** images [B,3,H,W] → features [B, C_last, ⌊H/2^p⌋, ⌊W/2^p⌋] with p = pooledBlocks. */
    @Override
    public Tensor forward(Tensor images) {
        if (images.rank() != 4 || images.dim(1) != 3) {
            throw new IllegalArgumentException("backbone: images must be [B,3,H,W], got " + images.shape());
        }
        Tensor x = images;
        for (int b = 0; b < blocks.size(); b++) {
            for (Conv2d conv : blocks.get(b)) {
                x = Elementwise.relu(conv.forward(x)); // [B,C_b,h,w]
            }
            if (b < config.pooledBlocks()) {
                x = Nn.maxPool2d(x, pool);              // [B,C_b,h/2,w/2]
            }
        }
        return x;
    }

    /** The convolution of (block, layer), both from 0. */
    public Conv2d conv(int block, int layer) {
        return blocks.get(block).get(layer);
    }

    /** Every parameter of the first n blocks (the frozen ones when n = effectiveFreezeBlocks). */
    public List<Parameter> blockParameters(int n) {
        List<Parameter> out = new ArrayList<>();
        for (int b = 0; b < n; b++) {
            for (Conv2d conv : blocks.get(b)) {
                out.addAll(conv.parameters());
            }
        }
        return out;
    }

    public BackboneConfig config() {
        return config;
    }

    @Override
    public int outChannels() {
        return config.outChannels();
    }

    @Override
    public int stride() {
        return config.stride();
    }
}
