package org.sgae.model.generator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.sgae.data.pipeline.Batch;
import org.sgae.tensor.DType;
import org.sgae.tensor.Device;
import org.sgae.tensor.memory.MemoryScope;

class GtGraphsTest {
    /** Related objects first: with M = 2 and three related objects, two of them are drawn, never the lone one. */
    @Test
    void relatedObjectsArePreferredAndAtMostMKept() {
        int[] rel = {0, 2, 1, 2, 3, 1};     // 0→2, 2→3 (object 1 is unrelated)
        for (int seed = 0; seed < 20; seed++) {
            int[] c = GtGraphs.chooseObjects(4, rel, 0, 2, 2, new SplittableRandom(seed));
            assertEquals(2, c.length);
            for (int i : c) {
                assertTrue(i != 1, "the unrelated object is not chosen while related ones remain");
            }
        }
        // room for all: related ones plus the unrelated filler, in annotation order
        assertArrayEquals(new int[] {0, 1, 2, 3}, GtGraphs.chooseObjects(4, rel, 0, 2, 10, new SplittableRandom(1)));
    }

    /**
     * One image, 3 objects, relations 0→1 (pred 2), 0→1 again (pred 3: dropped, one predicate per pair), 1→1 (self:
     * dropped). The graph: 3 real + 1 image node, 1 relation + 3 in_image triples, boxes normalised by the size.
     */
    @Test
    void buildsTheSpecGraph() {
        int size = 64;
        float[] img = new float[3 * size * size];
        Batch b = new Batch(img, 1, size, size, new int[] {size}, new int[] {size}, new float[] {1}, new long[] {5},
                new int[] {0, 3}, new int[] {1, 2, 3}, new float[] {0, 0, 32, 16, 16, 16, 64, 64, 8, 8, 24, 40},
                new int[] {0, 3}, new int[] {0, 1, 2, 0, 1, 3, 1, 1, 4});
        try (MemoryScope scope = MemoryScope.open()) {
            Generator gen = new Generator(TinyGen.config(), DType.F32, Device.cpu(), new SplittableRandom(1));
            GtGraphs.Phase1Batch p = GtGraphs.build(b, gen, new SplittableRandom(2), DType.F32, Device.cpu());
            SceneGraph g = p.graph();
            assertEquals(3, g.realCount());
            assertEquals(4, g.nodes());
            assertArrayEquals(new long[] {0, 0, 1, 2}, g.subjects().toLongArray());
            assertArrayEquals(new long[] {1, 3, 3, 3}, g.objectsOfTriples().toLongArray());
            assertArrayEquals(new float[] {1, 1, 1, 1}, g.weights().toFloatArray(), 0f);
            assertArrayEquals(new float[] {0, 0, 0.5f, 0.25f, 0.25f, 0.25f, 1, 1, 0.125f, 0.125f, 0.375f, 0.625f,
                    0, 0, 1, 1}, g.boxes().toFloatArray(), 0f);
            assertArrayEquals(new long[] {1, 2, 3}, g.labels().toLongArray());
            assertArrayEquals(new long[] {0, 0, 0, 0}, g.objToImg().toLongArray());
            int s = gen.config().imageSize();
            assertEquals(org.sgae.tensor.Shape.of(1, 3, s, s), p.target().shape());
            // a black image normalises to −mean/std per channel
            assertEquals(-0.485f / 0.229f, p.target().toFloatArray()[0], 1e-6f);
        }
    }
}
