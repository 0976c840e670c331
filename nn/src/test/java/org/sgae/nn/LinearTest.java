package org.sgae.nn;

import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.sgae.autograd.GradCheck;
import org.sgae.tensor.DType;
import org.sgae.tensor.Rand;
import org.sgae.tensor.Tensor;
import org.sgae.tensor.TensorAsserts;
import org.sgae.tensor.Tolerances;

class LinearTest {
    @Test
    void forwardMatchesDoubleReference() {
        Linear l = Linear.builder(5, 3).dtype(DType.F64).build(new SplittableRandom(1));
        Tensor x = Rand.f64(2, 2, 4, 5);
        double[] w = l.weight().data().toDoubleArray();
        double[] b = l.bias().data().toDoubleArray();
        double[] xv = x.toDoubleArray();
        double[] ref = new double[8 * 3];
        for (int r = 0; r < 8; r++) {
            for (int o = 0; o < 3; o++) {
                double s = b[o];
                for (int i = 0; i < 5; i++) {
                    s += xv[r * 5 + i] * w[o * 5 + i];
                }
                ref[r * 3 + o] = s;
            }
        }
        TensorAsserts.assertClose(l.forward(x), Tensor.of(ref, 2, 4, 3), Tolerances.F64_EXACTISH, "linear");
    }

    @Test
    void gradientsOfInputWeightAndBias() {
        Linear l = Linear.builder(4, 3).dtype(DType.F64).build(new SplittableRandom(2));
        Tensor x = Rand.f64(3, 2, 4).requiresGrad(true);
        GradCheck.assertGradients("linear", in -> l.forward(in[0]), x, l.weight().data(), l.bias().data());
    }

    @Test
    void defaultInitBound() {
        Linear l = new Linear(16, 8, new SplittableRandom(3));
        for (float v : l.weight().data().toFloatArray()) {
            if (Math.abs(v) > 0.25f) {
                throw new AssertionError("weight " + v + " beyond 1/sqrt(16)");
            }
        }
    }

    @Test
    void wrongInputWidthIsNamed() {
        Linear l = Linear.builder(4, 3).bias(false).build(new SplittableRandom(2));
        assertThrows(IllegalArgumentException.class, () -> l.forward(Tensor.zeros(2, 5)));
    }
}
