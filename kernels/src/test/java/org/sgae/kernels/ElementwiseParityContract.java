package org.sgae.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.sgae.tensor.DType;
import org.sgae.tensor.Shape;
import org.sgae.tensor.Tensor;
import org.sgae.tensor.TensorAsserts;
import org.sgae.tensor.Tolerances;
import org.sgae.tensor.attrs.BinaryOp;
import org.sgae.tensor.attrs.UnaryOp;
import org.sgae.tensor.ops.Views;

/**
 * elementwise.k against the CPU backend's double-precision path (ElementwiseScalar): every unary and binary op on
 * empty, single, odd-sized (257, not a multiple of the block) and permuted/broadcast inputs, three seeds; integer
 * and bool dtypes exactly.
 */
public abstract class ElementwiseParityContract extends ParityBase {
    private static final Set<UnaryOp> TRANSCENDENTAL = EnumSet.of(UnaryOp.EXP, UnaryOp.LOG, UnaryOp.TANH,
            UnaryOp.SIGMOID, UnaryOp.POW_SCALAR);
    private static final int[][] SHAPES = {{0}, {1}, {257}, {3, 0, 2}};

    /** The op codes in elementwise.k are these ordinals. */
    @Test
    void opCodesMatchKernel() {
        assertEquals("[NEG, EXP, LOG, SQRT, ABS, RELU, LEAKY_RELU, SIGMOID, TANH, CLAMP, ADD_SCALAR, MUL_SCALAR, "
                + "POW_SCALAR, COPY, NONZERO, SIGN]", Arrays.toString(UnaryOp.values()));
        assertEquals("[ADD, SUB, MUL, DIV, POW, MAXIMUM, MINIMUM, EQ, NE, LT, LE, GT, GE]",
                Arrays.toString(BinaryOp.values()));
    }

    private static Tensor unaryInput(UnaryOp op, long seed, int... shape) {
        boolean positive = op == UnaryOp.LOG || op == UnaryOp.SQRT || op == UnaryOp.POW_SCALAR;
        return positive ? uniform(seed, 0.05f, 4f, shape) : uniform(seed, -6f, 6f, shape);
    }

    private static double alpha(UnaryOp op) {
        switch (op) {
            case LEAKY_RELU:
                return 0.1;
            case CLAMP:
                return -0.5;
            case ADD_SCALAR:
                return 1.5;
            case MUL_SCALAR:
                return -2.5;
            case POW_SCALAR:
                return 1.7;
            default:
                return 0;
        }
    }

    private void checkUnary(UnaryOp op, Tensor xCpu, String what) {
        double a = alpha(op);
        double b = op == UnaryOp.CLAMP ? 0.7 : 0;
        Tensor ref = cpuEmpty(DType.F64, xCpu.shape().toArray());
        cpu().elementwise().unary(op, xCpu.to(DType.F64), a, b, ref);
        Tensor out = devEmpty(DType.F32, xCpu.shape().toArray());
        Tensor xd = on(xCpu.contiguous());
        // the device sees the same (possibly permuted) view as the CPU
        Tensor view = Views.raw(xd, xCpu.shape(), xCpu.isContiguous() ? xd.strides() : xd.strides(), 0);
        dev().elementwise().unary(op, view, a, b, out);
        TensorAsserts.assertClose(out.toDoubleArray(), ref.toDoubleArray(),
                TRANSCENDENTAL.contains(op) ? Tolerances.F32_TRANSCENDENTAL : Tolerances.F32_ELEMENTWISE, what);
    }

