package org.sgae.tensor.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.sgae.tensor.DType;
import org.sgae.tensor.Tensor;
import org.sgae.tensor.attrs.BinaryOp;
import org.sgae.tensor.attrs.UnaryOp;
import org.sgae.tensor.memory.CpuStorage;
import org.sgae.tensor.ops.Op;
import org.sgae.tensor.ops.OpPart.Role;
import org.sgae.tensor.ops.OpPart;
import org.sgae.tensor.spi.ElementwiseKernels;

/**
 * CPU elementwise kernels: F32 runs with unit strides go through the Vector API, everything else through scalar
 * loops ({@link ElementwiseScalar}); loops larger than 32K elements are split over the threads.
 *
 * <p>NOTE: exp/log/tanh/sigmoid deliberately avoid the Vector API's lanewise transcendentals: those run SVML code
 * once C2 has compiled the loop and a different per-lane fallback before, so the same program could give results
 * that differ in the last bits depending on JIT timing. Training must be bit-reproducible per seed, so these go
 * through {@code Math}, whose intrinsics are the same in every tier.
 */
@OpPart(role = Role.CPU, ops = {Op.ADD, Op.SUB, Op.MUL, Op.DIV, Op.POW, Op.MAXIMUM, Op.MINIMUM, Op.NEG, Op.EXP,
        Op.LOG, Op.SQRT, Op.ABS, Op.RELU, Op.LEAKY_RELU, Op.SIGMOID, Op.TANH, Op.CLAMP, Op.ADD_SCALAR, Op.MUL_SCALAR,
        Op.POW_SCALAR, Op.EQ, Op.NE, Op.LT, Op.LE, Op.GT, Op.GE, Op.WHERE, Op.CAST, Op.COPY})
public final class CpuElementwise implements ElementwiseKernels {
    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

    @Override
    public void unary(UnaryOp op, Tensor x, double alpha, double beta, Tensor out) {
        if (out.numel() == 0) {
            return;
        }
        CpuStorage xs = x.cpu();
        CpuStorage os = out.cpu();
        Strided.Layout l = Strided.layoutOf(x, out);
        int xStep = l.innerStride(0);
        if ((x.dtype() == DType.BOOL || x.dtype() == DType.U8) && out.dtype() == DType.F32
                && (op == UnaryOp.COPY || op == UnaryOp.NONZERO)) {
            byte[] xa = xs.u8();
            float[] oa = os.f32();
            boolean bool = x.dtype() == DType.BOOL || op == UnaryOp.NONZERO;
            Strided.parallelRuns(l, out.numel(), (offs, n) -> {
                for (int i = 0; i < n; i++) {
                    int v = xa[offs[0] + i * xStep] & 0xff;
                    oa[offs[1] + i] = bool ? (v != 0 ? 1f : 0f) : v;
                }
            });
        } else if (x.dtype() == DType.F32 && out.dtype() == DType.F32) {
            float[] xa = xs.f32();
            float[] oa = os.f32();
            float a = (float) alpha;
            float b = (float) beta;
            Strided.parallelRuns(l, out.numel(), (offs, n) -> unaryF32(op, xa, offs[0], xStep, oa, offs[1], n, a, b));
        } else {
            Strided.parallelRuns(l, out.numel(), (offs, n) -> {
                for (int i = 0; i < n; i++) {
                    double v = xs.getDouble(offs[0] + i * xStep);
                    os.setDouble(offs[1] + i, ElementwiseScalar.unary(op, v, alpha, beta));
                }
            });
        }
    }

