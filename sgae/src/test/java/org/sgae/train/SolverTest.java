package org.sgae.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sgae.autograd.Engine;
import org.sgae.nn.Parameter;
import org.sgae.nn.optim.LrSchedule;
import org.sgae.nn.optim.ParamGroup;
import org.sgae.tensor.Tensor;
import org.sgae.tensor.Tolerances;
import org.sgae.tensor.memory.MemoryScope;
import org.sgae.tensor.ops.Reduce;
import org.sgae.train.config.Preset;
import org.sgae.train.config.SolverConfig;

class SolverTest {
    private static final SolverConfig PHASE0 = Preset.VG.solver(0);
    private static final int ITERS = 1000;

    private static Map<String, Parameter> convParams() {
        Map<String, Parameter> m = new LinkedHashMap<>();
        m.put("backbone.conv.weight", new Parameter(MemoryScope.escape(Tensor.of(new float[] {1, -2, 3, -4}, 4))));
        m.put("backbone.conv.bias", new Parameter(MemoryScope.escape(Tensor.of(new float[] {0.5f, -0.5f}, 2))));
        return m;
    }

    @Test
    void biasesTrainAtTwiceTheLrWithoutWeightDecay() {
        Solver s = Solver.sgd(PHASE0, convParams(), ITERS);
        List<ParamGroup> g = s.optimizer().groups();
        assertEquals(2, g.size());
        assertEquals(PHASE0.lr(), g.get(0).baseLr());
        assertEquals(PHASE0.weightDecay(), g.get(0).weightDecay());
        assertEquals(2 * PHASE0.lr(), g.get(1).baseLr());
        assertEquals(0, g.get(1).weightDecay());
        assertTrue(Solver.isBias("bias") && Solver.isBias("rpn.cls.bias") && !Solver.isBias("rpn.biased.weight"));
    }

    @Test
    void warmUpFromAThirdThenTenfoldDecayAtSeventyAndNinetyPercent() {
        LrSchedule s = Solver.schedule(PHASE0, ITERS);
        double tol = Tolerances.F64_EXACTISH.atol();
        int warm = PHASE0.warmupIters();
        assertEquals(1.0 / 3, s.factor(0), tol);
        assertEquals(2.0 / 3, s.factor(warm / 2), tol);
        assertEquals(1, s.factor(warm), tol);
        assertEquals(1, s.factor(699), tol);
        assertEquals(0.1, s.factor(700), tol);
        assertEquals(0.1, s.factor(899), tol);
        assertEquals(0.01, s.factor(900), tol);
    }

    @Test
    void cosineAndLinearDecayToZeroOverThePhaseAfterTheSameWarmUp() {
        double tol = Tolerances.F64_EXACTISH.atol();
        int warm = PHASE0.warmupIters();
        LrSchedule cos = Solver.schedule(PHASE0.withSchedule(SolverConfig.Schedule.COSINE), ITERS);
        LrSchedule lin = Solver.schedule(PHASE0.withSchedule(SolverConfig.Schedule.LINEAR), ITERS);
        // warm-up from a third, times the decay already under way (detectron2's WarmupCosineLR multiplies the same way)
        assertEquals(1.0 / 3, cos.factor(0), tol);
        assertEquals(1.0 / 3, lin.factor(0), tol);
        assertEquals(0.5 * (1 + Math.cos(Math.PI * warm / ITERS)), cos.factor(warm), tol);
        assertEquals(1 - (double) warm / ITERS, lin.factor(warm), tol);
        // midway a half for both; a quarter left at 3/4 for the line, (1 − √2/2)/2 for the cosine; decayAt is unused
        assertEquals(0.5, cos.factor(ITERS / 2), tol);
        assertEquals(0.5, lin.factor(ITERS / 2), tol);
        assertEquals(0.25, lin.factor(3 * ITERS / 4), tol);
        assertEquals((1 - Math.sqrt(0.5)) / 2, cos.factor(3 * ITERS / 4), tol);
        assertEquals(0.5 * (1 + Math.cos(Math.PI * 700 / ITERS)), cos.factor(700), tol);
        // the last iteration trains at a small but non-zero rate
        assertTrue(cos.factor(ITERS - 1) > 0 && cos.factor(ITERS - 1) < 1e-4, "cos last " + cos.factor(ITERS - 1));
        assertEquals(1.0 / ITERS, lin.factor(ITERS - 1), tol);
        for (int i = warm + 1; i < ITERS; i++) {
            assertTrue(cos.factor(i) < cos.factor(i - 1) && lin.factor(i) < lin.factor(i - 1), "falls at " + i);
        }
    }

