package org.sgae.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.sgae.examples.ShapesData;
import org.sgae.examples.ShapesTraining;
import org.sgae.tensor.memory.MemoryScope;

/**
 * Proof that the stack learns: the shapes CNN (conv + batch norm + max pooling + linear, Adam, cross-entropy) must
 * reach ≥ 95 % accuracy on held-out images with the default, seeded configuration. The training loss must also
 * fall, so a lucky initialisation cannot pass without learning.
 */
class ShapesLearnTest {
    @Test
    void smallCnnLearnsShapes() {
        ShapesTraining.Result r = ShapesTraining.run(ShapesTraining.Config.defaults(), System.out);
        System.out.printf("ShapesLearnTest: accuracy %.4f in %.1f s (losses %s)%n", r.finalAccuracy(), r.seconds(),
                r.trainLoss());
        assertTrue(r.finalAccuracy() >= 0.95, "test accuracy " + r.finalAccuracy() + " < 0.95; per epoch "
                + r.testAccuracy() + ", losses " + r.trainLoss());
        assertTrue(r.trainLoss().get(r.trainLoss().size() - 1) < 0.5 * r.trainLoss().get(0),
                "training loss did not fall: " + r.trainLoss());
        assertTrue(MemoryScope.current() == null, "a MemoryScope was left open");
    }

    @Test
    void dataIsDeterministicAndBalanced() {
        ShapesData a = ShapesData.generate(8, 5);
        ShapesData b = ShapesData.generate(8, 5);
        int[] order = {0, 1, 2, 3, 4, 5, 6, 7};
        assertArrayEquals(a.images(order, 0, 8).toFloatArray(), b.images(order, 0, 8).toFloatArray());
        assertArrayEquals(new long[] {0, 1, 2, 3, 0, 1, 2, 3}, a.labels(order, 0, 8).toLongArray());
        float[] other = ShapesData.generate(8, 6).images(order, 0, 8).toFloatArray();
        assertTrue(other[0] != a.images(order, 0, 1).toFloatArray()[0]);
    }
}