    static void unaryF32(UnaryOp op, float[] x, int xo, int xs, float[] o, int oo, int n, float a, float b) {
        int i = 0;
        if (xs == 1) {
            int bound = S.loopBound(n);
            for (; i < bound; i += S.length()) {
                FloatVector v = FloatVector.fromArray(S, x, xo + i);
                FloatVector r = unaryVec(op, v, a, b);
                if (r == null) {
                    break; // op has no vector form
                }
                r.intoArray(o, oo + i);
            }
        }
        switch (op) {
            case EXP:
                for (; i < n; i++) {
                    o[oo + i] = (float) Math.exp(x[xo + i * xs]);
                }
                break;
            case LOG:
                for (; i < n; i++) {
                    o[oo + i] = (float) Math.log(x[xo + i * xs]);
                }
                break;
            default:
                for (; i < n; i++) {
                    o[oo + i] = (float) ElementwiseScalar.unary(op, x[xo + i * xs], a, b);
                }
        }
    }

    private static FloatVector unaryVec(UnaryOp op, FloatVector v, float a, float b) {
        switch (op) {
            case NEG:
                return v.neg();
            case SQRT:
                return v.lanewise(VectorOperators.SQRT);
            case ABS:
                return v.abs();
            case RELU:
                return v.max(0f);
            case LEAKY_RELU:
                return v.blend(v.mul(a), v.compare(VectorOperators.LT, 0f));
            case CLAMP:
                return v.max(a).min(b);
            case ADD_SCALAR:
                return v.add(a);
            case MUL_SCALAR:
                return v.mul(a);
            case COPY:
                return v;
            default:
                return null;
        }
    }

    @Override
    public void binary(BinaryOp op, Tensor a, Tensor b, Tensor out) {
        if (out.numel() == 0) {
            return;
        }
        CpuStorage as = a.cpu();
        CpuStorage bs = b.cpu();
        CpuStorage os = out.cpu();
        Strided.Layout l = Strided.layoutOf(a, b, out);
        int sa = l.innerStride(0);
        int sb = l.innerStride(1);
        if (a.dtype() == DType.F32 && out.dtype() == DType.F32) {
            float[] x = as.f32();
            float[] y = bs.f32();
            float[] o = os.f32();
            Strided.parallelRuns(l, out.numel(), (offs, n) -> binaryF32(op, x, offs[0], sa, y, offs[1], sb, o, offs[2], n));
        } else if (a.dtype() == DType.F32 && op.isComparison()) {
            float[] x = as.f32();
            float[] y = bs.f32();
            byte[] o = os.u8();
            Strided.parallelRuns(l, out.numel(), (offs, n) -> compareF32(op, x, offs[0], sa, y, offs[1], sb, o, offs[2], n));
        } else {
            Strided.parallelRuns(l, out.numel(), (offs, n) -> {
                for (int i = 0; i < n; i++) {
                    double r = ElementwiseScalar.binary(op, as.getDouble(offs[0] + i * sa), bs.getDouble(offs[1] + i * sb));
                    os.setDouble(offs[2] + i, r);
                }
            });
        }
    }

    static void binaryF32(BinaryOp op, float[] x, int xo, int sx, float[] y, int yo, int sy, float[] o, int oo, int n) {
        int i = 0;
        if (sx == 1 && (sy == 1 || sy == 0) && op != BinaryOp.POW) {
            int bound = S.loopBound(n);
            FloatVector yb = sy == 0 ? FloatVector.broadcast(S, y[yo]) : null;
            for (; i < bound; i += S.length()) {
                FloatVector u = FloatVector.fromArray(S, x, xo + i);
                FloatVector v = yb != null ? yb : FloatVector.fromArray(S, y, yo + i);
                binaryVec(op, u, v).intoArray(o, oo + i);
            }
        }
        for (; i < n; i++) {
            o[oo + i] = (float) ElementwiseScalar.binary(op, x[xo + i * sx], y[yo + i * sy]);
        }
    }

