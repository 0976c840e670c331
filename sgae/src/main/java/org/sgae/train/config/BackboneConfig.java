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
 */
public record BackboneConfig(List<Integer> blockChannels, List<Integer> blockConvs, int pooledBlocks,
                             int freezeBlocks, String weights) {
    public BackboneConfig {
        blockChannels = ConfigChecks.hasNull(blockChannels) ? blockChannels
                : List.copyOf(blockChannels);
        blockConvs = ConfigChecks.hasNull(blockConvs) ? blockConvs : List.copyOf(blockConvs);
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
        return new BackboneConfig(blockChannels, blockConvs, pooledBlocks, freezeBlocks, path);
    }

    public BackboneConfig withFreezeBlocks(int n) {
        return new BackboneConfig(blockChannels, blockConvs, pooledBlocks, n, weights);
    }

    public BackboneConfig withBlocks(List<Integer> channels, List<Integer> convs) {
        return new BackboneConfig(channels, convs, pooledBlocks, freezeBlocks, weights);
    }
}