    @ParameterizedTest
    @EnumSource(UnaryOp.class)
    void unaryF32(UnaryOp op) {
        for (long seed : SEEDS) {
            for (int[] shape : SHAPES) {
                checkUnary(op, unaryInput(op, seed, shape), op + " " + Arrays.toString(shape) + " seed " + seed);
            }
            // permuted: device input is the same permutation of a contiguous device copy
            Tensor base = unaryInput(op, seed, 5, 7, 3);
            Tensor ref = cpuEmpty(DType.F64, 3, 5, 7);
            cpu().elementwise().unary(op, base.to(DType.F64).permute(2, 0, 1), alpha(op),
                    op == UnaryOp.CLAMP ? 0.7 : 0, ref);
            Tensor out = devEmpty(DType.F32, 3, 5, 7);
            dev().elementwise().unary(op, on(base).permute(2, 0, 1), alpha(op), op == UnaryOp.CLAMP ? 0.7 : 0, out);
            TensorAsserts.assertClose(out.toDoubleArray(), ref.toDoubleArray(), TRANSCENDENTAL.contains(op)
                    ? Tolerances.F32_TRANSCENDENTAL : Tolerances.F32_ELEMENTWISE, op + " permuted seed " + seed);
        }
    }

    private static Tensor broadcastTo(Tensor t, Shape s) {
        return Views.raw(t, s, Views.expandStrides(t, s), t.offset());
    }

    @ParameterizedTest
    @EnumSource(BinaryOp.class)
    void binaryF32(BinaryOp op) {
        for (long seed : SEEDS) {
            Tensor a;
            Tensor b;
            if (op == BinaryOp.POW) {
                a = uniform(seed, 0.1f, 3f, 5, 3, 4);
                b = uniform(seed + 10, -2f, 2f, 3, 1);
            } else if (op == BinaryOp.DIV) {
                a = uniform(seed, -3f, 3f, 5, 3, 4);
                b = uniform(seed + 10, 0.5f, 2f, 3, 1);
            } else {
                // integers in floats, so comparisons see ties
                a = Tensor.of(roundAll(uniform(seed, -3f, 3f, 5, 3, 4)), 5, 3, 4);
                b = Tensor.of(roundAll(uniform(seed + 10, -3f, 3f, 3, 1)), 3, 1);
            }
            Shape s = Shape.of(4, 3, 5);
            Tensor aView = a.permute(2, 1, 0); // [4,3,5], non-contiguous
            DType outType = op.isComparison() ? DType.BOOL : DType.F32;
            Tensor ref = cpuEmpty(op.isComparison() ? DType.BOOL : DType.F64, 4, 3, 5);
            cpu().elementwise().binary(op, aView.to(DType.F64), broadcastTo(b.to(DType.F64), s), ref);
            Tensor out = devEmpty(outType, 4, 3, 5);
            dev().elementwise().binary(op, on(a).permute(2, 1, 0), broadcastTo(on(b), s), out);
            if (op.isComparison()) {
                TensorAsserts.assertExact(out, ref, op + " seed " + seed);
            } else {
                TensorAsserts.assertClose(out.toDoubleArray(), ref.toDoubleArray(), op == BinaryOp.POW
                        ? Tolerances.F32_TRANSCENDENTAL : Tolerances.F32_ELEMENTWISE, op + " seed " + seed);
            }
            // empty and odd 1-D sizes
            for (int n : new int[] {0, 1, 1001}) {
                Tensor x = uniform(seed, 0.5f, 2f, n);
                Tensor y = uniform(seed + 1, 0.5f, 2f, n);
                Tensor r = cpuEmpty(op.isComparison() ? DType.BOOL : DType.F64, n);
                cpu().elementwise().binary(op, x.to(DType.F64), y.to(DType.F64), r);
                Tensor o = devEmpty(outType, n);
                dev().elementwise().binary(op, on(x), on(y), o);
                TensorAsserts.assertClose(o.toDoubleArray(), r.toDoubleArray(), Tolerances.F32_TRANSCENDENTAL, op + " n=" + n);
            }
        }
    }

    private double[] unaryOnDevice(UnaryOp op, float[] x, double a, double b) {
        Tensor out = devEmpty(DType.F32, x.length);
        dev().elementwise().unary(op, on(Tensor.of(x, x.length)), a, b, out);
        return out.toDoubleArray();
    }