    static void compareF32(BinaryOp op, float[] x, int xo, int sx, float[] y, int yo, int sy, byte[] o, int oo, int n) {
        for (int i = 0; i < n; i++) {
            float u = x[xo + i * sx];
            float v = y[yo + i * sy];
            boolean r;
            switch (op) {
                case EQ: r = u == v; break;
                case NE: r = u != v; break;
                case LT: r = u < v; break;
                case LE: r = u <= v; break;
                case GT: r = u > v; break;
                default: r = u >= v;
            }
            o[oo + i] = (byte) (r ? 1 : 0);
        }
    }

    private static FloatVector binaryVec(BinaryOp op, FloatVector u, FloatVector v) {
        switch (op) {
            case ADD:
                return u.add(v);
            case SUB:
                return u.sub(v);
            case MUL:
                return u.mul(v);
            case DIV:
                return u.div(v);
            case MAXIMUM:
                return u.max(v);
            case MINIMUM:
                return u.min(v);
            default:
                throw new IllegalStateException("no vector form for " + op);
        }
    }

    @Override
    public void where(Tensor cond, Tensor a, Tensor b, Tensor out) {
        if (out.numel() == 0) {
            return;
        }
        CpuStorage cs = cond.cpu();
        CpuStorage as = a.cpu();
        CpuStorage bs = b.cpu();
        CpuStorage os = out.cpu();
        Strided.Layout l = Strided.layoutOf(cond, a, b, out);
        int sc = l.innerStride(0);
        int sa = l.innerStride(1);
        int sb = l.innerStride(2);
        if (out.dtype() == DType.F32) {
            byte[] c = cs.u8();
            float[] x = as.f32();
            float[] y = bs.f32();
            float[] o = os.f32();
            Strided.parallelRuns(l, out.numel(), (offs, n) -> {
                for (int i = 0; i < n; i++) {
                    o[offs[3] + i] = c[offs[0] + i * sc] != 0 ? x[offs[1] + i * sa] : y[offs[2] + i * sb];
                }
            });
        } else {
            Strided.parallelRuns(l, out.numel(), (offs, n) -> {
                for (int i = 0; i < n; i++) {
                    boolean t = cs.u8()[offs[0] + i * sc] != 0;
                    os.setDouble(offs[3] + i, t ? as.getDouble(offs[1] + i * sa) : bs.getDouble(offs[2] + i * sb));
                }
            });
        }
    }

    @Override
    public void fill(Tensor out, double value) {
        CpuStorage s = out.cpu();
        int from = out.offset();
        int to = from + out.numel();
        switch (out.dtype()) {
            case F32:
                java.util.Arrays.fill(s.f32(), from, to, (float) value);
                break;
            case F64:
                java.util.Arrays.fill(s.f64(), from, to, value);
                break;
            case I32:
                java.util.Arrays.fill(s.i32(), from, to, (int) value);
                break;
            case I64:
                java.util.Arrays.fill(s.i64(), from, to, (long) value);
                break;
            case U8:
                java.util.Arrays.fill(s.u8(), from, to, (byte) (int) value);
                break;
            default:
                java.util.Arrays.fill(s.u8(), from, to, (byte) (value != 0 ? 1 : 0));
        }
    }

    @Override
    public void copy(Tensor src, Tensor dst) {
        if (dst.numel() == 0) {
            return;
        }
        CpuStorage ss = src.cpu();
        CpuStorage ds = dst.cpu();
        Strided.Layout l = Strided.layoutOf(src, dst);
        int s0 = l.innerStride(0);
        int s1 = l.innerStride(1);
        if (src.dtype() == dst.dtype()) {
            Object sa = ss.array();
            Object da = ds.array();
            Strided.parallelRuns(l, dst.numel(), (offs, n) -> SameTypeCopy.run(sa, offs[0], s0, da, offs[1], s1, n));
        } else {
            Strided.parallelRuns(l, dst.numel(), (offs, n) -> {
                for (int i = 0; i < n; i++) {
                    ds.setDouble(offs[1] + i * s1, ss.getDouble(offs[0] + i * s0));
                }
            });
        }
    }
}
