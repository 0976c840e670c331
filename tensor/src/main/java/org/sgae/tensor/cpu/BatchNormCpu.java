package org.sgae.tensor.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.sgae.tensor.Tensor;
import org.sgae.tensor.ops.Op;
import org.sgae.tensor.ops.OpPart;
import org.sgae.tensor.ops.OpPart.Role;

/**
 * Fast F32 batch norm on a contiguous x [N,C,H,W] (or [N,C], hw = 1). Statistics and backward are parallel over
 * channels (each channel's sums are private to one thread); apply is parallel over the N·C planes. Inner loops over
 * a plane's hw contiguous values use the Vector API; a plane's partial sums are float vector lanes (each lane adds
 * hw/16 values), folded into double per plane, so the error grows with hw/lanes, not with N·hw.
 */
@OpPart(role = Role.CPU, ops = Op.BATCH_NORM)
final class BatchNormCpu {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

    private BatchNormCpu() {
    }

    private static int hw(Tensor x) {
        return x.rank() == 2 ? 1 : x.dim(2) * x.dim(3);
    }

    private static float at(Tensor t, int i, float absent) {
        return t == null ? absent : t.cpu().f32()[t.offset() + i];
    }

    /** Two passes per channel (mean, then Σ(x−mean)²): no catastrophic cancellation for large means. */
    static void stats(Tensor x, Tensor mean, Tensor var) {
        float[] xa = x.cpu().f32();
        float[] ma = mean.cpu().f32();
        float[] va = var.cpu().f32();
        int n = x.dim(0);
        int c = x.dim(1);
        int hw = hw(x);
        double m = (double) n * hw;
        CpuParallel.forRange(c, CpuParallel.minItems((long) n * hw), (c0, c1) -> {
            for (int ch = c0; ch < c1; ch++) {
                double s = 0;
                for (int b = 0; b < n; b++) {
                    s += sum(xa, x.offset() + (b * c + ch) * hw, hw);
                }
                float mu = (float) (s / m);
                double q = 0;
                for (int b = 0; b < n; b++) {
                    q += sumSquaredDiff(xa, x.offset() + (b * c + ch) * hw, hw, mu);
                }
                ma[mean.offset() + ch] = mu;
                va[var.offset() + ch] = (float) (q / m);
            }
        });
    }

    private static double sum(float[] a, int off, int n) {
        int i = 0;
        FloatVector acc = FloatVector.zero(S);
        for (int bound = S.loopBound(n); i < bound; i += S.length()) {
            acc = acc.add(FloatVector.fromArray(S, a, off + i));
        }
        double s = acc.reduceLanes(VectorOperators.ADD);
        for (; i < n; i++) {
            s += a[off + i];
        }
        return s;
    }

    private static double sumSquaredDiff(float[] a, int off, int n, float mu) {
        int i = 0;
        FloatVector acc = FloatVector.zero(S);
        for (int bound = S.loopBound(n); i < bound; i += S.length()) {
            FloatVector d = FloatVector.fromArray(S, a, off + i).sub(mu);
            acc = d.fma(d, acc);
        }
        double q = acc.reduceLanes(VectorOperators.ADD);
        for (; i < n; i++) {
            double d = a[off + i] - mu;
            q += d * d;
        }
        return q;
    }

    /**
     * out = (x − mean)·scale + b with scale = invStd·w, per plane. Not the cheaper x·scale + (b − mean·scale): when
     * |mean| ≫ std that form rounds at the magnitude of x·scale and loses the digits of the result.
     */
    static void apply(Tensor x, Tensor mean, Tensor invStd, Tensor weight, Tensor bias, Tensor out) {
        float[] xa = x.cpu().f32();
        float[] oa = out.cpu().f32();
        int c = x.dim(1);
        int hw = hw(x);
        CpuParallel.forRange(x.dim(0) * c, CpuParallel.minItems(hw), (p0, p1) -> {
            for (int p = p0; p < p1; p++) {
                int ch = p % c;
                float scale = at(invStd, ch, 1f) * at(weight, ch, 1f);
                float mu = at(mean, ch, 0f);
                float shift = at(bias, ch, 0f);
                int xo = x.offset() + p * hw;
                int oo = out.offset() + p * hw;
                int i = 0;
                for (int bound = S.loopBound(hw); i < bound; i += S.length()) {
                    FloatVector.fromArray(S, xa, xo + i).sub(mu).fma(scale, shift).intoArray(oa, oo + i);
                }
                for (; i < hw; i++) {
                    oa[oo + i] = (xa[xo + i] - mu) * scale + shift;
                }
            }
        });
    }