    @Test
    void solverLrFollowsTheConfiguredSchedule() {
        Solver s = Solver.sgd(PHASE0.withSchedule(SolverConfig.Schedule.LINEAR), convParams(), ITERS);
        s.setIteration(ITERS / 2);
        assertEquals(PHASE0.lr() / 2, s.lr(), Tolerances.F64_EXACTISH.bound(PHASE0.lr()));
        assertEquals(PHASE0.lr(), s.optimizer().groups().get(1).lr(), Tolerances.F64_EXACTISH.bound(PHASE0.lr()),
                "biases at 2× lr × 1/2");
    }

    @Test
    void firstStepIsPlainSgdWithTheGroupsRatesAndDecay() {
        Map<String, Parameter> p = convParams();
        Solver s = Solver.sgd(PHASE0.withWarmupIters(0), p, ITERS);
        float[] w0 = p.get("backbone.conv.weight").data().toFloatArray();
        float[] b0 = p.get("backbone.conv.bias").data().toFloatArray();
        try (MemoryScope scope = MemoryScope.open()) {
            // loss = Σw + Σb: every gradient is 1
            Tensor loss = Reduce.sumAll(p.get("backbone.conv.weight").data())
                    .add(Reduce.sumAll(p.get("backbone.conv.bias").data()));
            Engine.backward(loss);
        }
        s.setIteration(0);
        assertTrue(s.clipAndStep());
        float[] w1 = p.get("backbone.conv.weight").data().toFloatArray();
        float[] b1 = p.get("backbone.conv.bias").data().toFloatArray();
        for (int i = 0; i < w0.length; i++) {
            // the first momentum step applies d = g + wd·w unchanged (PyTorch's buffer initialisation)
            double expected = w0[i] - PHASE0.lr() * (1 + PHASE0.weightDecay() * w0[i]);
            assertEquals(expected, w1[i], Tolerances.F32_ELEMENTWISE.bound(expected));
        }
        for (int i = 0; i < b0.length; i++) {
            double expected = b0[i] - 2 * PHASE0.lr();
            assertEquals(expected, b1[i], Tolerances.F32_ELEMENTWISE.bound(expected));
        }
    }

    @Test
    void clippingScalesTheGradientToTheMaximumNorm() {
        Map<String, Parameter> p = convParams();
        double maxNorm = 0.5;
        Solver s = Solver.sgd(PHASE0.withWarmupIters(0).withWeightDecay(0).withClipNorm(maxNorm), p, ITERS);
        float[] w0 = p.get("backbone.conv.weight").data().toFloatArray();
        try (MemoryScope scope = MemoryScope.open()) {
            Engine.backward(Reduce.sumAll(p.get("backbone.conv.weight").data())); // 4 unit gradients: norm 2
        }
        s.setIteration(0);
        assertTrue(s.clipAndStep());
        float[] w1 = p.get("backbone.conv.weight").data().toFloatArray();
        double clipped = maxNorm / 2; // each unit gradient scaled by maxNorm / ‖g‖
        for (int i = 0; i < w0.length; i++) {
            double expected = w0[i] - PHASE0.lr() * clipped;
            assertEquals(expected, w1[i], Tolerances.F32_ELEMENTWISE.bound(expected));
        }
        assertEquals(PHASE0.lr(), s.lr(), Tolerances.F64_EXACTISH.bound(PHASE0.lr()));
    }
}
