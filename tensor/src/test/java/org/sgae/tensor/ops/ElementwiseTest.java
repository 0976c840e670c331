package org.sgae.tensor.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.sgae.tensor.DType;
import org.sgae.tensor.Rand;
import org.sgae.tensor.Tensor;
import org.sgae.tensor.TensorAsserts;
import org.sgae.tensor.Tolerances;
import org.sgae.tensor.attrs.BinaryOp;
import org.sgae.tensor.attrs.UnaryOp;
import org.sgae.tensor.cpu.ElementwiseScalar;

/** Fast CPU elementwise paths (vector, strided, broadcast) against the scalar double definition. */
class ElementwiseTest {
    static Stream<Arguments> unaryCases() {
        Stream.Builder<Arguments> b = Stream.builder();
        for (UnaryOp op : new UnaryOp[] {UnaryOp.NEG, UnaryOp.EXP, UnaryOp.LOG, UnaryOp.SQRT, UnaryOp.ABS,
            UnaryOp.RELU, UnaryOp.LEAKY_RELU, UnaryOp.SIGMOID, UnaryOp.TANH, UnaryOp.CLAMP, UnaryOp.ADD_SCALAR,
            UnaryOp.MUL_SCALAR, UnaryOp.POW_SCALAR}) {
            for (int n : new int[] {0, 1, 17, 1000, 40_001}) {
                for (long seed = 1; seed <= 3; seed++) {
                    b.add(Arguments.of(op, n, seed));
                }
            }
        }
        return b.build();
    }

    private static Tensor apply(UnaryOp op, Tensor x) {
        switch (op) {
            case NEG: return Elementwise.neg(x);
            case EXP: return Elementwise.exp(x);
            case LOG: return Elementwise.log(x);
            case SQRT: return Elementwise.sqrt(x);
            case ABS: return Elementwise.abs(x);
            case RELU: return Elementwise.relu(x);
            case LEAKY_RELU: return Elementwise.leakyRelu(x, 0.2);
            case SIGMOID: return Elementwise.sigmoid(x);
            case TANH: return Elementwise.tanh(x);
            case CLAMP: return Elementwise.clamp(x, -0.5, 0.7);
            case ADD_SCALAR: return Elementwise.addScalar(x, 0.25);
            case MUL_SCALAR: return Elementwise.mulScalar(x, -3);
            case POW_SCALAR: return Elementwise.powScalar(x, 1.5);
            default: throw new IllegalArgumentException();
        }
    }

    private static double[] attrs(UnaryOp op) {
        switch (op) {
            case LEAKY_RELU: return new double[] {0.2, 0};
            case CLAMP: return new double[] {-0.5, 0.7};
            case ADD_SCALAR: return new double[] {0.25, 0};
            case MUL_SCALAR: return new double[] {-3, 0};
            case POW_SCALAR: return new double[] {1.5, 0};
            default: return new double[] {0, 0};
        }
    }

    @ParameterizedTest(name = "{0} n={1} seed={2}")
    @MethodSource("unaryCases")
    void unaryMatchesScalarDefinition(UnaryOp op, int n, long seed) {
        boolean positive = op == UnaryOp.LOG || op == UnaryOp.SQRT || op == UnaryOp.POW_SCALAR;
        Tensor x = Rand.uniform(seed, DType.F32, positive ? 0.01 : -8, 8, n);
        float[] xs = x.toFloatArray();
        double[] ref = new double[n];
        double[] a = attrs(op);
        for (int i = 0; i < n; i++) {
            ref[i] = (float) ElementwiseScalar.unary(op, xs[i], a[0], a[1]);
        }
        TensorAsserts.assertClose(apply(op, x).toDoubleArray(), ref, Tolerances.F32_ELEMENTWISE, op.name());
    }

    @Test
    void binaryBroadcastsAndMatchesDefinitionOnStridedInputs() {
        for (long seed = 1; seed <= 3; seed++) {
            Tensor a = Rand.f32(seed, 5, 1, 33).permute(2, 1, 0); // [33, 1, 5], non-contiguous
            Tensor b = Rand.uniform(seed + 10, DType.F32, 0.5, 2, 4, 5);   // broadcasts to [33, 4, 5]
            for (BinaryOp op : new BinaryOp[] {BinaryOp.ADD, BinaryOp.SUB, BinaryOp.MUL, BinaryOp.DIV,
                BinaryOp.MAXIMUM, BinaryOp.MINIMUM, BinaryOp.POW}) {
                Tensor bb = op == BinaryOp.POW ? b : b;
                Tensor aa = op == BinaryOp.POW ? Elementwise.abs(a) : a;
                Tensor out = binary(op, aa, bb);
                assertEquals(org.sgae.tensor.Shape.of(33, 4, 5), out.shape());
                double[] av = aa.toDoubleArray();
                double[] bv = bb.toDoubleArray();
                double[] ref = new double[33 * 4 * 5];
                for (int i = 0; i < 33; i++) {
                    for (int j = 0; j < 4; j++) {
                        for (int k = 0; k < 5; k++) {
                            ref[(i * 4 + j) * 5 + k] = (float) ElementwiseScalar.binary(op, av[i * 5 + k], bv[j * 5 + k]);
                        }
                    }
                }
                TensorAsserts.assertClose(out.toDoubleArray(), ref, Tolerances.F32_ELEMENTWISE, op.name());
            }
        }
    }

