package org.sgae.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.sgae.tensor.DType;
import org.sgae.tensor.Tensor;
import org.sgae.tensor.TensorAsserts;
import org.sgae.tensor.Tolerances;
import org.sgae.tensor.attrs.Conv2dAttrs;
import org.sgae.tensor.attrs.Pool2dAttrs;

/**
 * conv2d.k, pool.k, upsample.k and batchnorm.k against {@link NnRef}: strided, padded, dilated and 1×1 (direct)
 * convolutions, odd spatial sizes, empty batches, three seeds.
 */
public abstract class NnParityContract extends ParityBase {
    /** {N, C, H, W, O, KH, KW} with attrs below. */
    private static final int[][] CONV = {{2, 3, 9, 11, 5, 3, 3}, {1, 4, 8, 8, 6, 1, 1}, {3, 2, 7, 10, 4, 3, 2},
        {0, 2, 5, 5, 3, 3, 3}, {2, 5, 6, 5, 70, 1, 1}, {2, 3, 40, 41, 4, 3, 3}};
    /** The last case has OH·OW = 1640 ≥ 2·512: its weight gradient takes the split-K path. */
    private static final Conv2dAttrs[] CONV_ATTRS = {Conv2dAttrs.of(1, 1, 1), Conv2dAttrs.of(1, 0, 1),
        new Conv2dAttrs(2, 1, 1, 0, 1, 2), Conv2dAttrs.of(1, 1, 1), Conv2dAttrs.of(1, 0, 1), Conv2dAttrs.of(1, 1, 1)};

    @Test
    void conv2dForwardAndBackward() {
        for (long seed : SEEDS) {
            for (int t = 0; t < CONV.length; t++) {
                int[] s = CONV[t];
                Conv2dAttrs a = CONV_ATTRS[t];
                int n = s[0], c = s[1], h = s[2], w = s[3], o = s[4], kh = s[5], kw = s[6];
                int oh = a.outH(h, kh), ow = a.outW(w, kw);
                String what = "conv " + Arrays.toString(s) + " " + a + " seed " + seed;
                Tensor x = uniform(seed, -1f, 1f, n, c, h, w);
                Tensor wt = uniform(seed + 1, -1f, 1f, o, c, kh, kw);
                Tensor bias = uniform(seed + 2, -1f, 1f, o);
                boolean withBias = t % 2 == 0;
                Tensor out = devEmpty(DType.F32, n, o, oh, ow);
                dev().nn().conv2d(on(x), on(wt), withBias ? on(bias) : null, a, out);
                double[] ref = NnRef.conv2d(x.toFloatArray(), n, c, h, w, wt.toFloatArray(), o, kh, kw,
                        withBias ? bias.toFloatArray() : null, a);
                TensorAsserts.assertClose(out.toDoubleArray(), ref, Tolerances.f32Reduction(c * kh * kw), what + " fwd");

                Tensor gy = uniform(seed + 3, -1f, 1f, n, o, oh, ow);
                Tensor gx = devEmpty(DType.F32, n, c, h, w);
                dev().nn().conv2dGradInput(on(gy), on(wt), a, gx);
                TensorAsserts.assertClose(gx.toDoubleArray(), NnRef.conv2dGradInput(gy.toFloatArray(), n, c, h, w,
                        wt.toFloatArray(), o, kh, kw, a), Tolerances.f32Reduction(o * kh * kw), what + " gradIn");

                Tensor gw = devEmpty(DType.F32, o, c, kh, kw);
                Tensor gb = devEmpty(DType.F32, o);
                dev().nn().conv2dGradWeight(on(gy), on(x), a, gw, withBias ? gb : null);
                double[] gref = NnRef.conv2dGradWeight(gy.toFloatArray(), x.toFloatArray(), n, c, h, w, o, kh, kw, a);
                int wn = o * c * kh * kw;
                Tolerances.Tol tol = Tolerances.f32Reduction(n * oh * ow);
                TensorAsserts.assertClose(gw.toDoubleArray(), Arrays.copyOf(gref, wn), tol, what + " gradW");
                if (withBias) {
                    TensorAsserts.assertClose(gb.toDoubleArray(), Arrays.copyOfRange(gref, wn, wn + o), tol, what + " gradB");
                }
            }
        }
    }

    private static final Pool2dAttrs[] POOLS = {Pool2dAttrs.of(3, 2, 1), Pool2dAttrs.of(2, 2, 0),
        new Pool2dAttrs(3, 2, 1, 2, 1, 0)};
    private static final int[][] PLANES = {{2, 3, 9, 11}, {1, 2, 8, 8}, {0, 3, 5, 5}};

