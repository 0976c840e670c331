package org.sgae.kernels;

import org.sgae.tensor.attrs.Conv2dAttrs;
import org.sgae.tensor.attrs.Pool2dAttrs;

/**
 * Plain-loop double-precision references for the NN family on plain arrays, the oracle of {@link NnParityContract}.
 * Written before the CPU backend had its NnKernels; tensor's {@code cpu.ref} (Conv2dRef, Pool2dRef, BatchNormRef,
 * UpsampleRef) now covers the same ops on tensors, and the two could become one. Arrays are NCHW row-major.
 */
final class NnRef {
    private NnRef() {
    }

    /** out [N,O,OH,OW]. */
    static double[] conv2d(float[] x, int n, int c, int h, int w, float[] wt, int o, int kh, int kw, float[] bias,
                           Conv2dAttrs a) {
        int oh = a.outH(h, kh), ow = a.outW(w, kw);
        double[] out = new double[n * o * oh * ow];
        for (int b = 0; b < n; b++)
            for (int q = 0; q < o; q++)
                for (int y = 0; y < oh; y++)
                    for (int z = 0; z < ow; z++) {
                        double s = bias == null ? 0 : bias[q];
                        for (int ci = 0; ci < c; ci++)
                            for (int i = 0; i < kh; i++)
                                for (int j = 0; j < kw; j++) {
                                    int hh = y * a.strideH() - a.padH() + i * a.dilationH();
                                    int ww = z * a.strideW() - a.padW() + j * a.dilationW();
                                    if (hh >= 0 && hh < h && ww >= 0 && ww < w) {
                                        s += (double) x[((b * c + ci) * h + hh) * w + ww]
                                                * wt[((q * c + ci) * kh + i) * kw + j];
                                    }
                                }
                        out[((b * o + q) * oh + y) * ow + z] = s;
                    }
        return out;
    }

    /** Adjoint of conv2d in x: gradIn [N,C,H,W]. */
    static double[] conv2dGradInput(float[] gy, int n, int c, int h, int w, float[] wt, int o, int kh, int kw,
                                    Conv2dAttrs a) {
        int oh = a.outH(h, kh), ow = a.outW(w, kw);
        double[] gx = new double[n * c * h * w];
        for (int b = 0; b < n; b++)
            for (int q = 0; q < o; q++)
                for (int y = 0; y < oh; y++)
                    for (int z = 0; z < ow; z++) {
                        double g = gy[((b * o + q) * oh + y) * ow + z];
                        for (int ci = 0; ci < c; ci++)
                            for (int i = 0; i < kh; i++)
                                for (int j = 0; j < kw; j++) {
                                    int hh = y * a.strideH() - a.padH() + i * a.dilationH();
                                    int ww = z * a.strideW() - a.padW() + j * a.dilationW();
                                    if (hh >= 0 && hh < h && ww >= 0 && ww < w) {
                                        gx[((b * c + ci) * h + hh) * w + ww] += g * wt[((q * c + ci) * kh + i) * kw + j];
                                    }
                                }
                    }
        return gx;
    }

    /** gradW [O,C,KH,KW] followed by gradBias [O] in one array. */
    static double[] conv2dGradWeight(float[] gy, float[] x, int n, int c, int h, int w, int o, int kh, int kw,
                                     Conv2dAttrs a) {
        int oh = a.outH(h, kh), ow = a.outW(w, kw);
        int wn = o * c * kh * kw;
        double[] g = new double[wn + o];
        for (int b = 0; b < n; b++)
            for (int q = 0; q < o; q++)
                for (int y = 0; y < oh; y++)
                    for (int z = 0; z < ow; z++) {
                        double v = gy[((b * o + q) * oh + y) * ow + z];
                        g[wn + q] += v;
                        for (int ci = 0; ci < c; ci++)
                            for (int i = 0; i < kh; i++)
                                for (int j = 0; j < kw; j++) {
                                    int hh = y * a.strideH() - a.padH() + i * a.dilationH();
                                    int ww = z * a.strideW() - a.padW() + j * a.dilationW();
                                    if (hh >= 0 && hh < h && ww >= 0 && ww < w) {
                                        g[((q * c + ci) * kh + i) * kw + j] += v * x[((b * c + ci) * h + hh) * w + ww];
                                    }
                                }
                    }
        return g;
    }

    /** Max pool over planes [P,H,W]: values then argmax (as doubles) in one array of 2·P·OH·OW. */
    static double[] maxPool(float[] x, int planes, int h, int w, Pool2dAttrs a) {
        int oh = a.outH(h), ow = a.outW(w);
        int m = planes * oh * ow;
        double[] r = new double[2 * m];
        for (int p = 0; p < planes; p++)
            for (int y = 0; y < oh; y++)
                for (int z = 0; z < ow; z++) {
                    double best = Double.NEGATIVE_INFINITY;
                    int bi = -1;
                    for (int i = 0; i < a.kernelH(); i++)
                        for (int j = 0; j < a.kernelW(); j++) {
                            int hh = y * a.strideH() - a.padH() + i;
                            int ww = z * a.strideW() - a.padW() + j;
                            if (hh >= 0 && hh < h && ww >= 0 && ww < w) {
                                double v = x[(p * h + hh) * w + ww];
                                if (bi < 0 || v > best) {
                                    best = v;
                                    bi = hh * w + ww;
                                }
                            }
                        }
                    int k = (p * oh + y) * ow + z;
                    r[k] = best;
                    r[m + k] = bi;
                }
        return r;
    }

    static double[] maxPoolBackward(float[] gy, long[] argmax, int planes, int h, int w, int ohw) {
        double[] gx = new double[planes * h * w];
        for (int p = 0; p < planes; p++)
            for (int k = 0; k < ohw; k++) {
                gx[p * h * w + (int) argmax[p * ohw + k]] += gy[p * ohw + k];
            }
        return gx;
    }

