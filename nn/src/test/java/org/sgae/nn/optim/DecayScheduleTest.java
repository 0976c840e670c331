package org.sgae.nn.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.sgae.tensor.TensorAsserts;
import org.sgae.tensor.Tolerances;

class DecayScheduleTest {
    @Test
    void cosineFallsFromOneThroughAHalfAtMidwayToZero() {
        LrSchedule c = LrSchedule.cosine(100);
        assertEquals(1, c.factor(0), 0);
        TensorAsserts.assertClose(c.factor(50), 0.5, Tolerances.F64_EXACTISH, "c.factor(50)");
        // cos(π/4) = √2/2: (1 + √2/2) / 2 at a quarter, (1 − √2/2) / 2 at three quarters
        TensorAsserts.assertClose(c.factor(25), (1 + Math.sqrt(0.5)) / 2, Tolerances.F64_EXACTISH, "c.factor(25)");
        TensorAsserts.assertClose(c.factor(75), (1 - Math.sqrt(0.5)) / 2, Tolerances.F64_EXACTISH, "c.factor(75)");
        assertEquals(0, c.factor(100), 0);
        assertEquals(0, c.factor(150), 0);
        for (int i = 1; i <= 100; i++) {
            assertTrue(c.factor(i) < c.factor(i - 1), "cosine must fall strictly at step " + i);
        }
        assertThrows(IllegalArgumentException.class, () -> LrSchedule.cosine(0));
    }

    @Test
    void linearDecayFallsByEqualStepsToZero() {
        LrSchedule l = LrSchedule.linearDecay(8);
        assertEquals(1, l.factor(0), 0);
        TensorAsserts.assertClose(l.factor(2), 0.75, Tolerances.F64_EXACTISH, "l.factor(2)");
        TensorAsserts.assertClose(l.factor(6), 0.25, Tolerances.F64_EXACTISH, "l.factor(6)");
        assertEquals(0, l.factor(8), 0);
        assertEquals(0, l.factor(9), 0);
        assertThrows(IllegalArgumentException.class, () -> LrSchedule.linearDecay(-1));
    }

    @Test
    void warmupTimesCosineIsTheDetectronWarmupCosine() {
        LrSchedule s = LrSchedule.linearWarmup(10, 0.5).times(LrSchedule.cosine(100));
        TensorAsserts.assertClose(s.factor(0), 0.5, Tolerances.F64_EXACTISH, "s.factor(0)");
        double atFive = 0.75 * 0.5 * (1 + Math.cos(Math.PI * 5 / 100));
        TensorAsserts.assertClose(s.factor(5), atFive, Tolerances.F64_EXACTISH, "s.factor(5)");
        TensorAsserts.assertClose(s.factor(50), 0.5, Tolerances.F64_EXACTISH, "s.factor(50)");
    }
}
