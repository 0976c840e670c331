package org.sgae.model.generator;

import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.sgae.autograd.GradCheck;
import org.sgae.nn.Parameter;
import org.sgae.tensor.DType;
import org.sgae.tensor.Device;
import org.sgae.tensor.Tensor;
import org.sgae.tensor.memory.MemoryScope;

/**
 * L_G of §9 (L1 + both GAN terms + AC + bbox) in F64 on a tiny config: its gradient w.r.t. a few generator parameters
 * spread over the model (the box net's last bias, the last
 * GraphTripleConv's net2 bias, the CRN head's bias) matches central finite differences.
 */
class GeneratorGradCheckTest {
    @Test
    void generatorLossGradientMatchesFiniteDifferences() {
        try (MemoryScope scope = MemoryScope.open()) {
            ImageGan gan = new ImageGan(TinyGen.config(), DType.F64, Device.cpu(), new SplittableRandom(11));
            Generator g = gan.generator();
            int s = g.config().imageSize();
            Tensor target = GraphTripleConvTest.rand(2, 3 * s * s, new SplittableRandom(12)).reshape(2, 3, s, s)
                    .contiguous();
            Map<String, Parameter> p = gan.namedParameters();
            Tensor[] checked = {
                    p.get("generator.boxNet.mlp.2.bias").data(),
                    p.get("generator.gconv.1.net2.2.bias").data(),
                    p.get("generator.crn.head.2.bias").data(),
            };
            Tensor noiseOnce = g.drawNoise(2, new SplittableRandom(13), target);
            GradCheck.assertGradients("L_G", in -> {
                SceneGraph sg = GeneratorShapesTest.graph(g);
                return gan.generatorStep(sg, target, noiseOnce);
            }, checked);
        }
    }
}
