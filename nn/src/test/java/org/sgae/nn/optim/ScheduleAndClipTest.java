package org.sgae.nn.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sgae.nn.Parameter;
import org.sgae.tensor.Tensor;
import org.sgae.tensor.memory.MemoryScope;

class ScheduleAndClipTest {
    @Test
    void stepMultiStepAndWarmup() {
        LrSchedule s = LrSchedule.step(3, 0.5);
        assertEquals(1, s.factor(2), 0);
        assertEquals(0.5, s.factor(3), 0);
        assertEquals(0.25, s.factor(7), 0);
        LrSchedule m = LrSchedule.multiStep(new int[] {2, 5}, 0.1);
        assertEquals(1, m.factor(1), 0);
        assertEquals(0.1, m.factor(2), 1e-15);
        assertEquals(0.01, m.factor(5), 1e-15);
        LrSchedule w = LrSchedule.linearWarmup(4, 0.2);
        assertEquals(0.2, w.factor(0), 1e-15);
        assertEquals(0.6, w.factor(2), 1e-15);
        assertEquals(1, w.factor(4), 0);
        assertThrows(IllegalArgumentException.class, () -> LrSchedule.multiStep(new int[] {5, 2}, 0.1));
    }

    @Test
    void schedulesCompose() {
        LrSchedule warmThenDecay = LrSchedule.linearWarmup(2, 0).times(LrSchedule.multiStep(new int[] {3}, 0.1));
        assertEquals(0.5, warmThenDecay.factor(1), 1e-15);
        assertEquals(1, warmThenDecay.factor(2), 1e-15);
        assertEquals(0.1, warmThenDecay.factor(3), 1e-15);
        LrSchedule seq = LrSchedule.constant().then(10, LrSchedule.step(1, 0.5));
        assertEquals(1, seq.factor(9), 0);
        assertEquals(1, seq.factor(10), 0);
        assertEquals(0.5, seq.factor(11), 0);
    }

    @Test
    void applySetsEachGroupFromItsBase() {
        Parameter a = new Parameter(Tensor.zeros(2));
        Parameter b = new Parameter(Tensor.zeros(2));
        Sgd opt = new Sgd(List.of(new ParamGroup(List.of(a), 0.1, 0), new ParamGroup(List.of(b), 0.01, 0)), 0, 0,
                Sgd.Momentum.STANDARD);
        LrSchedule.step(1, 0.5).apply(opt, 2);
        assertEquals(0.025, opt.groups().get(0).lr(), 1e-15);
        assertEquals(0.0025, opt.groups().get(1).lr(), 1e-15);
    }

    @Test
    void clipScalesToMaxNormAndReturnsTheNorm() {
        Parameter a = new Parameter(Tensor.zeros(2));
        Parameter b = new Parameter(Tensor.zeros(1));
        Parameter none = new Parameter(Tensor.zeros(3));
        a.data().setGrad(MemoryScope.escape(Tensor.of(new float[] {3, 0}, 2)));
        b.data().setGrad(MemoryScope.escape(Tensor.of(new float[] {4}, 1)));
        double norm = GradClip.clipGradNorm(List.of(a, b, none), 1.0);
        assertEquals(5, norm, 1e-6);
        float[] ga = a.grad().toFloatArray();
        assertEquals(0.6, ga[0], 1e-6);
        assertEquals(0.8, b.grad().toFloatArray()[0], 1e-6);
        // below the limit: untouched
        assertEquals(1, GradClip.clipGradNorm(List.of(a, b), 10), 1e-5);
        assertEquals(0.6, a.grad().toFloatArray()[0], 1e-6);
        assertThrows(IllegalArgumentException.class, () -> GradClip.clipGradNorm(List.of(a), 0));
    }
}
