package org.sgae.nn.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sgae.nn.Parameter;
import org.sgae.tensor.DType;
import org.sgae.tensor.Rand;
import org.sgae.tensor.Tensor;
import org.sgae.tensor.TensorAsserts;
import org.sgae.tensor.Tolerances;
import org.sgae.tensor.memory.MemoryScope;

/** SGD and Adam against PyTorch's update formulas written out in plain double loops, over several steps. */
class OptimizerTest {
    private static final int STEPS = 4;

    /** Gradient of step k for a parameter: deterministic and different each step. */
    private static double[] grad(int k, int n, long seed) {
        return Rand.uniform(seed * 100 + k, DType.F64, -1, 1, n).toDoubleArray();
    }

    private static void setGrad(Parameter p, double[] g) {
        Tensor t = MemoryScope.escape(Tensor.of(g, p.shape().toArray()));
        p.zeroGrad();
        p.data().setGrad(t);
    }

    private static double[] sgdRef(double[] p0, long seed, double lr, double mu, double damp, double wd, boolean nest) {
        double[] p = p0.clone();
        double[] buf = null;
        for (int k = 0; k < STEPS; k++) {
            double[] g = grad(k, p.length, seed);
            double[] d = new double[p.length];
            for (int i = 0; i < p.length; i++) {
                d[i] = g[i] + wd * p[i];
            }
            if (mu != 0) {
                if (buf == null) {
                    buf = d.clone();
                } else {
                    for (int i = 0; i < p.length; i++) {
                        buf[i] = mu * buf[i] + (1 - damp) * d[i];
                    }
                }
                for (int i = 0; i < p.length; i++) {
                    d[i] = nest ? d[i] + mu * buf[i] : buf[i];
                }
            }
            for (int i = 0; i < p.length; i++) {
                p[i] -= lr * d[i];
            }
        }
        return p;
    }

    private static double[] adamRef(double[] p0, long seed, double lr, double b1, double b2, double eps, double wd,
                                    boolean decoupled) {
        double[] p = p0.clone();
        double[] m = new double[p.length];
        double[] v = new double[p.length];
        for (int k = 0; k < STEPS; k++) {
            double[] g = grad(k, p.length, seed);
            int t = k + 1;
            for (int i = 0; i < p.length; i++) {
                double gi = g[i];
                if (decoupled) {
                    p[i] *= 1 - lr * wd;
                } else {
                    gi += wd * p[i];
                }
                m[i] = b1 * m[i] + (1 - b1) * gi;
                v[i] = b2 * v[i] + (1 - b2) * gi * gi;
                double denom = Math.sqrt(v[i]) / Math.sqrt(1 - Math.pow(b2, t)) + eps;
                p[i] -= lr / (1 - Math.pow(b1, t)) * m[i] / denom;
            }
        }
        return p;
    }

    private static Parameter param(long seed, int n) {
        return new Parameter(Rand.f64(seed, n));
    }

    private static void run(Optimizer opt, List<Parameter> ps, long[] seeds) {
        for (int k = 0; k < STEPS; k++) {
            for (int j = 0; j < ps.size(); j++) {
                setGrad(ps.get(j), grad(k, ps.get(j).numel(), seeds[j]));
            }
            opt.step();
        }
    }

    @Test
    void sgdVariantsMatchReference() {
        double[][] cfg = { // lr, momentum, dampening, wd, nesterov
            {0.1, 0, 0, 0, 0}, {0.05, 0.9, 0, 0, 0}, {0.05, 0.9, 0.1, 1e-2, 0}, {0.02, 0.8, 0, 5e-3, 1}};
        for (double[] c : cfg) {
            Parameter p = param(1, 7);
            double[] p0 = p.data().toDoubleArray();
            Sgd opt = new Sgd(List.of(new ParamGroup(List.of(p), c[0], c[3])), c[1], c[2],
                    c[4] == 1 ? Sgd.Momentum.NESTEROV : Sgd.Momentum.STANDARD);
            run(opt, List.of(p), new long[] {5});
            TensorAsserts.assertClose(p.data(), Tensor.of(sgdRef(p0, 5, c[0], c[1], c[2], c[3], c[4] == 1), 7),
                    Tolerances.F64_EXACTISH, "sgd " + java.util.Arrays.toString(c));
        }
    }

    @Test
    void parameterGroupsUseTheirOwnRateAndDecay() {
        Parameter a = param(1, 5);
        Parameter b = param(2, 3);
        double[] a0 = a.data().toDoubleArray();
        double[] b0 = b.data().toDoubleArray();
        Sgd opt = new Sgd(List.of(new ParamGroup(List.of(a), 0.1, 0.01), new ParamGroup(List.of(b), 0.01, 0)), 0.9, 0,
                Sgd.Momentum.STANDARD);
        run(opt, List.of(a, b), new long[] {3, 4});
        TensorAsserts.assertClose(a.data(), Tensor.of(sgdRef(a0, 3, 0.1, 0.9, 0, 0.01, false), 5),
                Tolerances.F64_EXACTISH, "group a");
        TensorAsserts.assertClose(b.data(), Tensor.of(sgdRef(b0, 4, 0.01, 0.9, 0, 0, false), 3),
                Tolerances.F64_EXACTISH, "group b");
    }