    @Test
    void maxAndAvgPool() {
        for (long seed : SEEDS) {
            for (int[] s : PLANES) {
                for (Pool2dAttrs a : POOLS) {
                    int planes = s[0] * s[1], h = s[2], w = s[3], oh = a.outH(h), ow = a.outW(w);
                    String what = "pool " + Arrays.toString(s) + " " + a + " seed " + seed;
                    Tensor x = randn(seed, s);
                    Tensor out = devEmpty(DType.F32, s[0], s[1], oh, ow);
                    Tensor arg = devEmpty(DType.I32, s[0], s[1], oh, ow);
                    dev().nn().maxPool2d(on(x), a, out, arg);
                    double[] ref = NnRef.maxPool(x.toFloatArray(), planes, h, w, a);
                    int m = planes * oh * ow;
                    TensorAsserts.assertClose(out.toDoubleArray(), Arrays.copyOf(ref, m), Tolerances.EXACT, what + " max");
                    assertArrayEquals(Arrays.copyOfRange(ref, m, 2 * m), arg.toDoubleArray(), what + " argmax");

                    Tensor gy = uniform(seed + 1, -1f, 1f, s[0], s[1], oh, ow);
                    Tensor gx = devEmpty(DType.F32, s);
                    dev().nn().maxPool2dBackward(on(gy), arg, gx);
                    TensorAsserts.assertClose(gx.toDoubleArray(), NnRef.maxPoolBackward(gy.toFloatArray(), arg.toLongArray(),
                            planes, h, w, oh * ow), Tolerances.F32_ATOMIC, what + " max backward");

                    Tensor avg = devEmpty(DType.F32, s[0], s[1], oh, ow);
                    dev().nn().avgPool2d(on(x), a, avg);
                    Tolerances.Tol tol = Tolerances.f32Reduction(a.kernelH() * a.kernelW());
                    TensorAsserts.assertClose(avg.toDoubleArray(), NnRef.avgPool(x.toFloatArray(), planes, h, w, a), tol,
                            what + " avg");
                    Tensor agx = devEmpty(DType.F32, s);
                    dev().nn().avgPool2dBackward(on(gy), a, agx);
                    TensorAsserts.assertClose(agx.toDoubleArray(), NnRef.avgPoolBackward(gy.toFloatArray(), planes, h, w, a),
                            tol, what + " avg backward");
                }
            }
        }
    }

    @Test
    void adaptiveAvgPool() {
        int[][] cases = {{2, 3, 9, 7, 4, 3}, {1, 2, 4, 5, 6, 7}, {1, 1, 7, 7, 1, 1}, {0, 2, 3, 3, 2, 2}};
        for (long seed : SEEDS) {
            for (int[] s : cases) {
                int planes = s[0] * s[1];
                String what = "adaptive " + Arrays.toString(s) + " seed " + seed;
                Tensor x = randn(seed, s[0], s[1], s[2], s[3]);
                Tensor out = devEmpty(DType.F32, s[0], s[1], s[4], s[5]);
                dev().nn().adaptiveAvgPool2d(on(x), out);
                Tolerances.Tol tol = Tolerances.f32Reduction(s[2] * s[3]);
                TensorAsserts.assertClose(out.toDoubleArray(), NnRef.adaptive(x.toFloatArray(), planes, s[2], s[3], s[4], s[5],
                        false), tol, what);
                Tensor gy = randn(seed + 1, s[0], s[1], s[4], s[5]);
                Tensor gx = devEmpty(DType.F32, s[0], s[1], s[2], s[3]);
                dev().nn().adaptiveAvgPool2dBackward(on(gy), gx);
                TensorAsserts.assertClose(gx.toDoubleArray(), NnRef.adaptive(gy.toFloatArray(), planes, s[2], s[3], s[4], s[5],
                        true), tol, what + " backward");
            }
        }
    }

