package org.sgae.model.detector.backbone;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.sgae.model.detector.roi.BoxHead;
import org.sgae.nn.Linear;
import org.sgae.nn.Parameter;
import org.sgae.nn.SafeTensors;
import org.sgae.nn.StateDict;
import org.sgae.tensor.Tensor;
import org.sgae.tensor.memory.MemoryScope;
import org.sgae.tensor.ops.Elementwise;

/**
 * Loads ImageNet VGG-16 weights converted from torchvision (model-spec §2): {@code features.N} → the backbone's
 * convolutions (conv1_1 … conv5_3 at N = 0, 2, 5, 7, 10, 12, 14, 17, 19, 21, 24, 26, 28 for configuration D) and
 * {@code classifier.0} / {@code classifier.3} → the box head's fc6 / fc7. The weights cannot come from a package
 * registry; a user converts them once with torchvision and safetensors installed:
 *
 * <pre>{@code
 * python -c "import torchvision; from safetensors.torch import save_file; save_file({k: v.contiguous() for k, v in torchvision.models.vgg16(weights='IMAGENET1K_V1').state_dict().items()}, 'vgg16.safetensors')"
 * }</pre>
 *
 * Every failure is one line naming the file and, where there is one, the tensor: a missing or unreadable file, a
 * missing tensor, a shape that does not match its layer. Extra tensors (classifier.6, the ImageNet classifier) are
 * ignored.
 */
public final class Vgg16Weights {
    private Vgg16Weights() {
    }

    /** torchvision name → the parameter it initialises, in load order. headOrNull: skip classifier.0/3. */
    public static Map<String, Parameter> mapping(VggBackbone backbone, BoxHead headOrNull) {
        Map<String, Parameter> m = new LinkedHashMap<>();
        var config = backbone.config();
        for (int b = 0; b < config.blockConvs().size(); b++) {
            for (int l = 0; l < config.blockConvs().get(b); l++) {
                int n = VggBackbone.torchvisionIndex(config, b, l);
                m.put("features." + n + ".weight", backbone.conv(b, l).weight());
                m.put("features." + n + ".bias", backbone.conv(b, l).bias());
            }
        }
        if (headOrNull != null) {
            put(m, "classifier.0", headOrNull.fc6());
            put(m, "classifier.3", headOrNull.fc7());
        }
        return m;
    }

    private static void put(Map<String, Parameter> m, String prefix, Linear fc) {
        m.put(prefix + ".weight", fc.weight());
        m.put(prefix + ".bias", fc.bias());
    }

    /**
     * Copies the file's tensors into the backbone (and the box head's fc6/fc7 when headOrNull is given).
     *
     * @throws IllegalArgumentException one line naming the file and the problem
     */
    public static void load(Path file, VggBackbone backbone, BoxHead headOrNull) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("vgg16 weights " + file + ": no such file (convert torchvision's"
                    + " vgg16 to safetensors, see Vgg16Weights)");
        }
        Map<String, Parameter> mapping = mapping(backbone, headOrNull);
        try (MemoryScope scope = MemoryScope.open()) {
            StateDict sd;
            try {
                sd = SafeTensors.read(file).tensors();
            } catch (IOException | RuntimeException e) {
                throw new IllegalArgumentException("vgg16 weights " + file + ": not a readable safetensors file: "
                        + e.getMessage(), e);
            }
            for (Map.Entry<String, Parameter> e : mapping.entrySet()) { // check everything before writing anything
                Tensor src = sd.get(e.getKey());
                if (src == null) {
                    throw new IllegalArgumentException("vgg16 weights " + file + ": missing tensor '" + e.getKey()
                            + "'");
                }
                if (!src.shape().equals(e.getValue().shape())) {
                    throw new IllegalArgumentException("vgg16 weights " + file + ": tensor '" + e.getKey()
                            + "' has shape " + src.shape() + ", the model expects " + e.getValue().shape());
                }
            }
            for (Map.Entry<String, Parameter> e : mapping.entrySet()) {
                Tensor dst = e.getValue().data();
                Elementwise.copyInto(sd.get(e.getKey()).to(dst.dtype()).to(dst.device()).detach(), dst);
            }
        }
    }
}
