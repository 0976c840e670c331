package org.sgae.train.config;

import static org.sgae.train.config.ConfigChecks.require;

import java.util.List;

/**
 * A VGG-style backbone (model-spec §2, §14): blocks of 3×3 convolutions (padding 1) + ReLU, a 2×2 max pool after
 * each of the first {@code pooledBlocks} blocks. VGG-16 configuration D is 64,64 | 128,128 | 256×3 | 512×3 | 512×3
 * with the fifth pool dropped (4 pools, stride 16).
 *
 * @param blockChannels  output channels of each block's convolutions
 * @param blockConvs     convolutions per block
 * @param pooledBlocks   the first this many blocks end in a max pool; the stride is 2^pooledBlocks
 * @param freezeBlocks   blocks whose parameters get no gradient <b>when ImageNet weights are loaded</b> (§2: conv1_x
 *                       and conv2_x stay frozen with weights; with random init nothing is frozen, see
 *                       {@link #effectiveFreezeBlocks()})
 * @param weights        path of a torchvision-converted vgg16 safetensors file, or null for random init
 * @param norm           normalisation after each convolution; null (a config.json written before the field
 *                       existed) reads as {@link Norm#NONE}
 */
public record BackboneConfig(List<Integer> blockChannels, List<Integer> blockConvs, int pooledBlocks,
                             int freezeBlocks, String weights, Norm norm) {
    /** What follows each convolution before its ReLU. */
    public enum Norm {
        /** Nothing: conv with bias → ReLU (VGG-16, and both presets' default). */
        NONE,
        /** conv without bias → BatchNorm2d → ReLU; eval mode normalises with the running statistics. */
        BATCH
    }

    public BackboneConfig {
        blockChannels = ConfigChecks.hasNull(blockChannels) ? blockChannels
                : List.copyOf(blockChannels);
        blockConvs = ConfigChecks.hasNull(blockConvs) ? blockConvs : List.copyOf(blockConvs);
        norm = norm == null ? Norm.NONE : norm;
    }

    public BackboneConfig validate() {
        require(!ConfigChecks.hasNull(blockChannels) && !blockChannels.isEmpty(),
                "BackboneConfig", "blockChannels", "must be a non-empty list without nulls", blockChannels);
        require(blockConvs != null && blockConvs.size() == blockChannels.size() && !ConfigChecks.hasNull(blockConvs),
                "BackboneConfig", "blockConvs", "must have one entry per block (" + blockChannels.size() + ")",
                blockConvs);
        for (int c : blockChannels) {
            require(c > 0, "BackboneConfig", "blockChannels", "every entry must be > 0", blockChannels);
        }
        for (int n : blockConvs) {
            require(n > 0, "BackboneConfig", "blockConvs", "every entry must be > 0", blockConvs);
        }
        require(pooledBlocks >= 0 && pooledBlocks <= blockChannels.size(), "BackboneConfig", "pooledBlocks",
                "must be in [0, " + blockChannels.size() + "]", pooledBlocks);
        require(freezeBlocks >= 0 && freezeBlocks <= blockChannels.size(), "BackboneConfig", "freezeBlocks",
                "must be in [0, " + blockChannels.size() + "]", freezeBlocks);
        // torchvision's vgg16 has no BN layers to load, and vgg16_bn's index walk differs from torchvisionIndex's
        require(norm == Norm.NONE || weights == null, "BackboneConfig", "norm",
                "must be NONE when weights are loaded (the converted vgg16 has no batch norm)", norm);
        return this;
    }

    /** Feature stride in input pixels: one halving per pooled block. */
    public int stride() {
        return 1 << pooledBlocks;
    }

    /** Channels of the output feature map. */
    public int outChannels() {
        return blockChannels.get(blockChannels.size() - 1);
    }

    /** freezeBlocks with weights, 0 with random init (§2). */
    public int effectiveFreezeBlocks() {
        return weights == null ? 0 : freezeBlocks;
    }

    public BackboneConfig withWeights(String path) {
        return new BackboneConfig(blockChannels, blockConvs, pooledBlocks, freezeBlocks, path, norm);
    }

    public BackboneConfig withFreezeBlocks(int n) {
        return new BackboneConfig(blockChannels, blockConvs, pooledBlocks, n, weights, norm);
    }

    public BackboneConfig withBlocks(List<Integer> channels, List<Integer> convs) {
        return new BackboneConfig(channels, convs, pooledBlocks, freezeBlocks, weights, norm);
    }

    public BackboneConfig withNorm(Norm n) {
        return new BackboneConfig(blockChannels, blockConvs, pooledBlocks, freezeBlocks, weights, n);
    }
}
