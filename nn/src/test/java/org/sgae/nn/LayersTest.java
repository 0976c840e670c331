package org.sgae.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.sgae.autograd.GradCheck;
import org.sgae.tensor.DType;
import org.sgae.tensor.Device;
import org.sgae.tensor.Rand;
import org.sgae.tensor.Shape;
import org.sgae.tensor.Tensor;
import org.sgae.tensor.TensorAsserts;
import org.sgae.tensor.Tolerances;

/** The layers wire their parameters and modes into the ops correctly (the ops themselves are tested in tensor). */
class LayersTest {
    @Test
    void conv2dMatchesDirectSumAndHasGradients() {
        Conv2d conv = Conv2d.builder(2, 3, 3).padding(1).dtype(DType.F64).build(new SplittableRandom(1));
        Tensor x = Rand.f64(2, 1, 2, 4, 5);
        Tensor y = conv.forward(x);
        assertEquals(Shape.of(1, 3, 4, 5), y.shape());
        double[] w = conv.weight().data().toDoubleArray();
        double[] b = conv.bias().data().toDoubleArray();
        double[] xv = x.toDoubleArray();
        // output (o=1, h=0, w=2): padding 1 means kernel row 0 hangs over the top edge
        double s = b[1];
        for (int c = 0; c < 2; c++) {
            for (int kh = 0; kh < 3; kh++) {
                for (int kw = 0; kw < 3; kw++) {
                    int ih = kh - 1;
                    int iw = 2 + kw - 1;
                    if (ih >= 0 && ih < 4 && iw >= 0 && iw < 5) {
                        s += w[((1 * 2 + c) * 3 + kh) * 3 + kw] * xv[(c * 4 + ih) * 5 + iw];
                    }
                }
            }
        }
        TensorAsserts.assertClose(y.toDoubleArray()[(1 * 4 + 0) * 5 + 2], s, Tolerances.F64_EXACTISH, "y.toDoubleArray()[(1 * 4 + 0) * 5 + 2]");
        Tensor xs = Rand.f64(3, 1, 2, 3, 3).requiresGrad(true);
        GradCheck.assertGradients("Conv2d", in -> conv.forward(in[0]), xs, conv.weight().data(), conv.bias().data());
    }

    @Test
    void batchNormTrainUpdatesRunningStatsAndEvalUsesThem() {
        BatchNorm2d bn = new BatchNorm2d(2, 0.1, 1e-5, DType.F64, Device.cpu());
        assertEquals(List.of("weight", "bias", "running_mean", "running_var"), List.copyOf(bn.stateDict().keySet()));
        // channel 0 holds {1, 3, 5, 7} (mean 4, unbiased var 20/3), channel 1 holds {0, 0, 0, 4} (mean 1, var 4)
        Tensor x = Tensor.of(new double[] {1, 3, 0, 0, 5, 7, 0, 4}, 2, 2, 1, 2);
        Tensor y = bn.forward(x);
        double inv = 1 / Math.sqrt(5 + 1e-5); // biased var of channel 0 is 5
        TensorAsserts.assertClose(y.toDoubleArray()[0], (1 - 4) * inv, Tolerances.F64_EXACTISH, "y.toDoubleArray()[0]");
        TensorAsserts.assertClose(bn.runningMean().toDoubleArray(), new double[] {0.4, 0.1}, Tolerances.F64_EXACTISH, "bn.runningMean().toDoubleArray()");
        TensorAsserts.assertClose(bn.runningVar().toDoubleArray(), new double[] {0.9 + 0.1 * 20 / 3.0, 0.9 + 0.1 * 4}, Tolerances.F64_EXACTISH, "bn.runningVar().toDoubleArray()");
        bn.eval();
        Tensor e = bn.forward(x);
        double expect = (1 - 0.4) / Math.sqrt(0.9 + 2 / 3.0 + 1e-5);
        TensorAsserts.assertClose(e.toDoubleArray()[0], expect, Tolerances.F64_EXACTISH, "e.toDoubleArray()[0]");
    }