    static double[] avgPool(float[] x, int planes, int h, int w, Pool2dAttrs a) {
        int oh = a.outH(h), ow = a.outW(w);
        double[] r = new double[planes * oh * ow];
        for (int p = 0; p < planes; p++)
            for (int y = 0; y < oh; y++)
                for (int z = 0; z < ow; z++) {
                    double s = 0;
                    for (int i = 0; i < a.kernelH(); i++)
                        for (int j = 0; j < a.kernelW(); j++) {
                            int hh = y * a.strideH() - a.padH() + i;
                            int ww = z * a.strideW() - a.padW() + j;
                            if (hh >= 0 && hh < h && ww >= 0 && ww < w) {
                                s += x[(p * h + hh) * w + ww];
                            }
                        }
                    r[(p * oh + y) * ow + z] = s / (a.kernelH() * a.kernelW());
                }
        return r;
    }

    static double[] avgPoolBackward(float[] gy, int planes, int h, int w, Pool2dAttrs a) {
        int oh = a.outH(h), ow = a.outW(w);
        double[] gx = new double[planes * h * w];
        for (int p = 0; p < planes; p++)
            for (int y = 0; y < oh; y++)
                for (int z = 0; z < ow; z++) {
                    double g = gy[(p * oh + y) * ow + z] / (double) (a.kernelH() * a.kernelW());
                    for (int i = 0; i < a.kernelH(); i++)
                        for (int j = 0; j < a.kernelW(); j++) {
                            int hh = y * a.strideH() - a.padH() + i;
                            int ww = z * a.strideW() - a.padW() + j;
                            if (hh >= 0 && hh < h && ww >= 0 && ww < w) {
                                gx[(p * h + hh) * w + ww] += g;
                            }
                        }
                }
        return gx;
    }

    private static int start(int i, int in, int out) {
        return (int) Math.floor((double) i * in / out);
    }

    private static int end(int i, int in, int out) {
        return (int) Math.ceil((double) (i + 1) * in / out);
    }

    /** Adaptive average pool forward (backward = true: gradIn from gy of the output shape). */
    static double[] adaptive(float[] src, int planes, int h, int w, int oh, int ow, boolean backward) {
        double[] r = new double[planes * (backward ? h * w : oh * ow)];
        for (int p = 0; p < planes; p++)
            for (int y = 0; y < oh; y++)
                for (int z = 0; z < ow; z++) {
                    int h0 = start(y, h, oh), h1 = end(y, h, oh), w0 = start(z, w, ow), w1 = end(z, w, ow);
                    double cnt = (h1 - h0) * (w1 - w0);
                    double s = 0;
                    for (int hh = h0; hh < h1; hh++)
                        for (int ww = w0; ww < w1; ww++) {
                            if (backward) {
                                r[(p * h + hh) * w + ww] += src[(p * oh + y) * ow + z] / cnt;
                            } else {
                                s += src[(p * h + hh) * w + ww];
                            }
                        }
                    if (!backward) {
                        r[(p * oh + y) * ow + z] = s / cnt;
                    }
                }
        return r;
    }

    static double[] upsample(float[] src, int planes, int h, int w, int fh, int fw, boolean backward) {
        int oh = h * fh, ow = w * fw;
        double[] r = new double[planes * (backward ? h * w : oh * ow)];
        for (int p = 0; p < planes; p++)
            for (int y = 0; y < oh; y++)
                for (int z = 0; z < ow; z++) {
                    int in = (p * h + y / fh) * w + z / fw;
                    int out = (p * oh + y) * ow + z;
                    if (backward) {
                        r[in] += src[out];
                    } else {
                        r[out] = src[in];
                    }
                }
        return r;
    }

    /** mean [C] then biased var [C]. */
    static double[] bnStats(float[] x, int n, int c, int hw) {
        double[] r = new double[2 * c];
        for (int ci = 0; ci < c; ci++) {
            double s = 0;
            for (int b = 0; b < n; b++)
                for (int i = 0; i < hw; i++) s += x[(b * c + ci) * hw + i];
            double m = s / (n * hw);
            double q = 0;
            for (int b = 0; b < n; b++)
                for (int i = 0; i < hw; i++) {
                    double d = x[(b * c + ci) * hw + i] - m;
                    q += d * d;
                }
            r[ci] = m;
            r[c + ci] = q / (n * hw);
        }
        return r;
    }

    /** gradIn [N·C·HW], then gradWeight [C], then gradBias [C]. */
    static double[] bnBackward(float[] gy, float[] x, float[] mean, float[] invStd, float[] w, boolean training,
                               int n, int c, int hw) {
        int total = n * c * hw;
        double[] r = new double[total + 2 * c];
        double m = n * hw;
        for (int ci = 0; ci < c; ci++) {
            double s1 = 0, s2 = 0;
            for (int b = 0; b < n; b++)
                for (int i = 0; i < hw; i++) {
                    int k = (b * c + ci) * hw + i;
                    s1 += gy[k];
                    s2 += gy[k] * (x[k] - mean[ci]) * (double) invStd[ci];
                }
            r[total + ci] = s2;
            r[total + c + ci] = s1;
            double scale = (w == null ? 1 : w[ci]) * (double) invStd[ci];
            for (int b = 0; b < n; b++)
                for (int i = 0; i < hw; i++) {
                    int k = (b * c + ci) * hw + i;
                    double g = gy[k];
                    if (training) {
                        double xhat = (x[k] - mean[ci]) * (double) invStd[ci];
                        g = g - s1 / m - xhat * s2 / m;
                    }
                    r[k] = scale * g;
                }
        }
        return r;
    }
}
