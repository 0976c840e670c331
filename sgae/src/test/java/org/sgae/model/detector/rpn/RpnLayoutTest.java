package org.sgae.model.detector.rpn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.sgae.tensor.Tensor;

/** The head outputs follow the anchors' (y, x, a) order (model-spec §3.1). */
class RpnLayoutTest {
    private static float[] iota(int n) {
        float[] f = new float[n];
        for (int i = 0; i < n; i++) {
            f[i] = i;
        }
        return f;
    }

    @Test
    void objectnessIsPermutedToYXA() {
        // [B=1, A=2, h=2, w=3], value = a·6 + y·3 + x; out[(y·3 + x)·2 + a] = that value.
        Tensor out = RpnLayout.objectness(Tensor.of(iota(12), 1, 2, 2, 3));
        assertEquals(2, out.rank());
        assertEquals(12, out.dim(1));
        assertArrayEquals(new float[] {0, 6, 1, 7, 2, 8, 3, 9, 4, 10, 5, 11}, out.toFloatArray());
    }

    @Test
    void deltasArePermutedToYXAThenCoordinate() {
        // [B=1, 4A=8, h=1, w=2], channel a·4 + k, value = channel·2 + x; out[(x·2 + a)·4 + k].
        Tensor out = RpnLayout.deltas(Tensor.of(iota(16), 1, 8, 1, 2), 2);
        assertEquals(4, out.dim(2));
        assertArrayEquals(new float[] {0, 2, 4, 6, 8, 10, 12, 14, 1, 3, 5, 7, 9, 11, 13, 15}, out.toFloatArray());
    }

    @Test
    void wrongChannelCountIsNamed() {
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> RpnLayout.deltas(Tensor.zeros(1, 6, 1, 2), 2)).getMessage().startsWith("deltas"));
    }
}