    @Test
    void batchNormGradients() {
        BatchNorm2d bn = new BatchNorm2d(3, 0.1, 1e-5, DType.F64, Device.cpu());
        Tensor x = Rand.f64(4, 2, 3, 2, 2).requiresGrad(true);
        GradCheck.assertGradients("BatchNorm2d", in -> bn.forward(in[0]), x, bn.weight().data(), bn.bias().data());
    }

    @Test
    void poolingAndUpsamplingShapes() {
        Tensor x = Rand.f32(5, 2, 3, 8, 6);
        assertEquals(Shape.of(2, 3, 4, 3), new MaxPool2d(2, 2, 0).forward(x).shape());
        assertEquals(Shape.of(2, 3, 4, 3), new AvgPool2d(3, 2, 1).forward(x).shape());
        assertEquals(Shape.of(2, 3, 1, 1), new AdaptiveAvgPool2d(1, 1).forward(x).shape());
        Tensor up = new Upsample(2).forward(x);
        assertEquals(Shape.of(2, 3, 16, 12), up.shape());
        float[] xv = x.toFloatArray();
        float[] uv = up.toFloatArray();
        assertEquals(xv[1], uv[3]); // row 0, column 3 of the output comes from column 1 of the input
        assertEquals(Shape.of(2, 144), new Flatten().forward(x).shape());
        TensorAsserts.assertClose(new MaxPool2d(2, 2, 0).forward(Tensor.of(new float[] {1, 9, 2, 3}, 1, 1, 2, 2)
                .reshape(1, 1, 2, 2)).reshape(1), Tensor.of(new float[] {9}, 1), Tolerances.F32_ELEMENTWISE, "max");
    }

    @Test
    void dropoutOnlyInTraining() {
        Dropout d = new Dropout(0.5, new SplittableRandom(1));
        Tensor x = Tensor.ones(1000);
        float[] t = d.forward(x).toFloatArray();
        int zeros = 0;
        for (float v : t) {
            assertTrue(v == 0f || v == 2f, "kept values are scaled by 1/(1-p): " + v);
            zeros += v == 0 ? 1 : 0;
        }
        assertTrue(zeros > 400 && zeros < 600, "about half dropped, got " + zeros);
        d.eval();
        assertSame(x, d.forward(x));
        assertThrows(IllegalArgumentException.class, () -> new Dropout(1.5, new SplittableRandom(1)));
    }

    @Test
    void embeddingLooksUpRowsAndAccumulatesGradients() {
        Embedding e = new Embedding(5, 3, DType.F64, Device.cpu(), new SplittableRandom(2));
        Tensor ids = Tensor.ofLongs(new long[] {4, 0, 4}, 3);
        Tensor out = e.forward(ids);
        assertEquals(Shape.of(3, 3), out.shape());
        double[] w = e.weight().data().toDoubleArray();
        assertArrayEquals(java.util.Arrays.copyOfRange(w, 12, 15), java.util.Arrays.copyOfRange(out.toDoubleArray(), 0, 3));
        GradCheck.assertGradients("Embedding", in -> e.forward(ids), e.weight().data());
        assertThrows(IllegalArgumentException.class, () -> e.forward(Tensor.ofLongs(new long[] {5}, 1)));
    }

    @Test
    void activations() {
        Tensor x = Tensor.of(new float[] {-2, 0.5f}, 2);
        assertArrayEquals(new float[] {0, 0.5f}, new ReLU().forward(x).toFloatArray());
        TensorAsserts.assertClose(new LeakyReLU(0.1).forward(x).toFloatArray(), new float[] {-0.2f, 0.5f}, Tolerances.F32_ELEMENTWISE, "new LeakyReLU(0.1).forward(x).toFloatArray()");
        TensorAsserts.assertClose(new Sigmoid().forward(x).toFloatArray()[0], 1 / (1 + Math.exp(2)), Tolerances.F32_TRANSCENDENTAL, "new Sigmoid().forward(x).toFloatArray()[0]");
        TensorAsserts.assertClose(new Tanh().forward(x).toFloatArray()[1], Math.tanh(0.5), Tolerances.F32_TRANSCENDENTAL, "new Tanh().forward(x).toFloatArray()[1]");
    }
}