    /**
     * issue 10: values at the kinks are exact, and tanh/sigmoid saturate to exactly ±1 once the rounded result is
     * ±1 (|x| > 13·ln 2 ≈ 9.011 for tanh, x > 25·ln 2 ≈ 17.3 for sigmoid), as in torch fp32: otherwise 1 − y² or
     * y(1 − y) leaves a gradient of ~1e-7 where it is 0. Expected values come from the definitions.
     */
    @Test
    void kinksAndSaturationAreExact() {
        float[] k = {-1f, -0f, 0f, 2f};
        TensorAsserts.assertClose(unaryOnDevice(UnaryOp.RELU, k, 0, 0), new double[] {0, 0, 0, 2}, Tolerances.EXACT, "relu");
        TensorAsserts.assertClose(unaryOnDevice(UnaryOp.LEAKY_RELU, k, 0.25, 0), new double[] {-0.25, 0, 0, 2},
                Tolerances.EXACT, "leaky_relu");
        TensorAsserts.assertClose(unaryOnDevice(UnaryOp.ABS, k, 0, 0), new double[] {1, 0, 0, 2}, Tolerances.EXACT, "abs");
        TensorAsserts.assertClose(unaryOnDevice(UnaryOp.SIGN, k, 0, 0), new double[] {-1, 0, 0, 1}, Tolerances.EXACT,
                "sign");
        TensorAsserts.assertClose(unaryOnDevice(UnaryOp.CLAMP, new float[] {-1.5f, -1f, 2f, 2.5f}, -1, 2),
                new double[] {-1, -1, 2, 2}, Tolerances.EXACT, "clamp at its bounds");
        float[] big = {-300f, -30f, -20f, -9.5f, 9.5f, 20f, 30f, 300f};
        TensorAsserts.assertClose(unaryOnDevice(UnaryOp.TANH, big, 0, 0), new double[] {-1, -1, -1, -1, 1, 1, 1, 1},
                Tolerances.EXACT, "tanh saturates to ±1");
        double[] sigmoid = new double[big.length];
        for (int i = 0; i < big.length; i++) {
            sigmoid[i] = big[i] > 17.4 ? 1 : 1 / (1 + Math.exp(-big[i]));
        }
        double[] got = unaryOnDevice(UnaryOp.SIGMOID, big, 0, 0);
        TensorAsserts.assertClose(got, sigmoid, Tolerances.F32_TRANSCENDENTAL, "sigmoid");
        for (int i = 0; i < big.length; i++) {
            if (big[i] > 17.4) {
                assertEquals(1.0, got[i], "sigmoid(" + big[i] + ") is exactly 1");
            }
        }
    }

    /** Ties of maximum/minimum and the comparisons the derivative masks are built from, at exactly equal values. */
    @Test
    void tiesCompareExactly() {
        Tensor a = Tensor.of(new float[] {1f, 2f, 3f, 0f}, 4);
        Tensor b = Tensor.of(new float[] {1f, 0f, 4f, -0f}, 4);
        double[][] want = {
            {1, 2, 4, 0}, {1, 0, 3, 0},                 // maximum, minimum
            {1, 0, 0, 1}, {0, 1, 0, 0}, {1, 1, 0, 1},   // EQ, GT, GE
            {0, 0, 1, 0}, {1, 0, 1, 1}};                // LT, LE
        BinaryOp[] ops = {BinaryOp.MAXIMUM, BinaryOp.MINIMUM, BinaryOp.EQ, BinaryOp.GT, BinaryOp.GE, BinaryOp.LT,
            BinaryOp.LE};
        for (int i = 0; i < ops.length; i++) {
            Tensor out = devEmpty(ops[i].isComparison() ? DType.BOOL : DType.F32, 4);
            dev().elementwise().binary(ops[i], on(a), on(b), out);
            TensorAsserts.assertClose(out.toDoubleArray(), want[i], Tolerances.EXACT, ops[i] + " at ties");
        }
    }

