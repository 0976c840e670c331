package org.sgae.train.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class GeneratorPresetTest {
    /** The paper's sg2im sizes (model-spec §8–9, §11.2). */
    @Test
    void vgIsThePapersGenerator() {
        GeneratorConfig g = TrainConfig.preset(Preset.VG).generator();
        assertEquals(128, g.embedDim());
        assertEquals(512, g.hidden());
        assertEquals(5, g.gconvLayers());
        assertEquals(32, g.noiseChannels());
        assertEquals(List.of(1024, 512, 256, 128, 64), g.crnDims());
        assertEquals(List.of(64, 128, 256), g.discChannels());
        assertEquals(32, g.cropSize());
        assertEquals(10, g.maxObjects());
        assertEquals(64, g.imageSize());
        assertEquals(152, g.objEmbeddings(), "E_obj: 151 classes incl. background + __image__");
        assertEquals(52, g.predEmbeddings(), "E_pred: 51 incl. background + __in_image__");
        assertEquals(new GeneratorConfig.ImageLossWeights(1.0, 0.01, 0.1, 10.0), g.losses());
        assertEquals(new GeneratorConfig.AdamConfig(1e-4, 0.9, 0.999, 1e-8), g.adam());
        assertEquals(32, TrainConfig.preset(Preset.VG).phase1().batchSize());
    }

    /** --set reaches every generator key, nested records included. */
    @Test
    void setKeysReachTheGenerator() {
        TrainConfig c = ConfigJson.resolve(Preset.CPU, null, List.of("generator.embedDim=48",
                "generator.crnDims=[64,32,16,16,8]", "generator.losses.gan=0.02", "generator.adam.lr=0.001"));
        assertEquals(48, c.generator().embedDim());
        assertEquals(List.of(64, 32, 16, 16, 8), c.generator().crnDims());
        assertEquals(0.02, c.generator().losses().gan());
        assertEquals(0.001, c.generator().adam().lr());
    }

    static Stream<Arguments> badFields() {
        GeneratorConfig g = Preset.CPU.generator();
        return Stream.of(
                BadField.of("generator: GeneratorConfig.embedDim", () -> TrainConfig.preset(Preset.CPU)
                        .withGenerator(g.withArch(0, 8, 1, 0, g.crnDims(), g.discChannels(), 8)).validate()),
                BadField.of("GeneratorConfig.imageSize", () -> new GeneratorConfig(8, 8, 1, 0, 64, 8,
                        List.of(8, 8, 8), g.discChannels(), 8, 32, 10, 5, 5, g.losses(), g.adam()).validate()),
                BadField.of("GeneratorConfig.discChannels", () -> g.withArch(8, 8, 1, 0, g.crnDims(),
                        List.of(8, 8), 8).validate()),
                BadField.of("ImageLossWeights.gan", () -> g.withLosses(
                        new GeneratorConfig.ImageLossWeights(1, -1, 0.1, 10)).validate()),
                BadField.of("AdamConfig.beta2", () -> g.withAdam(
                        new GeneratorConfig.AdamConfig(1e-4, 0.9, 1.0, 1e-8)).validate()),
                BadField.of("GeneratorConfig.maxObjects", () -> g.withMaxObjects(0).validate()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badFields")
    void badFieldsAreNamed(String field, java.util.function.Supplier<Object> make) {
        BadField.assertNamed(field, make);
    }
}
