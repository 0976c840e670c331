package org.sgae.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.sgae.autograd.Engine;
import org.sgae.nn.loss.CrossEntropy;
import org.sgae.nn.optim.Adam;
import org.sgae.nn.optim.GradClip;
import org.sgae.tensor.Rand;
import org.sgae.tensor.Tensor;
import org.sgae.tensor.memory.CpuPool;
import org.sgae.tensor.memory.MemoryScope;

/**
 * One MemoryScope per training step must release everything the step made (activations, saved tensors, the loss
 * graph) while parameters, gradients and optimiser state persist: after warm-up, every pooled array a step takes is
 * a recycled one, so a leak (an array never given back) shows up as a pool miss.
 */
class TrainingStepMemoryTest {
    private static double step(Sequential model, Adam opt, Tensor x, Tensor y) {
        try (MemoryScope s = MemoryScope.open()) {
            Tensor loss = CrossEntropy.loss(model.forward(x), y);
            opt.zeroGrad();
            Engine.backward(loss);
            GradClip.clipGradNorm(model.parameters(), 5);
            opt.step();
            return loss.item();
        }
    }

    @Test
    void stepsReuseMemoryAndLossFalls() {
        SplittableRandom r = new SplittableRandom(1);
        Sequential model = new Sequential(Conv2d.builder(3, 8, 3).padding(1).bias(false).build(r), new BatchNorm2d(8), new ReLU(),
                new MaxPool2d(2, 2, 0), new Flatten(), new Linear(8 * 8 * 8, 3, r));
        Adam opt = Adam.of(model.parameters(), 1e-2, 0);
        Tensor x = MemoryScope.escape(Rand.f32(2, 6, 3, 16, 16));
        Tensor y = MemoryScope.escape(Tensor.ofLongs(new long[] {0, 1, 2, 0, 1, 2}, 6));
        double first = step(model, opt, x, y);
        step(model, opt, x, y);
        long missesAfterWarmup = CpuPool.hitsAndMisses()[1];
        double last = 0;
        for (int i = 0; i < 20; i++) {
            last = step(model, opt, x, y);
        }
        assertEquals(missesAfterWarmup, CpuPool.hitsAndMisses()[1], "steps after warm-up allocated fresh arrays");
        assertTrue(last < 0.1 * first, "one batch must be memorised: loss " + first + " → " + last);
        for (Parameter p : model.parameters()) {
            assertTrue(!p.data().isClosed() && !p.grad().isClosed(), "parameters and grads outlive the steps");
        }
    }
}
