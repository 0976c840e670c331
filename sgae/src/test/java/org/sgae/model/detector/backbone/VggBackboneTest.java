package org.sgae.model.detector.backbone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.sgae.autograd.Engine;
import org.sgae.nn.Parameter;
import org.sgae.tensor.DType;
import org.sgae.tensor.Device;
import org.sgae.tensor.Shape;
import org.sgae.tensor.Tensor;
import org.sgae.train.config.BackboneConfig;
import org.sgae.train.config.Preset;

/** Output shapes and stride of both presets' backbones, VGG-16's torchvision indices, and frozen blocks. */
class VggBackboneTest {
    @Test
    void vgg16IsConfigurationDToConv5_3() {
        VggBackbone vgg = new VggBackbone(Preset.VG.backbone(), DType.F32, Device.cpu(), new SplittableRandom(1));
        // 13 convs: torchvision's vgg16 features hold 14,714,688 parameters
        assertEquals(14_714_688, vgg.parameterCount());
        assertEquals(Shape.of(64, 3, 3, 3), vgg.conv(0, 0).weight().shape());
        assertEquals(Shape.of(512, 512, 3, 3), vgg.conv(4, 2).weight().shape());
        assertEquals("conv5_3", VggBackbone.name(4, 2));
        assertEquals(512, vgg.outChannels());
        assertEquals(16, vgg.stride());
        // [1,3,64,96] → [1,512,4,6]
        Tensor out = vgg.forward(Tensor.zeros(1, 3, 64, 96));
        assertEquals(Shape.of(1, 512, 4, 6), out.shape());
    }

    @Test
    void torchvisionIndicesOfConfigurationD() {
        BackboneConfig d = Preset.VG.backbone();
        List<Integer> got = new ArrayList<>();
        for (int b = 0; b < 5; b++) {
            for (int l = 0; l < d.blockConvs().get(b); l++) {
                got.add(VggBackbone.torchvisionIndex(d, b, l));
            }
        }
        assertEquals(List.of(0, 2, 5, 7, 10, 12, 14, 17, 19, 21, 24, 26, 28), got);
    }

    @Test
    void cpuPresetHasStride16() {
        VggBackbone net = new VggBackbone(Preset.CPU.backbone(), DType.F32, Device.cpu(), new SplittableRandom(2));
        assertEquals(128, net.outChannels());
        assertEquals(16, net.stride());
        assertEquals(Shape.of(2, 128, 8, 8), net.forward(Tensor.zeros(2, 3, 128, 128)).shape());
        assertEquals(Shape.of(1, 128, 6, 8), net.forward(Tensor.zeros(1, 3, 96, 128)).shape());
        // a size that is not a multiple of 16 floors, as VGG's pools do: 100 → 50 → 25 → 12 → 6
        assertEquals(Shape.of(1, 128, 6, 6), net.forward(Tensor.zeros(1, 3, 100, 100)).shape());
    }

    @Test
    void frozenBlocksGetNoGradientOnlyWithWeights() {
        BackboneConfig small = Preset.VG.backbone().withBlocks(List.of(2, 3, 4, 4, 4), List.of(2, 2, 3, 3, 3));
        VggBackbone random = new VggBackbone(small, DType.F32, Device.cpu(), new SplittableRandom(3));
        VggBackbone pretrained = new VggBackbone(small.withWeights("vgg16.safetensors"), DType.F32, Device.cpu(),
                new SplittableRandom(3));
        Tensor x = Tensor.ones(1, 3, 32, 32);
        Engine.backward(random.forward(x).sum());
        Engine.backward(pretrained.forward(x).sum());
        for (Parameter p : random.parameters()) {
            assertNotNull(p.grad(), "random init freezes nothing");
        }
        List<Parameter> frozen = pretrained.blockParameters(2);
        assertEquals(2 * 2 * 2, frozen.size(), "conv1_1, conv1_2, conv2_1, conv2_2: weight and bias");
        for (Parameter p : pretrained.parameters()) {
            if (frozen.contains(p)) {
                assertNull(p.grad(), "conv1_x and conv2_x are frozen with weights");
            } else {
                assertNotNull(p.grad(), "conv3_1 onwards train");
            }
        }
    }
}