    private static float[] roundAll(Tensor t) {
        float[] f = t.toFloatArray();
        for (int i = 0; i < f.length; i++) {
            f[i] = Math.round(f[i]);
        }
        return f;
    }

    @Test
    void integerBinaryAndCompareExact() {
        for (long seed : SEEDS) {
            for (DType t : new DType[] {DType.I32, DType.I64, DType.U8}) {
                Tensor a = randInts(seed, t, t == DType.U8 ? 0 : -50, 50, 6, 7);
                Tensor b = randInts(seed + 5, t, 1, 9, 6, 7);
                for (BinaryOp op : BinaryOp.values()) {
                    if (op == BinaryOp.POW || (t == DType.U8 && !op.isComparison())) {
                        continue;
                    }
                    DType ot = op.isComparison() ? DType.BOOL : t;
                    Tensor ref = cpuEmpty(ot, 7, 6);
                    cpu().elementwise().binary(op, a.transpose(0, 1), b.transpose(0, 1), ref);
                    Tensor out = devEmpty(ot, 7, 6);
                    dev().elementwise().binary(op, on(a).transpose(0, 1), on(b).transpose(0, 1), out);
                    TensorAsserts.assertExact(out, ref, t + " " + op + " seed " + seed);
                }
            }
        }
    }

    @Test
    void castsAndMasks() {
        for (long seed : SEEDS) {
            Tensor f = uniform(seed, -300f, 300f, 33, 3);
            Tensor i64 = randInts(seed, DType.I64, -100000, 100000, 33, 3);
            for (DType to : new DType[] {DType.I32, DType.I64, DType.BOOL}) {
                Tensor ref = cpuEmpty(to, 3, 33);
                cpu().elementwise().unary(UnaryOp.COPY, f.transpose(0, 1), 0, 0, ref);
                Tensor out = devEmpty(to, 3, 33);
                dev().elementwise().unary(UnaryOp.COPY, on(f).transpose(0, 1), 0, 0, out);
                TensorAsserts.assertExact(out, ref, "F32 -> " + to);
            }
            Tensor ref = cpuEmpty(DType.F32, 33, 3);
            cpu().elementwise().unary(UnaryOp.COPY, i64, 0, 0, ref);
            Tensor out = devEmpty(DType.F32, 33, 3);
            dev().elementwise().unary(UnaryOp.COPY, on(i64), 0, 0, out);
            TensorAsserts.assertClose(out, ref, Tolerances.EXACT, "I64 -> F32");
            for (UnaryOp op : new UnaryOp[] {UnaryOp.NEG, UnaryOp.ABS, UnaryOp.RELU, UnaryOp.SIGN, UnaryOp.NONZERO}) {
                Tensor r = cpuEmpty(DType.I64, 33, 3);
                cpu().elementwise().unary(op, i64, 0, 0, r);
                Tensor o = devEmpty(DType.I64, 33, 3);
                dev().elementwise().unary(op, on(i64), 0, 0, o);
                TensorAsserts.assertExact(o, r, "I64 " + op);
            }
            Tensor mask = devEmpty(DType.BOOL, 33, 3);
            dev().elementwise().unary(UnaryOp.NONZERO, on(i64), 0, 0, mask);
            Tensor maskRef = cpuEmpty(DType.BOOL, 33, 3);
            cpu().elementwise().unary(UnaryOp.NONZERO, i64, 0, 0, maskRef);
            TensorAsserts.assertExact(mask, maskRef, "nonzero mask");
        }
    }