    @Test
    void adamAndAdamWMatchReference() {
        for (Adam.WeightDecay decay : Adam.WeightDecay.values()) {
            boolean decoupled = decay == Adam.WeightDecay.DECOUPLED;
            for (double wd : new double[] {0, 0.05}) {
                Parameter p = param(7, 9);
                double[] p0 = p.data().toDoubleArray();
                Adam opt = new Adam(List.of(new ParamGroup(List.of(p), 0.01, wd)), 0.9, 0.99, 1e-8, decay);
                run(opt, List.of(p), new long[] {8});
                TensorAsserts.assertClose(p.data(), Tensor.of(adamRef(p0, 8, 0.01, 0.9, 0.99, 1e-8, wd, decoupled), 9),
                        Tolerances.F64_EXACTISH, "adam " + decay + " wd=" + wd);
                assertEquals(STEPS, opt.steps(p));
            }
        }
    }

    @Test
    void stepsUpdateInPlaceAndReuseState() {
        Parameter p = param(1, 4);
        Tensor data = p.data();
        Adam adam = Adam.of(List.of(p), 0.1, 0);
        Sgd sgd = Sgd.of(List.of(p), 0.1, 0.9, 0, Sgd.Momentum.STANDARD);
        setGrad(p, grad(0, 4, 1));
        adam.step();
        sgd.step();
        Tensor m = adam.firstMoment(p);
        Tensor buf = sgd.momentumBuffer(p);
        for (int k = 1; k < 3; k++) {
            setGrad(p, grad(k, 4, 1));
            try (MemoryScope s = MemoryScope.open()) {
                adam.step();
                sgd.step();
                assertEquals(0, s.size(), "an optimiser step allocated tensors");
            }
        }
        assertSame(data, p.data());
        assertSame(m, adam.firstMoment(p));
        assertSame(buf, sgd.momentumBuffer(p));
    }

    /** Save after two steps, restore into a fresh optimiser over a copy, and both must take identical next steps. */
    @Test
    void stateDictRoundTripResumesExactly() {
        for (int kind = 0; kind < 2; kind++) {
            Parameter a = param(3, 6);
            Optimizer oa = kind == 0 ? Adam.of(List.of(a), 0.05, 0.01)
                    : Sgd.of(List.of(a), 0.05, 0.9, 0, Sgd.Momentum.NESTEROV);
            for (int k = 0; k < 2; k++) {
                setGrad(a, grad(k, 6, 9));
                oa.step();
            }
            Parameter b = new Parameter(Tensor.of(a.data().toDoubleArray(), 6));
            Optimizer ob = kind == 0 ? Adam.of(List.of(b), 0.05, 0.01)
                    : Sgd.of(List.of(b), 0.05, 0.9, 0, Sgd.Momentum.NESTEROV);
            ob.loadStateDict(oa.stateDict());
            for (int k = 2; k < 4; k++) {
                setGrad(a, grad(k, 6, 9));
                setGrad(b, grad(k, 6, 9));
                oa.step();
                ob.step();
            }
            org.junit.jupiter.api.Assertions.assertArrayEquals(a.data().toDoubleArray(), b.data().toDoubleArray());
        }
        Parameter p = param(1, 2);
        Sgd s = Sgd.of(List.of(p), 0.1, 0.9, 0, Sgd.Momentum.STANDARD);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> s.loadStateDict(java.util.Map.of("0.momentum_buffer", Tensor.zeros(3))));
        assertEquals("Shape mismatch in '0.momentum_buffer': expected [2], found [3]", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> s.loadStateDict(java.util.Map.of("7.x", Tensor.zeros(2))));
    }

    @Test
    void parametersWithoutGradientAreSkipped() {
        Parameter p = param(1, 3);
        double[] before = p.data().toDoubleArray();
        Sgd opt = Sgd.of(List.of(p), 0.1, 0.9, 0, Sgd.Momentum.STANDARD);
        opt.step();
        TensorAsserts.assertClose(p.data(), Tensor.of(before, 3), Tolerances.F64_EXACTISH, "unchanged");
        assertNull(opt.momentumBuffer(p));
    }

    @Test
    void badSettingsAreRejected() {
        Parameter p = param(1, 3);
        assertThrows(IllegalArgumentException.class, () -> Sgd.of(List.of(p), -1, 0, 0, Sgd.Momentum.STANDARD));
        assertThrows(IllegalArgumentException.class, () -> Sgd.of(List.of(p), 0.1, 0, 0, Sgd.Momentum.NESTEROV));
        assertThrows(IllegalArgumentException.class,
                () -> new Adam(List.of(new ParamGroup(List.of(p), 0.1, 0)), 1.0, 0.999, 1e-8, Adam.WeightDecay.L2));
        assertThrows(IllegalArgumentException.class, () -> new Sgd(List.of(new ParamGroup(List.of(p), 0.1, 0),
                new ParamGroup(List.of(p), 0.1, 0)), 0, 0, Sgd.Momentum.STANDARD));
    }
}
