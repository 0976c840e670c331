package org.sgae.train.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** The detector's component configs (backbone, ROI heads, post-processing, input): presets and field checks. */
class DetectorPresetTest {
    @ParameterizedTest
    @EnumSource(Preset.class)
    void everyPresetValidates(Preset p) {
        p.backbone().validate();
        p.roiHeads().validate();
        p.postProcess().validate();
        p.input().validate();
        p.detector().validate();
    }

    @Test
    void vgPresetIsTheSpecs() {
        BackboneConfig b = Preset.VG.backbone();
        assertEquals(List.of(64, 128, 256, 512, 512), b.blockChannels());
        assertEquals(List.of(2, 2, 3, 3, 3), b.blockConvs());
        assertEquals(16, b.stride());
        assertEquals(2, b.freezeBlocks());
        assertEquals(0, b.effectiveFreezeBlocks(), "random init freezes nothing (§2)");
        assertEquals(2, b.withWeights("vgg16.safetensors").effectiveFreezeBlocks());
        assertEquals(new RoiHeadsConfig(new MatcherConfig(0.5, 0.5, false), new SamplerConfig(256, 0.25),
                new BoxWeights(10, 10, 5, 5), 7, 2, 4096, 0.5, 1.0, 151), Preset.VG.roiHeads());
        assertEquals(new PostProcessConfig(0.05, 0.3, 64, 4, 2), Preset.VG.postProcess());
        assertEquals(new InputConfig(List.of(0.485, 0.456, 0.406), List.of(0.229, 0.224, 0.225), 32),
                Preset.VG.input());
    }

    @Test
    void cpuPresetStaysInTheGuidanceRanges() {
        BackboneConfig b = Preset.CPU.backbone();
        assertEquals(4, b.blockChannels().size(), "4 pooled stages");
        assertEquals(4, b.pooledBlocks());
        assertEquals(16, b.stride());
        assertEquals(List.of(16, 32, 64, 128), b.blockChannels());
        RoiHeadsConfig r = Preset.CPU.roiHeads();
        assertEquals(256, r.representationSize(), "2×256 box head");
        assertEquals(64, r.sampler().batchSizePerImage());
        int n = Preset.CPU.postProcess().detectionsPerImg();
        assertTrue(n >= 16 && n <= 24, "N in 16–24, got " + n);
    }

    static Stream<Arguments> badFields() {
        BackboneConfig b = Preset.VG.backbone();
        RoiHeadsConfig r = Preset.VG.roiHeads();
        PostProcessConfig p = Preset.VG.postProcess();
        DetectorConfig d = Preset.CPU.detector();
        return Stream.of(
                bad("BackboneConfig.blockChannels", () -> b.withBlocks(List.of(), List.of()).validate()),
                bad("BackboneConfig.blockConvs", () -> b.withBlocks(List.of(8, 8), List.of(1)).validate()),
                bad("BackboneConfig.pooledBlocks", () -> new BackboneConfig(List.of(8), List.of(1), 2, 0, null,
                        BackboneConfig.Norm.NONE).validate()),
                bad("BackboneConfig.freezeBlocks", () -> b.withFreezeBlocks(6).validate()),
                bad("BackboneConfig.norm", () -> b.withNorm(BackboneConfig.Norm.BATCH).withWeights("vgg16.safetensors")
                        .validate()),
                bad("RoiHeadsConfig.poolSize", () -> r.withHead(0, 4096, 0.5, 151).validate()),
                bad("RoiHeadsConfig.dropout", () -> r.withHead(7, 4096, 1.0, 151).validate()),
                bad("RoiHeadsConfig.numClasses", () -> r.withHead(7, 4096, 0.5, 1).validate()),
                bad("PostProcessConfig.scoreThreshold", () -> new PostProcessConfig(-1, 0.3, 64, 4, 2).validate()),
                bad("PostProcessConfig.nmsThreshold", () -> new PostProcessConfig(0.05, 0, 64, 4, 2).validate()),
                bad("PostProcessConfig.maxRetries", () -> new PostProcessConfig(0.05, 0.3, 64, -1, 2).validate()),
                bad("PostProcessConfig.detectionsPerImg", () -> p.withDetectionsPerImg(0).validate()),
                bad("InputConfig.std", () -> new InputConfig(List.of(0.5, 0.5, 0.5), List.of(1.0, 0.0, 1.0), 32)
                        .validate()),
                bad("InputConfig.sizeDivisibility", () -> new InputConfig(List.of(0.5, 0.5, 0.5),
                        List.of(1.0, 1.0, 1.0), 0).validate()),
                bad("DetectorConfig.rpn.anchors.stride", () -> d.withBackbone(d.backbone().withBlocks(
                        List.of(8, 8, 8, 8, 8), List.of(1, 1, 1, 1, 1))).withRpn(d.rpn().withAnchors(
                        new AnchorConfig(32, List.of(16), List.of(1.0), 0))).validate()),
                bad("DetectorConfig.roiHeads", () -> d.withRoiHeads(null).validate()));
    }

    private static Arguments bad(String field, Supplier<Object> make) {
        return BadField.of(field, make);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badFields")
    void badFieldIsNamed(String field, Supplier<Object> make) {
        BadField.assertNamed(field, make);
    }
}