    @Test
    void whereBroadcast() {
        for (long seed : SEEDS) {
            Shape s = Shape.of(4, 3, 5);
            Tensor c = randInts(seed, DType.BOOL, 0, 2, 4, 1, 5);
            Tensor a = uniform(seed, -1f, 1f, 5, 3, 4);
            Tensor b = Tensor.of(new float[] {42f}, 1);
            Tensor ref = cpuEmpty(DType.F32, 4, 3, 5);
            cpu().elementwise().where(broadcastTo(c, s), a.permute(2, 1, 0), broadcastTo(b, s), ref);
            Tensor out = devEmpty(DType.F32, 4, 3, 5);
            dev().elementwise().where(broadcastTo(on(c), s), on(a).permute(2, 1, 0), broadcastTo(on(b), s), out);
            TensorAsserts.assertClose(out, ref, Tolerances.EXACT, "where f32");
            Tensor la = randInts(seed, DType.I64, -9, 9, 4, 3, 5);
            Tensor lb = randInts(seed + 1, DType.I64, -9, 9, 4, 3, 5);
            Tensor lref = cpuEmpty(DType.I64, 4, 3, 5);
            cpu().elementwise().where(broadcastTo(c, s), la, lb, lref);
            Tensor lout = devEmpty(DType.I64, 4, 3, 5);
            dev().elementwise().where(broadcastTo(on(c), s), on(la), on(lb), lout);
            TensorAsserts.assertExact(lout, lref, "where i64");
        }
        Tensor e = devEmpty(DType.F32, 0, 3);
        dev().elementwise().where(devEmpty(DType.BOOL, 0, 3), devEmpty(DType.F32, 0, 3), devEmpty(DType.F32, 0, 3), e);
    }

    @Test
    void fillEveryDtype() {
        for (DType t : new DType[] {DType.F32, DType.I32, DType.I64, DType.U8, DType.BOOL}) {
            for (int n : new int[] {0, 1, 1000}) {
                Tensor out = devEmpty(t, n);
                double v = t == DType.F32 ? -1.25 : t == DType.BOOL ? 1 : t == DType.U8 ? 200 : -7;
                dev().elementwise().fill(out, v);
                double[] got = out.toDoubleArray();
                double[] want = new double[n];
                Arrays.fill(want, v);
                assertArrayEquals(want, got, t + " n=" + n);
            }
        }
        Tensor big = devEmpty(DType.I64, 3);
        dev().elementwise().fill(big, (double) (1L << 40));
        assertArrayEquals(new long[] {1L << 40, 1L << 40, 1L << 40}, big.toLongArray());
    }

    @Test
    void stridedCopyIntoSlice() {
        for (long seed : SEEDS) {
            Tensor src = uniform(seed, -1f, 1f, 6, 4);
            Tensor dstRef = Tensor.zeros(4, 10);
            cpu().elementwise().copy(src.transpose(0, 1), dstRef.narrow(1, 3, 6));
            Tensor dst = on(Tensor.zeros(4, 10));
            dev().elementwise().copy(on(src).transpose(0, 1), dst.narrow(1, 3, 6));
            TensorAsserts.assertClose(dst, dstRef, Tolerances.EXACT, "copy f32 into slice");

            Tensor big = Tensor.ofLongs(new long[] {(1L << 40) + 1, -(1L << 53) - 3, 7, 9}, 2, 2);
            Tensor o = devEmpty(DType.I64, 2, 2);
            dev().elementwise().copy(on(big).transpose(0, 1), o);
            assertArrayEquals(new long[] {(1L << 40) + 1, 7, -(1L << 53) - 3, 9}, o.toLongArray(), "i64 exact");

            Tensor ints = randInts(seed, DType.I32, -100, 100, 6, 4);
            Tensor fd = on(Tensor.zeros(4, 10));
            dev().elementwise().copy(on(ints).transpose(0, 1), fd.narrow(1, 2, 6));
            Tensor fr = Tensor.zeros(4, 10);
            cpu().elementwise().copy(ints.transpose(0, 1), fr.narrow(1, 2, 6));
            TensorAsserts.assertClose(fd, fr, Tolerances.EXACT, "i32 -> f32 into slice");
        }
    }
}