    private static Tensor binary(BinaryOp op, Tensor a, Tensor b) {
        switch (op) {
            case ADD: return Elementwise.add(a, b);
            case SUB: return Elementwise.sub(a, b);
            case MUL: return Elementwise.mul(a, b);
            case DIV: return Elementwise.div(a, b);
            case MAXIMUM: return Elementwise.maximum(a, b);
            case MINIMUM: return Elementwise.minimum(a, b);
            case POW: return Elementwise.pow(a, b);
            default: throw new IllegalArgumentException();
        }
    }

    @Test
    void comparisonsAndWhere() {
        Tensor a = Tensor.of(new float[] {1, 2, 3, 4}, 4);
        Tensor b = Tensor.of(new float[] {2, 2, 2, 2}, 4);
        Tensor gt = Elementwise.gt(a, b);
        assertEquals(DType.BOOL, gt.dtype());
        assertArrayEquals(new double[] {0, 0, 1, 1}, gt.toDoubleArray());
        assertArrayEquals(new double[] {1, 1, 0, 0}, Elementwise.le(a, b).toDoubleArray());
        assertArrayEquals(new double[] {0, 1, 0, 0}, Elementwise.eq(a, b).toDoubleArray());
        Tensor w = Elementwise.where(gt, a, Tensor.scalar(-1));
        assertArrayEquals(new double[] {-1, -1, 3, 4}, w.toDoubleArray());
    }

    @Test
    void mixedDtypesPromote() {
        Tensor a = Tensor.ofLongs(new long[] {1, 2}, 2);
        Tensor b = Tensor.of(new float[] {0.5f, 0.5f}, 2);
        Tensor c = Elementwise.add(a, b);
        assertEquals(DType.F32, c.dtype());
        assertArrayEquals(new double[] {1.5, 2.5}, c.toDoubleArray());
        Tensor d = Elementwise.add(a, Tensor.ofLongs(new long[] {1L << 40, 3}, 2));
        assertEquals(DType.I64, d.dtype());
        assertArrayEquals(new long[] {(1L << 40) + 1, 5}, d.toLongArray());
    }

    @Test
    void f64PathIsExact() {
        Tensor a = Rand.f64(7, 100);
        Tensor b = Rand.f64(8, 100);
        double[] av = a.toDoubleArray();
        double[] bv = b.toDoubleArray();
        double[] r = Elementwise.mul(a, b).toDoubleArray();
        for (int i = 0; i < 100; i++) {
            assertEquals(av[i] * bv[i], r[i], 0.0);
        }
    }

    @Test
    void badShapesNameOpAndBothShapes() {
        Tensor a = Tensor.zeros(2, 3);
        Tensor b = Tensor.zeros(4, 3);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Elementwise.add(a, b));
        assertTrue(e.getMessage().contains("add") && e.getMessage().contains("[2, 3]")
                && e.getMessage().contains("[4, 3]"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Elementwise.exp(Tensor.ofLongs(new long[] {1}, 1)));
        assertThrows(IllegalArgumentException.class, () -> Elementwise.clamp(a, 1, 0));
    }

    @Test
    void nanPropagates() {
        Tensor x = Tensor.of(new float[] {Float.NaN, 1}, 2);
        assertTrue(Double.isNaN(Elementwise.exp(x).toDoubleArray()[0]));
        assertTrue(Double.isNaN(x.sum().item()));
    }

    /** Results must not change once the JIT has compiled the loops (bit-reproducible training per seed). */
    @Test
    void transcendentalsGiveTheSameBitsBeforeAndAfterJit() {
        Tensor x = Rand.uniform(5, DType.F32, -5, 5, 4099);
        float[] first = Elementwise.sigmoid(Elementwise.tanh(Elementwise.exp(x))).toFloatArray();
        float[] firstLog = Elementwise.log(Elementwise.abs(x)).toFloatArray();
        for (int rep = 0; rep < 3000; rep++) {
            try (org.sgae.tensor.memory.MemoryScope s = org.sgae.tensor.memory.MemoryScope.open()) {
                assertArrayEquals(first, Elementwise.sigmoid(Elementwise.tanh(Elementwise.exp(x))).toFloatArray());
                assertArrayEquals(firstLog, Elementwise.log(Elementwise.abs(x)).toFloatArray());
            }
        }
    }

    @Test
    void comparisonFastPathMatchesDefinitionOnStridedInputs() {
        Tensor a = Rand.f32(3, 40, 30).transpose(0, 1);
        Tensor b = Rand.f32(4, 40);
        double[] av = a.toDoubleArray();
        double[] bv = b.toDoubleArray();
        for (BinaryOp op : new BinaryOp[] {BinaryOp.EQ, BinaryOp.NE, BinaryOp.LT, BinaryOp.LE, BinaryOp.GT, BinaryOp.GE}) {
            double[] got = Elementwise.compareScalar(op, a, 0.1).toDoubleArray();
            double[] got2 = (op == BinaryOp.LT ? Elementwise.lt(a, b) : Elementwise.ge(a, b)).toDoubleArray();
            for (int i = 0; i < av.length; i++) {
                assertEquals(ElementwiseScalar.binary(op, (float) av[i], 0.1f), got[i], op.name());
                BinaryOp op2 = op == BinaryOp.LT ? BinaryOp.LT : BinaryOp.GE;
                assertEquals(ElementwiseScalar.binary(op2, av[i], bv[i % 40]), got2[i], op2.name());
            }
        }
        Tensor mask = Elementwise.nonzeroMask(Elementwise.gt(a, b), DType.F32);
        assertEquals(DType.F32, mask.dtype());
        assertEquals(Elementwise.gt(a, b).toDoubleArray()[7], mask.toDoubleArray()[7]);
    }
}
