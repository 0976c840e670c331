package org.sgae.nn.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.sgae.autograd.Engine;
import org.sgae.autograd.GradCheck;
import org.sgae.tensor.DType;
import org.sgae.tensor.Rand;
import org.sgae.tensor.Tensor;
import org.sgae.tensor.TensorAsserts;
import org.sgae.tensor.Tolerances;

/** Each loss against a plain double reference, plus F64 gradient checks of the composed graph. */
class LossTest {
    private static final Tolerances.Tol F64 = Tolerances.F64_EXACTISH;

    // ------------------------------------------------------------------ cross-entropy

    /** PyTorch semantics in plain loops: −w[y]·log_softmax(x)[y]; mean divides by Σ w[y] over kept samples. */
    private static double[] crossEntropyRef(double[] x, int n, int c, long[] y, double[] w, long ignore) {
        double[] per = new double[n];
        double num = 0;
        double den = 0;
        for (int i = 0; i < n; i++) {
            if (y[i] == ignore) {
                continue;
            }
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < c; j++) {
                max = Math.max(max, x[i * c + j]);
            }
            double s = 0;
            for (int j = 0; j < c; j++) {
                s += Math.exp(x[i * c + j] - max);
            }
            double logp = x[i * c + (int) y[i]] - max - Math.log(s);
            double wi = w == null ? 1 : w[(int) y[i]];
            per[i] = -wi * logp;
            num += per[i];
            den += wi;
        }
        double[] out = new double[n + 2];
        System.arraycopy(per, 0, out, 0, n);
        out[n] = num;
        out[n + 1] = num / den;
        return out;
    }

    @Test
    void crossEntropyWithWeightsAndIgnoreIndex() {
        Tensor x = Rand.uniform(1, DType.F64, -4, 4, 6, 5);
        long[] y = {0, 4, 2, -100, 4, 1};
        double[] w = {0.5, 1, 2, 1.5, 3};
        Tensor weight = Tensor.of(w, 5);
        double[] ref = crossEntropyRef(x.toDoubleArray(), 6, 5, y, w, -100);
        Tensor t = Tensor.ofLongs(y, 6);
        TensorAsserts.assertClose(new CrossEntropy(weight, -100, Reduction.MEAN).apply(x, t).item(), ref[7], Tolerances.F64_EXACTISH, "new CrossEntropy(weight, -100, Reduction.MEAN).apply(x, t).item()");
        TensorAsserts.assertClose(new CrossEntropy(weight, -100, Reduction.SUM).apply(x, t).item(), ref[6], Tolerances.F64_EXACTISH, "new CrossEntropy(weight, -100, Reduction.SUM).apply(x, t).item()");
        double[] per = java.util.Arrays.copyOf(ref, 6);
        TensorAsserts.assertClose(new CrossEntropy(weight, -100, Reduction.NONE).apply(x, t), Tensor.of(per, 6), F64,
                "per-sample");
        double[] unweighted = crossEntropyRef(x.toDoubleArray(), 6, 5, y, null, -100);
        TensorAsserts.assertClose(CrossEntropy.loss(x, t).item(), unweighted[7], Tolerances.F64_EXACTISH, "CrossEntropy.loss(x, t).item()");
    }

    @Test
    void ignoreIndexInsideTheClassRange() {
        Tensor x = Rand.uniform(2, DType.F64, -3, 3, 4, 3);
        long[] y = {0, 1, 2, 0};
        double[] ref = crossEntropyRef(x.toDoubleArray(), 4, 3, y, null, 0);
        TensorAsserts.assertClose(new CrossEntropy(null, 0, Reduction.MEAN).apply(x, Tensor.ofLongs(y, 4)).item(), ref[5], Tolerances.F64_EXACTISH, "new CrossEntropy(null, 0, Reduction.MEAN).apply(x, Tensor.ofLongs(y, 4)).item()");
    }

    @Test
    void crossEntropyOverSpatialDims() {
        // [N=2, C=3, 2, 2] against [2, 2, 2]: the same as moving C last and flattening
        Tensor x = Rand.uniform(3, DType.F64, -2, 2, 2, 3, 2, 2);
        long[] y = {0, 1, 2, 1, 2, 2, 0, -100};
        Tensor flat = x.permute(0, 2, 3, 1).reshape(8, 3).contiguous();
        double[] ref = crossEntropyRef(flat.toDoubleArray(), 8, 3, y, null, -100);
        TensorAsserts.assertClose(CrossEntropy.loss(x, Tensor.ofLongs(y, 2, 2, 2)).item(), ref[9], Tolerances.F64_EXACTISH, "CrossEntropy.loss(x, Tensor.ofLongs(y, 2, 2, 2)).item()");
        Tensor none = new CrossEntropy(null, -100, Reduction.NONE).apply(x, Tensor.ofLongs(y, 2, 2, 2));
        assertEquals(org.sgae.tensor.Shape.of(2, 2, 2), none.shape());
    }

    /**
     * issue 10: with every target ignored, Σw = 0, so the mean is 0/0 = NaN as in torch, but torch's gradient is 0
     * (no sample contributes); building the mean as sum/Σw made backward compute 0·∞ = NaN.
     */
    @Test
    void allIgnoredTargetsGiveNaNLossAndZeroGradient() {
        for (Tensor weight : new Tensor[] {null, Tensor.of(new double[] {2, 3}, 2)}) {
            Tensor x = Tensor.of(new double[] {0, 0, 1.5, -2}, 2, 2).requiresGrad(true);
            Tensor loss = new CrossEntropy(weight, -100, Reduction.MEAN).apply(x, Tensor.ofLongs(new long[] {-100,
                -100}, 2));
            assertTrue(Double.isNaN(loss.item()), "mean over no samples is NaN, as in torch");
            Engine.backward(loss);
            double[] g = x.grad().toDoubleArray();
            assertTrue(java.util.Arrays.stream(g).allMatch(v -> v == 0), "gradient with " + (weight == null ? "no"
                    : "class") + " weights is 0, got " + java.util.Arrays.toString(g));
        }
    }

    @Test
    void crossEntropyGradients() {
        Tensor x = Rand.uniform(4, DType.F64, -3, 3, 5, 4).requiresGrad(true);
        Tensor t = Tensor.ofLongs(new long[] {3, 0, -100, 1, 3}, 5);
        Tensor w = Tensor.of(new double[] {1, 2, 0.5, 1.5}, 4);
        GradCheck.assertGradients("cross_entropy", in -> new CrossEntropy(w, -100, Reduction.MEAN).apply(in[0], t), x);
        Tensor x4 = Rand.uniform(5, DType.F64, -3, 3, 2, 3, 2, 2).requiresGrad(true);
        Tensor t4 = Tensor.ofLongs(new long[] {0, 1, 2, 1, 2, 2, 0, 1}, 2, 2, 2);
        GradCheck.assertGradients("cross_entropy 4d", in -> CrossEntropy.loss(in[0], t4), x4);
    }

    @Test
    void crossEntropyRejectsBadInput() {
        Tensor x = Tensor.zeros(3, 4);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CrossEntropy.loss(x, Tensor.ofLongs(new long[] {0, 4, 1}, 3)));
        assertTrue(e.getMessage().contains("target 4 out of range"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> CrossEntropy.loss(x, Tensor.ofLongs(new long[] {0, 1}, 2)));
        assertThrows(IllegalArgumentException.class, () -> CrossEntropy.loss(x, Tensor.zeros(3)));
        assertThrows(IllegalArgumentException.class,
                () -> new CrossEntropy(Tensor.zeros(3), -100, Reduction.MEAN).apply(x, Tensor.ofLongs(new long[] {0, 1, 2}, 3)));
    }

    // ------------------------------------------------------------------ BCE with logits

    private static double softplus(double z) {
        return Math.max(z, 0) + Math.log1p(Math.exp(-Math.abs(z)));
    }

    @Test
    void bceWithLogitsMatchesReferenceIncludingExtremeLogits() {
        double[] x = {-120, -30, -2.5, -0.1, 0, 0.3, 4, 40, 150};
        double[] y = {0, 1, 0.3, 1, 0.5, 0, 1, 0, 1};
        double[] pw = {2.5};
        double[] ref = new double[x.length];
        double[] refPw = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            ref[i] = (1 - y[i]) * x[i] + softplus(-x[i]);
            refPw[i] = (1 - y[i]) * x[i] + (1 + (pw[0] - 1) * y[i]) * softplus(-x[i]);
        }
        Tensor xt = Tensor.of(x, 9);
        Tensor yt = Tensor.of(y, 9);
        TensorAsserts.assertClose(BceWithLogits.loss(xt, yt, Reduction.NONE), Tensor.of(ref, 9),
                Tolerances.F64_EXACTISH, "bce");
        TensorAsserts.assertClose(BceWithLogits.loss(xt, yt, null, Tensor.of(pw, 1), Reduction.NONE),
                Tensor.of(refPw, 9), Tolerances.F64_EXACTISH, "bce pos_weight");
        // F32 stays finite at ±150 (a naive log(sigmoid) gives inf)
        double f32 = BceWithLogits.loss(xt.to(DType.F32), yt.to(DType.F32), Reduction.SUM).item();
        assertTrue(Double.isFinite(f32));
        double sum = 0;
        for (double r : ref) {
            sum += r;
        }
        TensorAsserts.assertClose(f32, sum, Tolerances.F32_TRANSCENDENTAL, "F32 sum at extreme logits");
    }

    @Test
    void bceGradientAtZeroLogitIsExact() {
        // d/dx at x = 0 is σ(0) − y = 0.5 − y; relu/abs kinks must not zero the softplus part
        Tensor x = Tensor.of(new double[] {0, 0}, 2).requiresGrad(true);
        Tensor y = Tensor.of(new double[] {0, 1}, 2);
        Engine.backward(BceWithLogits.loss(x, y, Reduction.SUM));
        TensorAsserts.assertClose(x.grad(), Tensor.of(new double[] {0.5, -0.5}, 2), F64, "grad at 0");
    }

    @Test
    void bceGradients() {
        Tensor x = Rand.uniform(6, DType.F64, -5, 5, 3, 4).requiresGrad(true);
        Tensor y = Rand.uniform(7, DType.F64, 0, 1, 3, 4);
        Tensor w = Rand.uniform(8, DType.F64, 0.5, 2, 3, 4);
        Tensor pw = Rand.uniform(9, DType.F64, 0.5, 3, 4);
        GradCheck.assertGradients("bce_with_logits", in -> BceWithLogits.loss(in[0], y, w, pw, Reduction.MEAN), x);
        assertThrows(IllegalArgumentException.class,
                () -> BceWithLogits.loss(x, y, Tensor.zeros(2, 3, 4).to(DType.F64), null, Reduction.MEAN));
    }

    // ------------------------------------------------------------------ regression losses

    @Test
    void regressionLossesMatchReference() {
        Tensor a = Rand.uniform(10, DType.F64, -3, 3, 4, 5);
        Tensor b = Rand.uniform(11, DType.F64, -3, 3, 4, 5);
        double[] av = a.toDoubleArray();
        double[] bv = b.toDoubleArray();
        double l1 = 0;
        double l2 = 0;
        double sl = 0;
        double beta = 0.7;
        for (int i = 0; i < av.length; i++) {
            double d = Math.abs(av[i] - bv[i]);
            l1 += d;
            l2 += d * d;
            sl += d < beta ? 0.5 * d * d / beta : d - 0.5 * beta;
        }
        TensorAsserts.assertClose(RegressionLoss.l1(a, b, Reduction.MEAN).item(), l1 / 20, Tolerances.F64_EXACTISH, "RegressionLoss.l1(a, b, Reduction.MEAN).item()");
        TensorAsserts.assertClose(RegressionLoss.mse(a, b, Reduction.SUM).item(), l2, Tolerances.F64_EXACTISH, "RegressionLoss.mse(a, b, Reduction.SUM).item()");
        TensorAsserts.assertClose(RegressionLoss.smoothL1(a, b, beta, Reduction.MEAN).item(), sl / 20, Tolerances.F64_EXACTISH, "RegressionLoss.smoothL1(a, b, beta, Reduction.MEAN).item()");
        TensorAsserts.assertClose(RegressionLoss.smoothL1(a, b, 0, Reduction.SUM).item(), l1, Tolerances.F64_EXACTISH, "RegressionLoss.smoothL1(a, b, 0, Reduction.SUM).item()");
        assertEquals(org.sgae.tensor.Shape.of(4, 5), RegressionLoss.mse(a, b, Reduction.NONE).shape());
    }

    @Test
    void regressionGradients() {
        Tensor a = Rand.uniform(12, DType.F64, -3, 3, 3, 4).requiresGrad(true);
        Tensor b = Rand.uniform(13, DType.F64, -3, 3, 3, 4).requiresGrad(true);
        GradCheck.assertGradients("l1", in -> RegressionLoss.l1(in[0], in[1], Reduction.MEAN), a, b);
        GradCheck.assertGradients("mse", in -> RegressionLoss.mse(in[0], in[1], Reduction.MEAN), a, b);
        GradCheck.assertGradients("smooth_l1", in -> RegressionLoss.smoothL1(in[0], in[1], 1.5, Reduction.SUM), a, b);
    }

    @Test
    void regressionRejectsMismatchedShapes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RegressionLoss.mse(Tensor.zeros(2, 3), Tensor.zeros(3, 2), Reduction.MEAN));
        assertTrue(e.getMessage().contains("[2, 3]") && e.getMessage().contains("[3, 2]"));
        assertThrows(IllegalArgumentException.class,
                () -> RegressionLoss.smoothL1(Tensor.zeros(2), Tensor.zeros(2), -1, Reduction.MEAN));
    }
}
