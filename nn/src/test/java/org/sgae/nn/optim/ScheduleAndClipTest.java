package org.sgae.nn.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sgae.nn.Parameter;
import org.sgae.tensor.Tensor;
import org.sgae.tensor.TensorAsserts;
import org.sgae.tensor.Tolerances;
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
        TensorAsserts.assertClose(m.factor(2), 0.1, Tolerances.F64_EXACTISH, "m.factor(2)");
        TensorAsserts.assertClose(m.factor(5), 0.01, Tolerances.F64_EXACTISH, "m.factor(5)");
        LrSchedule w = LrSchedule.linearWarmup(4, 0.2);
        TensorAsserts.assertClose(w.factor(0), 0.2, Tolerances.F64_EXACTISH, "w.factor(0)");
        TensorAsserts.assertClose(w.factor(2), 0.6, Tolerances.F64_EXACTISH, "w.factor(2)");
        assertEquals(1, w.factor(4), 0);
        assertThrows(IllegalArgumentException.class, () -> LrSchedule.multiStep(new int[] {5, 2}, 0.1));
    }

    @Test
    void schedulesCompose() {
        LrSchedule warmThenDecay = LrSchedule.linearWarmup(2, 0).times(LrSchedule.multiStep(new int[] {3}, 0.1));
        TensorAsserts.assertClose(warmThenDecay.factor(1), 0.5, Tolerances.F64_EXACTISH, "warmThenDecay.factor(1)");
        TensorAsserts.assertClose(warmThenDecay.factor(2), 1, Tolerances.F64_EXACTISH, "warmThenDecay.factor(2)");
        TensorAsserts.assertClose(warmThenDecay.factor(3), 0.1, Tolerances.F64_EXACTISH, "warmThenDecay.factor(3)");
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
        TensorAsserts.assertClose(opt.groups().get(0).lr(), 0.025, Tolerances.F64_EXACTISH, "opt.groups().get(0).lr()");
        TensorAsserts.assertClose(opt.groups().get(1).lr(), 0.0025, Tolerances.F64_EXACTISH, "opt.groups().get(1).lr()");
    }

    @Test
    void clipScalesToMaxNormAndReturnsTheNorm() {
        Parameter a = new Parameter(Tensor.zeros(2));
        Parameter b = new Parameter(Tensor.zeros(1));
        Parameter none = new Parameter(Tensor.zeros(3));
        a.data().setGrad(MemoryScope.escape(Tensor.of(new float[] {3, 0}, 2)));
        b.data().setGrad(MemoryScope.escape(Tensor.of(new float[] {4}, 1)));
        double norm = GradClip.clipGradNorm(List.of(a, b, none), 1.0);
        TensorAsserts.assertClose(norm, 5, Tolerances.F32_ELEMENTWISE, "norm");
        float[] ga = a.grad().toFloatArray();
        TensorAsserts.assertClose(ga[0], 0.6, Tolerances.F32_ELEMENTWISE, "ga[0]");
        TensorAsserts.assertClose(b.grad().toFloatArray()[0], 0.8, Tolerances.F32_ELEMENTWISE, "b.grad().toFloatArray()[0]");
        // below the limit: untouched
        TensorAsserts.assertClose(GradClip.clipGradNorm(List.of(a, b), 10), 1, Tolerances.F32_ELEMENTWISE, "GradClip.clipGradNorm(List.of(a, b), 10)");
        TensorAsserts.assertClose(a.grad().toFloatArray()[0], 0.6, Tolerances.F32_ELEMENTWISE, "a.grad().toFloatArray()[0]");
        assertThrows(IllegalArgumentException.class, () -> GradClip.clipGradNorm(List.of(a), 0));
    }
}
