package org.sgae.model.detector.backbone;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sgae.nn.BatchNorm2d;
import org.sgae.tensor.DType;
import org.sgae.tensor.Device;
import org.sgae.tensor.Shape;
import org.sgae.tensor.Tensor;
import org.sgae.tensor.Tolerances;
import org.sgae.tensor.ops.Assemble;
import org.sgae.train.config.BackboneConfig;
import org.sgae.train.config.BackboneConfig.Norm;
import org.sgae.train.config.ConfigJson;
import org.sgae.train.config.Preset;
import org.sgae.train.config.TrainConfig;

/** The cpu backbone's optional batch norm: layout, shapes, batch vs running statistics, and the config key. */
class VggBackboneNormTest {
    private static final BackboneConfig CPU_BN = Preset.CPU.backbone().withNorm(Norm.BATCH);
    /** The widest reduction of one output value: a 3×3 conv over the 128-channel input of conv4_2. */
    private static final Tolerances.Tol SAME_IMAGE = Tolerances.f32Reduction(3 * 3 * 128);

    @Test
    void presetsDefaultToNoNormalisation() {
        assertEquals(Norm.NONE, Preset.CPU.backbone().norm());
        assertEquals(Norm.NONE, Preset.VG.backbone().norm());
        VggBackbone plain = new VggBackbone(Preset.CPU.backbone(), DType.F32, Device.cpu(), new SplittableRandom(1));
        assertNotNull(plain.conv(0, 0).bias());
        assertNull(plain.norm(0, 0));
        assertTrue(plain.namedBuffers().isEmpty(), "no running statistics without BN");
    }

    @Test
    void batchNormFollowsEveryConvolutionWithoutBias() {
        VggBackbone net = new VggBackbone(CPU_BN, DType.F32, Device.cpu(), new SplittableRandom(2));
        // 6 convs (1, 1, 2, 2): each loses its bias and gains a BN with two parameters and two buffers
        assertEquals(12, net.namedBuffers().size());
        for (int b = 0; b < 4; b++) {
            for (int l = 0; l < CPU_BN.blockConvs().get(b); l++) {
                assertNull(net.conv(b, l).bias(), VggBackbone.name(b, l) + " has no bias before its BN");
                BatchNorm2d bn = net.norm(b, l);
                assertEquals(Shape.of(CPU_BN.blockChannels().get(b)), bn.weight().shape());
                assertTrue(net.namedBuffers().containsKey(VggBackbone.normName(b, l) + ".running_mean"));
            }
        }
        assertEquals(Shape.of(2, 128, 8, 8), net.forward(Tensor.zeros(2, 3, 128, 128)).shape());
        assertEquals(Shape.of(1, 128, 6, 6), net.forward(Tensor.zeros(1, 3, 100, 100)).shape());
    }

    @Test
    void trainingUsesBatchStatisticsAndEvalTheRunningOnes() {
        VggBackbone net = new VggBackbone(CPU_BN, DType.F32, Device.cpu(), new SplittableRandom(3));
        Tensor a = image(4);
        Tensor b = image(5);
        Tensor ab = Assemble.cat(List.of(a, b), 0);

        // Training: a's output depends on what else is in the batch, and the running statistics move.
        net.train();
        float[] aAlone = net.forward(a).toFloatArray();
        float[] aWithB = net.forward(ab).narrow(0, 0, 1).toFloatArray();
        assertTrue(maxRelDiff(aWithB, aAlone) > 1e-2, "batch statistics: a's features change when b joins it");
        float[] mean = net.norm(0, 0).runningMean().toFloatArray();
        assertTrue(maxAbs(mean) > 0, "training updated conv1_1's running mean");

        // Eval: a's output is the same alone and beside b, and the running statistics stay put.
        net.eval();
        float[] evalAlone = net.forward(a).toFloatArray();
        float[] evalWithB = net.forward(ab).narrow(0, 0, 1).toFloatArray();
        for (int i = 0; i < evalAlone.length; i++) {
            assertTrue(SAME_IMAGE.ok(evalWithB[i], evalAlone[i]),
                    "eval, element " + i + ": " + evalWithB[i] + " vs " + evalAlone[i] + " " + SAME_IMAGE);
        }
        assertArrayEquals(mean, net.norm(0, 0).runningMean().toFloatArray(), "eval leaves the running mean");
    }

    @Test
    void setKeyParsesAndWeightsExcludeBatchNorm() {
        TrainConfig c = ConfigJson.resolve(Preset.CPU, null, List.of("model.backbone.norm=BATCH"));
        assertEquals(Norm.BATCH, c.model().backbone().norm());
        assertEquals(Norm.BATCH, ConfigJson.set(TrainConfig.preset(Preset.CPU), "model.backbone.norm=batch")
                .model().backbone().norm());
        assertThrows(IllegalArgumentException.class,
                () -> ConfigJson.resolve(Preset.CPU, null, List.of("model.backbone.norm=LAYER")));
        assertThrows(IllegalArgumentException.class, () -> ConfigJson.resolve(Preset.CPU, null,
                List.of("model.backbone.norm=BATCH", "model.backbone.weights=vgg16.safetensors")));
    }

    @Test
    void configWrittenBeforeTheFieldReadsAsNone(@TempDir Path dir) throws IOException {
        // runs trained before the option have config.json without "norm"; their checkpoints must still evaluate
        ObjectNode tree = (ObjectNode) new ObjectMapper().readTree(ConfigJson.toJson(TrainConfig.preset(Preset.CPU)));
        assertNotNull(((ObjectNode) tree.get("model").get("backbone")).remove("norm"), "the key exists today");
        Path file = dir.resolve("config.json");
        Files.writeString(file, tree.toString());
        assertEquals(Norm.NONE, ConfigJson.read(file).model().backbone().norm());
    }

    /** A [1,3,64,64] image of unit-scale noise, different per seed. */
    private static Tensor image(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        float[] px = new float[3 * 64 * 64];
        for (int i = 0; i < px.length; i++) {
            px[i] = (float) (2 * rng.nextDouble() - 1);
        }
        return Tensor.of(px, 1, 3, 64, 64);
    }

    private static double maxRelDiff(float[] x, float[] ref) {
        double scale = Math.max(maxAbs(ref), Double.MIN_NORMAL);
        double d = 0;
        for (int i = 0; i < x.length; i++) {
            d = Math.max(d, Math.abs(x[i] - ref[i]));
        }
        return d / scale;
    }

    private static double maxAbs(float[] x) {
        double m = 0;
        for (float v : x) {
            m = Math.max(m, Math.abs(v));
        }
        return m;
    }
}
