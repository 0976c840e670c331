package org.sgae.train.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.sgae.data.vg.VgSplit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class PresetTest {
    @ParameterizedTest
    @EnumSource(Preset.class)
    void everyPresetValidates(Preset p) {
        p.anchors().validate();
        p.rpnMatcher().validate();
        p.rpnSampler().validate();
        p.rpnBoxWeights().validate();
        p.proposals().validate();
        p.rpn().validate();
        p.roiMatcher().validate();
        p.roiSampler().validate();
        p.roiBoxWeights().validate();
    }

    @Test
    void onlyVgHoldsOutValidationImagesSoTheSyntheticTrainSplitIsNeverEmpty() {
        // every reader of a split (training, detector eval, FREQ, scene-graph eval) goes through Preset.split
        assertEquals(5000, Preset.VG.split(Path.of("d"), VgSplit.TRAIN).numValIm());
        assertEquals(0, Preset.CPU.split(Path.of("d"), VgSplit.TRAIN).numValIm());
        assertEquals(VgSplit.VAL, Preset.CPU.split(Path.of("d"), VgSplit.VAL).split());
    }

    @Test
    void vgPresetIsTheSpecs() {
        RpnConfig r = Preset.VG.rpn();
        // §3.1: 5 sizes × 3 ratios = 15, stride 16, straddle 0.
        assertEquals(List.of(32, 64, 128, 256, 512), r.anchors().sizes());
        assertEquals(List.of(0.5, 1.0, 2.0), r.anchors().aspectRatios());
        assertEquals(15, r.anchors().anchorsPerLocation());
        assertEquals(16, r.anchors().stride());
        assertEquals(0, r.anchors().straddleThresh());
        // §3.2.
        assertEquals(new MatcherConfig(0.7, 0.3, true), r.matcher());
        assertEquals(new SamplerConfig(256, 0.5), r.sampler());
        assertEquals(new ProposalConfig(12000, 2000, 6000, 1000, 0.7, 0), r.proposals());
        assertEquals(1.0 / 9, r.smoothL1Beta());
        // §3.3, §3.4.
        assertEquals(new BoxWeights(1, 1, 1, 1), r.boxWeights());
        assertEquals(new BoxWeights(10, 10, 5, 5), Preset.VG.roiBoxWeights());
        assertEquals(new MatcherConfig(0.5, 0.5, false), Preset.VG.roiMatcher());
        assertEquals(new SamplerConfig(256, 0.25), Preset.VG.roiSampler());
    }

    @Test
    void cpuPresetStaysInTheGuidanceRanges() {
        // §14: 3–4 sizes × 3 ratios; ≈ 600/150 train and 300/100 test proposals; 64 ROIs per image.
        AnchorConfig a = Preset.CPU.anchors();
        assertTrue(a.sizes().size() >= 3 && a.sizes().size() <= 4);
        assertEquals(3, a.aspectRatios().size());
        assertEquals(new ProposalConfig(600, 150, 300, 100, 0.7, 0), Preset.CPU.proposals());
        assertEquals(64, Preset.CPU.roiSampler().batchSizePerImage());
    }

    static Stream<Arguments> badFields() {
        AnchorConfig a = Preset.VG.anchors();
        ProposalConfig p = Preset.VG.proposals();
        RpnConfig r = Preset.VG.rpn();
        return Stream.of(
                bad("AnchorConfig.stride", () -> new AnchorConfig(0, a.sizes(), a.aspectRatios(), 0).validate()),
                bad("AnchorConfig.sizes", () -> new AnchorConfig(16, List.of(), a.aspectRatios(), 0).validate()),
                bad("AnchorConfig.sizes", () -> new AnchorConfig(16, List.of(32, 0), a.aspectRatios(), 0).validate()),
                bad("AnchorConfig.sizes", () -> new AnchorConfig(16, Arrays.asList(32, null), a.aspectRatios(), 0)
                        .validate()),
                bad("AnchorConfig.sizes", () -> new AnchorConfig(16, null, a.aspectRatios(), 0).validate()),
                bad("AnchorConfig.aspectRatios", () -> new AnchorConfig(16, a.sizes(), List.of(1.0, -2.0), 0)
                        .validate()),
                bad("AnchorConfig.aspectRatios", () -> new AnchorConfig(16, a.sizes(), List.of(Double.NaN), 0)
                        .validate()),
                bad("MatcherConfig.highThreshold", () -> new MatcherConfig(1.5, 0.3, true).validate()),
                bad("MatcherConfig.lowThreshold", () -> new MatcherConfig(0.7, 0.8, true).validate()),
                bad("MatcherConfig.lowThreshold", () -> new MatcherConfig(0.7, -0.1, true).validate()),
                bad("SamplerConfig.batchSizePerImage", () -> new SamplerConfig(-1, 0.5).validate()),
                bad("SamplerConfig.positiveFraction", () -> new SamplerConfig(256, 1.5).validate()),
                bad("BoxWeights.wx", () -> new BoxWeights(0, 1, 1, 1).validate()),
                bad("BoxWeights.wy", () -> new BoxWeights(1, -1, 1, 1).validate()),
                bad("BoxWeights.ww", () -> new BoxWeights(1, 1, Double.NaN, 1).validate()),
                bad("BoxWeights.wh", () -> new BoxWeights(1, 1, 1, Double.POSITIVE_INFINITY).validate()),
                bad("ProposalConfig.preNmsTopNTrain", () -> p.withTopN(0, 1, 6000, 1000).validate()),
                bad("ProposalConfig.postNmsTopNTrain", () -> p.withTopN(100, 200, 6000, 1000).validate()),
                bad("ProposalConfig.preNmsTopNTest", () -> p.withTopN(12000, 2000, -5, 1000).validate()),
                bad("ProposalConfig.postNmsTopNTest", () -> p.withTopN(12000, 2000, 6000, 0).validate()),
                bad("ProposalConfig.nmsThreshold", () -> new ProposalConfig(10, 5, 10, 5, 0, 0).validate()),
                bad("ProposalConfig.minSize", () -> p.withMinSize(-1).validate()),
                bad("RpnConfig.anchors", () -> new RpnConfig(null, r.matcher(), r.sampler(), r.boxWeights(), 1.0 / 9,
                        r.proposals()).validate()),
                bad("RpnConfig.smoothL1Beta", () -> new RpnConfig(r.anchors(), r.matcher(), r.sampler(),
                        r.boxWeights(), 0, r.proposals()).validate()),
                // A nested record's bad field is named by that record.
                bad("SamplerConfig.positiveFraction", () -> r.withSampler(new SamplerConfig(256, -0.5)).validate()));
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