    @Test
    void upsampleNearest() {
        int[][] cases = {{2, 3, 4, 5, 2, 3}, {1, 1, 1, 1, 2, 2}, {1, 2, 3, 3, 1, 1}, {0, 2, 2, 2, 2, 2}};
        for (long seed : SEEDS) {
            for (int[] s : cases) {
                int planes = s[0] * s[1];
                String what = "upsample " + Arrays.toString(s) + " seed " + seed;
                Tensor x = randn(seed, s[0], s[1], s[2], s[3]);
                Tensor out = devEmpty(DType.F32, s[0], s[1], s[2] * s[4], s[3] * s[5]);
                dev().nn().upsampleNearest2d(on(x), out);
                TensorAsserts.assertClose(out.toDoubleArray(), NnRef.upsample(x.toFloatArray(), planes, s[2], s[3], s[4],
                        s[5], false), Tolerances.EXACT, what);
                Tensor gy = randn(seed + 1, s[0], s[1], s[2] * s[4], s[3] * s[5]);
                Tensor gx = devEmpty(DType.F32, s[0], s[1], s[2], s[3]);
                dev().nn().upsampleNearest2dBackward(on(gy), gx);
                TensorAsserts.assertClose(gx.toDoubleArray(), NnRef.upsample(gy.toFloatArray(), planes, s[2], s[3], s[4],
                        s[5], true), Tolerances.f32Reduction(s[4] * s[5]), what + " backward");
            }
        }
    }

    @Test
    void batchNorm() {
        int[][] shapes = {{4, 3, 5, 6}, {7, 5}, {1, 2, 1, 1}, {3, 300}};
        for (long seed : SEEDS) {
            for (int[] s : shapes) {
                int n = s[0], c = s[1], hw = s.length > 2 ? s[2] * s[3] : 1;
                String what = "batchnorm " + Arrays.toString(s) + " seed " + seed;
                Tensor x = uniform(seed, -2f, 3f, s);
                Tensor mean = devEmpty(DType.F32, c);
                Tensor var = devEmpty(DType.F32, c);
                dev().nn().batchNormStats(on(x), mean, var);
                double[] st = NnRef.bnStats(x.toFloatArray(), n, c, hw);
                Tolerances.Tol tol = Tolerances.f32Reduction(n * hw);
                TensorAsserts.assertClose(mean.toDoubleArray(), Arrays.copyOf(st, c), tol, what + " mean");
                TensorAsserts.assertClose(var.toDoubleArray(), Arrays.copyOfRange(st, c, 2 * c), tol, what + " var");

                Tensor invStd = uniform(seed + 1, 0.5f, 2f, c);
                Tensor meanH = Tensor.of(mean.toFloatArray(), c);
                Tensor wt = uniform(seed + 2, -1f, 1f, c);
                Tensor b = uniform(seed + 3, -1f, 1f, c);
                for (boolean affine : new boolean[] {true, false}) {
                    Tensor out = devEmpty(DType.F32, s);
                    dev().nn().batchNormApply(on(x), on(meanH), on(invStd), affine ? on(wt) : null,
                            affine ? on(b) : null, out);
                    double[] ref = new double[x.numel()];
                    float[] xf = x.toFloatArray();
                    for (int k = 0; k < ref.length; k++) {
                        int ci = (k / hw) % c;
                        double y = (xf[k] - (double) meanH.toFloatArray()[ci]) * invStd.toFloatArray()[ci];
                        ref[k] = affine ? y * wt.toFloatArray()[ci] + b.toFloatArray()[ci] : y;
                    }
                    TensorAsserts.assertClose(out.toDoubleArray(), ref, Tolerances.F32_ELEMENTWISE, what + " apply " + affine);

                    for (boolean training : new boolean[] {true, false}) {
                        Tensor gy = uniform(seed + 4, -1f, 1f, s);
                        Tensor gx = devEmpty(DType.F32, s);
                        Tensor gw = devEmpty(DType.F32, c);
                        Tensor gb = devEmpty(DType.F32, c);
                        dev().nn().batchNormBackward(on(gy), on(x), on(meanH), on(invStd), affine ? on(wt) : null,
                                training, gx, gw, gb);
                        double[] r = NnRef.bnBackward(gy.toFloatArray(), xf, meanH.toFloatArray(),
                                invStd.toFloatArray(), affine ? wt.toFloatArray() : null, training, n, c, hw);
                        int total = x.numel();
                        String w2 = what + " backward affine=" + affine + " training=" + training;
                        TensorAsserts.assertClose(gx.toDoubleArray(), Arrays.copyOf(r, total), tol, w2 + " gradIn");
                        TensorAsserts.assertClose(gw.toDoubleArray(), Arrays.copyOfRange(r, total, total + c), tol, w2 + " gradW");
                        TensorAsserts.assertClose(gb.toDoubleArray(), Arrays.copyOfRange(r, total + c, total + 2 * c), tol,
                                w2 + " gradB");
                    }
                }
            }
        }
    }
}
