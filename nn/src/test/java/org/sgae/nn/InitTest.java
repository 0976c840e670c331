package org.sgae.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.sgae.nn.Init.FanMode;
import org.sgae.nn.Init.Nonlinearity;
import org.sgae.tensor.DType;
import org.sgae.tensor.Device;
import org.sgae.tensor.Shape;
import org.sgae.tensor.Tensor;
import org.sgae.tensor.TensorAsserts;
import org.sgae.tensor.Tolerances;

class InitTest {
    private static Tensor conv(DType t) {
        return Tensor.empty(Shape.of(64, 32, 3, 3), t, Device.cpu()); // fanIn 288, fanOut 576
    }

    private static double[] moments(Tensor t) {
        double[] v = t.toDoubleArray();
        double s = 0;
        double ss = 0;
        for (double x : v) {
            s += x;
            ss += x * x;
        }
        double mean = s / v.length;
        return new double[] {mean, Math.sqrt(ss / v.length - mean * mean)};
    }

    @Test
    void fansAndGains() {
        Tensor w = conv(DType.F32);
        assertEquals(288, Init.fanIn(w));
        assertEquals(576, Init.fanOut(w));
        TensorAsserts.assertClose(Init.gain(Nonlinearity.RELU, 0), Math.sqrt(2), Tolerances.F64_EXACTISH, "Init.gain(Nonlinearity.RELU, 0)");
        TensorAsserts.assertClose(Init.gain(Nonlinearity.LEAKY_RELU, 0.2), Math.sqrt(2 / 1.04), Tolerances.F64_EXACTISH, "Init.gain(Nonlinearity.LEAKY_RELU, 0.2)");
        TensorAsserts.assertClose(Init.gain(Nonlinearity.TANH, 0), 5.0 / 3, Tolerances.F64_EXACTISH, "Init.gain(Nonlinearity.TANH, 0)");
        assertEquals(1, Init.gain(Nonlinearity.SIGMOID, 0), 0);
    }

    @Test
    void sameSeedSameValues() {
        float[] a = Init.kaimingNormal(conv(DType.F32), FanMode.FAN_IN, Nonlinearity.RELU, 0, new SplittableRandom(7))
                .toFloatArray();
        float[] b = Init.kaimingNormal(conv(DType.F32), FanMode.FAN_IN, Nonlinearity.RELU, 0, new SplittableRandom(7))
                .toFloatArray();
        float[] c = Init.kaimingNormal(conv(DType.F32), FanMode.FAN_IN, Nonlinearity.RELU, 0, new SplittableRandom(8))
                .toFloatArray();
        assertArrayEquals(a, b);
        assertTrue(a[0] != c[0] || a[1] != c[1]);
    }

    @Test
    void kaimingNormalHasTheRightSpread() {
        double[] m = moments(Init.kaimingNormal(conv(DType.F64), FanMode.FAN_OUT, Nonlinearity.RELU, 0,
                new SplittableRandom(1)));
        double std = Math.sqrt(2.0 / 576);
        assertEquals(0, m[0], 4 * std / Math.sqrt(18432));
        assertEquals(std, m[1], 0.03 * std);
    }

    @Test
    void uniformInitsStayInBoundsAndFillThem() {
        double bound = Math.sqrt(2.0 / 1.0001) * Math.sqrt(3.0 / 288);
        double[] v = Init.kaimingUniform(conv(DType.F64), FanMode.FAN_IN, Nonlinearity.LEAKY_RELU, 0.01,
                new SplittableRandom(3)).toDoubleArray();
        double max = 0;
        for (double x : v) {
            assertTrue(Math.abs(x) <= bound, "value " + x + " beyond bound " + bound);
            max = Math.max(max, Math.abs(x));
        }
        assertTrue(max > 0.99 * bound);
        double xb = 0.5 * Math.sqrt(6.0 / (288 + 576));
        double[] m = moments(Init.xavierUniform(conv(DType.F64), 0.5, new SplittableRandom(4)));
        assertEquals(xb / Math.sqrt(3), m[1], 0.03 * xb);
        double[] n = moments(Init.xavierNormal(conv(DType.F64), 1, new SplittableRandom(5)));
        assertEquals(Math.sqrt(2.0 / 864), n[1], 0.03 * Math.sqrt(2.0 / 864));
    }

    @Test
    void constantAndNormal() {
        assertArrayEquals(new float[] {0.5f, 0.5f}, Init.constant(Tensor.zeros(2), 0.5).toFloatArray());
        double[] m = moments(Init.normal(conv(DType.F64), 3, 0.1, new SplittableRandom(6)));
        assertEquals(3, m[0], 0.005);
        assertEquals(0.1, m[1], 0.003);
        assertThrows(IllegalArgumentException.class, () -> Init.normal(Tensor.zeros(2), 0, -1, new SplittableRandom(1)));
        assertThrows(IllegalArgumentException.class,
                () -> Init.uniform(Tensor.empty(DType.I64, 2), 0, 1, new SplittableRandom(1)));
    }
}