    /**
     * Per channel: sg = Σg, sgc = Σg·(x−mean) (one fused pass), gradBias = sg, gradWeight = sgc·invStd; then
     * gradIn = k·(g − sg/M − (x−mean)·sgc·invStd²/M) with k = w·invStd when training, gradIn = k·g otherwise.
     */
    static void backward(Tensor gradOut, Tensor x, Tensor mean, Tensor invStd, Tensor weight, boolean training,
                         Tensor gradIn, Tensor gradWeight, Tensor gradBias) {
        float[] ga = gradOut.cpu().f32();
        float[] xa = x.cpu().f32();
        float[] ia = gradIn.cpu().f32();
        int n = x.dim(0);
        int c = x.dim(1);
        int hw = hw(x);
        double m = (double) n * hw;
        CpuParallel.forRange(c, CpuParallel.minItems((long) n * hw), (c0, c1) -> {
            double[] sums = new double[2];
            for (int ch = c0; ch < c1; ch++) {
                float mu = at(mean, ch, 0f);
                float inv = at(invStd, ch, 1f);
                double sg = 0;
                double sgc = 0;
                for (int b = 0; b < n; b++) {
                    int off = (b * c + ch) * hw;
                    sums(ga, gradOut.offset() + off, xa, x.offset() + off, hw, mu, sums);
                    sg += sums[0];
                    sgc += sums[1];
                }
                if (gradBias != null) {
                    gradBias.cpu().f32()[gradBias.offset() + ch] = (float) sg;
                }
                if (gradWeight != null) {
                    gradWeight.cpu().f32()[gradWeight.offset() + ch] = (float) (sgc * inv);
                }
                float k = at(weight, ch, 1f) * inv;
                float a = training ? (float) (sg / m) : 0f;
                float q = training ? (float) (sgc * inv * inv / m) : 0f;
                for (int b = 0; b < n; b++) {
                    int off = (b * c + ch) * hw;
                    gradIn(ga, gradOut.offset() + off, xa, x.offset() + off, ia, gradIn.offset() + off, hw, mu, k, a, q);
                }
            }
        });
    }

    private static void sums(float[] g, int go, float[] x, int xo, int n, float mu, double[] out) {
        int i = 0;
        FloatVector s0 = FloatVector.zero(S);
        FloatVector s1 = FloatVector.zero(S);
        for (int bound = S.loopBound(n); i < bound; i += S.length()) {
            FloatVector gv = FloatVector.fromArray(S, g, go + i);
            s0 = s0.add(gv);
            s1 = gv.fma(FloatVector.fromArray(S, x, xo + i).sub(mu), s1);
        }
        double a = s0.reduceLanes(VectorOperators.ADD);
        double b = s1.reduceLanes(VectorOperators.ADD);
        for (; i < n; i++) {
            a += g[go + i];
            b += g[go + i] * (double) (x[xo + i] - mu);
        }
        out[0] = a;
        out[1] = b;
    }

    /** gi = k·(g − a − (x − mu)·q). */
    private static void gradIn(float[] g, int go, float[] x, int xo, float[] gi, int io, int n, float mu, float k,
                               float a, float q) {
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += S.length()) {
            FloatVector xc = FloatVector.fromArray(S, x, xo + i).sub(mu);
            FloatVector r = FloatVector.fromArray(S, g, go + i).sub(a).sub(xc.mul(q));
            r.mul(k).intoArray(gi, io + i);
        }
        for (; i < n; i++) {
            gi[io + i] = k * (g[go + i] - a - (x[xo + i] - mu) * q);
        }
    }
}
