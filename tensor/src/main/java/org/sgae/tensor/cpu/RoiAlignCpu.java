package org.sgae.tensor.cpu;

import org.sgae.tensor.ops.RoiAlignAttrs;

/**
 * Fast ROI Align (F32), torchvision semantics, forward and backward.
 *
 * <p>Why it is fast: torchvision's bilinear sampling is separable. A sample is dropped when y or x is outside
 * [−1, size], and its four weights are products of a y-weight and an x-weight, so a bin is
 * Σ_y Σ_x Wy[ph][y]·Wx[pw][x]·f[y,x] with 1-D weight profiles (count folded into Wy). Per ROI we precompute the
 * profiles once ({@link RoiWeights}); per channel we contract rows first, T[ph][x] = Σ_y Wy[ph][y]·f[y, xs..xe)
 * (contiguous, vectorised by C2), then columns, out[ph][pw] = Σ_x Wx[pw][x]·T[ph][x]. Backward is the same two
 * steps transposed. Threads split the channels, so backward needs no atomics: each thread owns its gradient
 * planes. Scratch buffers are reused between calls.
 *
 * <p>Shapes: x [N,C,H,W] at xOff, rois [K,5] at roiOff, out [K,C,PH,PW] at outOff.
 */
public final class RoiAlignCpu {
    private static final ThreadLocal<RoiWeights> WEIGHTS = ThreadLocal.withInitial(RoiWeights::new);
    private static final ThreadLocal<float[]> ROWS = ThreadLocal.withInitial(() -> new float[256]);

    private RoiAlignCpu() {
    }

    private static float[] rows(int n) {
        float[] t = ROWS.get();
        if (t.length < n) {
            t = new float[Math.max(n, 2 * t.length)];
            ROWS.set(t);
        }
        return t;
    }

    /** out (=). */
    public static void forward(float[] x, int xOff, int n, int c, int h, int w, float[] rois, int roiOff, int k,
                               RoiAlignAttrs a, float[] out, int outOff) {
        if (k == 0 || c == 0) {
            return;
        }
        RoiWeights g = WEIGHTS.get();
        g.compute(rois, roiOff, k, n, h, w, a);
        int ph = a.outH();
        int pw = a.outW();
        CpuParallel.forRange(c, 1, (c0, c1) -> {
            float[] t = rows(ph * w);
            for (int ch = c0; ch < c1; ch++) {
                for (int r = 0; r < k; r++) {
                    int plane = xOff + (g.batch[r] * c + ch) * h * w;
                    int xs = g.xs[r];
                    int xr = g.xe[r] - xs;
                    int o = outOff + (r * c + ch) * ph * pw;
                    for (int i = 0; i < ph; i++) {
                        int bin = r * ph + i;
                        int ty = i * xr;
                        java.util.Arrays.fill(t, ty, ty + xr, 0f);
                        int wy = bin * g.hStride;
                        for (int q = 0; q < g.yLen[bin]; q++) {
                            float wv = g.wy[wy + q];
                            int row = plane + (g.yStart[bin] + q) * w + xs;
                            for (int xx = 0; xx < xr; xx++) {
                                t[ty + xx] += wv * x[row + xx];
                            }
                        }
                        for (int j = 0; j < pw; j++) {
                            int bj = r * pw + j;
                            int wx = bj * g.wStride;
                            int tx = ty + g.xStart[bj] - xs;
                            float acc = 0f;
                            for (int q = 0; q < g.xLen[bj]; q++) {
                                acc += g.wx[wx + q] * t[tx + q];
                            }
                            out[o + i * pw + j] = acc;
                        }
                    }
                }
            }
        });
    }

    /** gradIn [N,C,H,W] (=, zeroed here) from gradOut [K,C,PH,PW]. */
    public static void backward(float[] gradOut, int gOff, float[] rois, int roiOff, int k, int n, int c, int h,
                                int w, RoiAlignAttrs a, float[] gradIn, int giOff) {
        if (c == 0 || n == 0) {
            return;
        }
        RoiWeights g = WEIGHTS.get();
        g.compute(rois, roiOff, k, n, h, w, a);
        int ph = a.outH();
        int pw = a.outW();
        CpuParallel.forRange(c, 1, (c0, c1) -> {
            float[] u = rows(ph * w);
            for (int ch = c0; ch < c1; ch++) {
                for (int b = 0; b < n; b++) {
                    int p = giOff + (b * c + ch) * h * w;
                    java.util.Arrays.fill(gradIn, p, p + h * w, 0f);
                }
                for (int r = 0; r < k; r++) {
                    int plane = giOff + (g.batch[r] * c + ch) * h * w;
                    int xs = g.xs[r];
                    int xr = g.xe[r] - xs;
                    int go = gOff + (r * c + ch) * ph * pw;
                    for (int i = 0; i < ph; i++) {
                        int ty = i * xr;
                        java.util.Arrays.fill(u, ty, ty + xr, 0f);
                        for (int j = 0; j < pw; j++) {
                            float gv = gradOut[go + i * pw + j];
                            int bj = r * pw + j;
                            int wx = bj * g.wStride;
                            int tx = ty + g.xStart[bj] - xs;
                            for (int q = 0; q < g.xLen[bj]; q++) {
                                u[tx + q] += gv * g.wx[wx + q];
                            }
                        }
                        int bin = r * ph + i;
                        int wy = bin * g.hStride;
                        for (int q = 0; q < g.yLen[bin]; q++) {
                            float wv = g.wy[wy + q];
                            int row = plane + (g.yStart[bin] + q) * w + xs;
                            for (int xx = 0; xx < xr; xx++) {
                                gradIn[row + xx] += wv * u[ty + xx];
                            }
                        }
                    }
                }
            }
        });
    }
}
