package org.sgae.model.detector.backbone;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.sgae.nn.BatchNorm2d;
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
 *
 * <p>With {@link BackboneConfig.Norm#BATCH} each convolution has no bias (the batch norm's shift replaces it) and is
 * followed by a {@link BatchNorm2d} named {@code bn<block>_<layer>} before its ReLU; the convolutions keep their
 * names, so a NONE checkpoint's keys are unchanged. Train/eval mode reaches the batch norms through
 * {@link #train()}/{@link #eval()} like every other layer.
 */
public final class VggBackbone extends Layer implements Backbone {
    private final BackboneConfig config;
    private final List<List<Conv2d>> blocks = new ArrayList<>();
    /** Parallel to {@link #blocks}; empty lists when the config's norm is NONE. */
    private final List<List<BatchNorm2d>> norms = new ArrayList<>();
    private final Pool2dAttrs pool = Pool2dAttrs.of(2, 2, 0);

    public VggBackbone(BackboneConfig config, DType dtype, Device device, SplittableRandom rng) {
        this.config = config.validate();
        boolean batchNorm = config.norm() == BackboneConfig.Norm.BATCH;
        int in = 3;
        for (int b = 0; b < config.blockChannels().size(); b++) {
            List<Conv2d> convs = new ArrayList<>();
            List<BatchNorm2d> bns = new ArrayList<>();
            int out = config.blockChannels().get(b);
            for (int l = 0; l < config.blockConvs().get(b); l++) {
                Conv2d conv = Conv2d.builder(in, out, 3).padding(1).bias(!batchNorm).dtype(dtype).device(device)
                        .build(rng);
                Init.kaimingNormal(conv.weight().data(), Init.FanMode.FAN_OUT, Init.Nonlinearity.RELU, 0, rng);
                convs.add(registerModule(name(b, l), conv));
                if (batchNorm) {
                    // PyTorch's defaults (momentum 0.1, eps 1e-5), torchvision's vgg*_bn init (weight 1, bias 0)
                    bns.add(registerModule(normName(b, l), new BatchNorm2d(out, 0.1, 1e-5, dtype, device)));
                } else {
                    Init.constant(conv.bias().data(), 0);
                }
                in = out;
            }
            blocks.add(convs);
            norms.add(bns);
        }
        for (Parameter p : blockParameters(config.effectiveFreezeBlocks())) {
            p.data().requiresGrad(false);
        }
    }

    /** "conv{b+1}_{l+1}": the VGG paper's layer names. */
    public static String name(int block, int layer) {
        return "conv" + (block + 1) + "_" + (layer + 1);
    }

    /** "bn{b+1}_{l+1}": the batch norm after conv (block, layer). */
    public static String normName(int block, int layer) {
        return "bn" + (block + 1) + "_" + (layer + 1);
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
            List<BatchNorm2d> bns = norms.get(b);
            for (int l = 0; l < blocks.get(b).size(); l++) {
                x = blocks.get(b).get(l).forward(x);    // [B,C_b,h,w]
                x = Elementwise.relu(bns.isEmpty() ? x : bns.get(l).forward(x));
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

    /** The batch norm after conv (block, layer), both from 0; null when the config's norm is NONE. */
    public BatchNorm2d norm(int block, int layer) {
        List<BatchNorm2d> bns = norms.get(block);
        return bns.isEmpty() ? null : bns.get(layer);
    }

    /**
     * Every parameter (convolutions, then batch norms) of the first n blocks (the frozen ones when n =
     * effectiveFreezeBlocks).
     */
    public List<Parameter> blockParameters(int n) {
        List<Parameter> out = new ArrayList<>();
        for (int b = 0; b < n; b++) {
            for (Conv2d conv : blocks.get(b)) {
                out.addAll(conv.parameters());
            }
            for (BatchNorm2d bn : norms.get(b)) {
                out.addAll(bn.parameters());
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
