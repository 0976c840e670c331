package org.sgae.model.detector.backbone;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sgae.model.detector.roi.BoxHead;
import org.sgae.nn.Parameter;
import org.sgae.nn.SafeTensors;
import org.sgae.tensor.DType;
import org.sgae.tensor.Device;
import org.sgae.tensor.Tensor;
import org.sgae.tensor.TensorAsserts;
import org.sgae.train.config.BackboneConfig;
import org.sgae.train.config.Preset;

/**
 * The torchvision weights loader on files this test writes in torchvision's naming: VGG-16's layer structure with
 * few channels (the real file is 528 MB), fc6 sized for 2 channels × 7 × 7.
 */
class Vgg16WeightsTest {
    @TempDir
    Path dir;

    private final BackboneConfig config = Preset.VG.backbone().withBlocks(List.of(2, 3, 4, 4, 4),
            List.of(2, 2, 3, 3, 3));
    private final VggBackbone backbone = new VggBackbone(config, DType.F32, Device.cpu(), new SplittableRandom(1));
    private final BoxHead head = new BoxHead(4 * 7 * 7, 6, 0.5, DType.F32, Device.cpu(), new SplittableRandom(2),
            new SplittableRandom(3));

    /** A torchvision-named state dict with random values: features.N for the 13 convs, classifier.0/3/6. */
    private Map<String, Tensor> torchvisionFile() {
        SplittableRandom r = new SplittableRandom(9);
        Map<String, Tensor> sd = new LinkedHashMap<>();
        Vgg16Weights.mapping(backbone, head).forEach((name, p) -> sd.put(name, random(p.shape().toArray(), r)));
        sd.put("classifier.6.weight", random(new int[] {10, 6}, r)); // the ImageNet classifier: ignored
        sd.put("classifier.6.bias", random(new int[] {10}, r));
        return sd;
    }

    private static Tensor random(int[] shape, SplittableRandom r) {
        float[] v = new float[org.sgae.tensor.Shape.of(shape).numel()];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) r.nextGaussian();
        }
        return Tensor.of(v, shape);
    }

    @Test
    void loadsTorchvisionNamesIntoTheRightLayers() throws IOException {
        Map<String, Tensor> sd = torchvisionFile();
        Path file = dir.resolve("vgg16.safetensors");
        SafeTensors.write(file, sd);
        Vgg16Weights.load(file, backbone, head);
        TensorAsserts.assertExact(backbone.conv(0, 0).weight().data(), sd.get("features.0.weight"), "conv1_1");
        TensorAsserts.assertExact(backbone.conv(1, 1).bias().data(), sd.get("features.7.bias"), "conv2_2 bias");
        TensorAsserts.assertExact(backbone.conv(2, 2).weight().data(), sd.get("features.14.weight"), "conv3_3");
        TensorAsserts.assertExact(backbone.conv(4, 2).weight().data(), sd.get("features.28.weight"), "conv5_3");
        TensorAsserts.assertExact(head.fc6().weight().data(), sd.get("classifier.0.weight"), "fc6");
        TensorAsserts.assertExact(head.fc7().bias().data(), sd.get("classifier.3.bias"), "fc7 bias");
    }

    @Test
    void wrongShapeNamesTheTensor() throws IOException {
        Map<String, Tensor> sd = torchvisionFile();
        sd.put("features.7.weight", Tensor.zeros(5, 3, 3, 3)); // conv2_2 is [3, 3, 3, 3]
        Path file = dir.resolve("bad.safetensors");
        SafeTensors.write(file, sd);
        String msg = failure(file);
        assertTrue(msg.contains("'features.7.weight'") && msg.contains("[5, 3, 3, 3]") && msg.contains("[3, 3, 3, 3]"), msg);
    }

    @Test
    void missingTensorIsNamed() throws IOException {
        Map<String, Tensor> sd = torchvisionFile();
        sd.remove("classifier.3.bias");
        Path file = dir.resolve("short.safetensors");
        SafeTensors.write(file, sd);
        String msg = failure(file);
        assertTrue(msg.contains("missing tensor 'classifier.3.bias'"), msg);
    }

    @Test
    void missingAndCorruptFilesSayWhat() throws IOException {
        assertTrue(failure(dir.resolve("absent.safetensors")).contains("no such file"));
        Path junk = dir.resolve("junk.safetensors");
        Files.write(junk, new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12});
        assertTrue(failure(junk).contains("not a readable safetensors file"));
    }

    @Test
    void nothingIsWrittenWhenAnyTensorIsBad() throws IOException {
        Map<String, Tensor> sd = torchvisionFile();
        sd.remove("features.28.bias");
        Path file = dir.resolve("partial.safetensors");
        SafeTensors.write(file, sd);
        float[] before = backbone.conv(0, 0).weight().data().toFloatArray();
        failure(file);
        TensorAsserts.assertExact(backbone.conv(0, 0).weight().data(), Tensor.of(before, 2, 3, 3, 3), "conv1_1");
    }

    /** The one-line message of a failed load. */
    private String failure(Path file) {
        String msg = assertThrows(IllegalArgumentException.class, () -> Vgg16Weights.load(file, backbone, head))
                .getMessage();
        assertFalse(msg.contains("\n"), "one line: " + msg);
        assertTrue(msg.contains(file.toString()), msg);
        return msg;
    }

    @Test
    void mappingCoversEveryParameterOnce() {
        Map<String, Parameter> m = Vgg16Weights.mapping(backbone, head);
        assertTrue(m.size() == 2 * 13 + 4, "13 convs and fc6/fc7, weight and bias: " + m.keySet());
    }
}
