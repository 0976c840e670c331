package org.sgae.model.generator;


import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.sgae.model.DeviceSteps;
import org.sgae.autograd.Engine;
import org.sgae.tensor.DType;
import org.sgae.tensor.Device;
import org.sgae.tensor.Tensor;
import org.sgae.tensor.memory.MemoryScope;

/**
 * One phase-1 step of a tiny GAN on the OpenCL backend (PoCL in CI) against the same step on the CPU: the L_G terms,
 * every gradient of L_G (generator and, through the fakes, both discriminators), and the two discriminator losses on
 * the detached fakes agree within MODEL_GRAD (relative to each tensor's largest value: the generator chains ~15
 * layers forward and back — GraphTripleConv, layout warp, the CRN's conv/BN pairs, D — whose sums run in other
 * orders on the device). Same seeds both sides: weights, noise and targets are drawn on the host.
 */
class GeneratorDeviceStepTest {
    private static List<double[]> step(Device device) {
        List<double[]> out = new ArrayList<>();
        try (MemoryScope scope = MemoryScope.open()) {
            ImageGan gan = new ImageGan(TinyGen.config(), DType.F32, device, new SplittableRandom(1));
            Generator g = gan.generator();
            int s = g.config().imageSize();
            Tensor target = GraphTripleConvTest.rand(2, 3 * s * s, new SplittableRandom(2)).reshape(2, 3, s, s)
                    .contiguous().to(DType.F32).to(device);
            Tensor labels = Tensor.ofLongs(new long[] {1, 2, 3}, 3).to(device);
            Tensor boxes = Tensor.of(new float[] {0.1f, 0.1f, 0.5f, 0.6f, 0.4f, 0.2f, 0.9f, 0.8f, 0.2f, 0.3f, 0.7f,
                    0.9f}, 3, 4).to(device);
            SceneGraph sg = SceneGraph.assemble(g.vocab(), 2, g.vocab().objects(labels), new long[] {0, 0, 1}, boxes,
                    labels, g.vocab().predicates(Tensor.ofLongs(new long[] {2}, 1).to(device)), new long[] {0},
                    new long[] {1}, null);
            Tensor noise = g.drawNoise(2, new SplittableRandom(3), target);
            ImageGan.GeneratorStep gs = gan.generatorLosses(sg, target, noise);
            Engine.backward(gs.total());
            DeviceSteps.addLossesAndGradients(out, gs.losses().values(), gan.parameters(), device);
            Tensor fake = gs.output().image().detach();
            out.add(gan.objectDiscriminatorLoss(sg, target, fake).toDoubleArray());
            out.add(gan.imageDiscriminatorLoss(target, fake).toDoubleArray());
        }
        return out;
    }

    @Test
    void openClStepMatchesCpu() {
        DeviceSteps.assertOpenClMatchesCpu(GeneratorDeviceStepTest::step, k -> "tensor " + k);
    }
}
