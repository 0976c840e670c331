package org.sgae.tensor.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.sgae.tensor.attrs.RoiAlignAttrs;
import org.sgae.tensor.ops.Op;
import org.sgae.tensor.ops.OpPart.Role;
import org.sgae.tensor.ops.OpPart;

/**
 * Fast ROI Align (F32), torchvision semantics, forward and backward.
 *
 * <p>Why it is fast:
 * <ul>
 *   <li>Separable weights. torchvision drops a sample when y or x is outside [−1, size], and its four tap weights
 *       are products of a y-weight and an x-weight, so bin (ph, pw) = Σ_y Σ_x Wy[ph][y]·Wx[pw][x]·f[y,x] with 1-D
 *       profiles precomputed once per ROI ({@link RoiWeights}, count folded into Wy). Rows are contracted first,
 *       T[x] = Σ_y Wy[ph][y]·f[y,x], then columns, out[ph][pw] = Σ_x Wx[pw][x]·T[x].</li>
 *   <li>Channels in the vector lanes. The features are transposed once per call to channels-last
 *       [N,H,W,Cp] (Cp = C rounded up to the vector length, zero padded), so every tap is a run of FMAs over a
 *       block of up to 4 vectors of channels; results are transposed back into [K,C,PH,PW].</li>
 *   <li>Threads split the channel blocks, so the backward scatter into the (channels-last) gradient needs no
 *       atomics. Scratch buffers are reused between calls.</li>
 * </ul>
 * Shapes: x [N,C,H,W] at xOff, rois [K,5] at roiOff, out [K,C,PH,PW] at outOff.
 */
@OpPart(role = Role.CPU, ops = Op.ROI_ALIGN)
public final class RoiAlignCpu {
    private static final VectorSpecies<Float> SP = FloatVector.SPECIES_PREFERRED;
    private static final int L = SP.length();
    private static final ThreadLocal<RoiWeights> WEIGHTS = ThreadLocal.withInitial(RoiWeights::new);
    /** Per calling thread: the channels-last copy of x (forward) or of gradIn (backward). */
    private static final ThreadLocal<float[]> CHANNELS_LAST = ThreadLocal.withInitial(() -> new float[0]);
    /** Per worker thread: T rows [W][block] and results [PH·PW][block]. */
    private static final ThreadLocal<float[][]> WORK = ThreadLocal.withInitial(() -> new float[2][0]);

    private RoiAlignCpu() {
    }

    private static float[] grow(ThreadLocal<float[]> tl, int n) {
        float[] a = tl.get();
        if (a.length < n) {
            a = new float[n];
            tl.set(a);
        }
        return a;
    }

    private static float[][] work(int rows, int res) {
        float[][] w = WORK.get();
        if (w[0].length < rows) {
            w[0] = new float[rows];
        }
        if (w[1].length < res) {
            w[1] = new float[res];
        }
        return w;
    }

    /** Vectors per channel block: up to 4, fewer when that leaves threads idle. */
    private static int blockVectors(int cp) {
        int vectors = cp / L;
        return Math.max(1, Math.min(4, vectors / CpuParallel.threads()));
    }

    /** out (=). */
    public static void forward(float[] x, int xOff, int n, int c, int h, int w, float[] rois, int roiOff, int k,
                               RoiAlignAttrs a, float[] out, int outOff) {
        if (k == 0 || c == 0) {
            return;
        }
        RoiWeights g = WEIGHTS.get();
        g.compute(rois, roiOff, k, n, h, w, a);
        int cp = (c + L - 1) / L * L;
        float[] xt = grow(CHANNELS_LAST, n * h * w * cp);
        toChannelsLast(x, xOff, n, c, h * w, cp, xt);
        int nv = blockVectors(cp);
        int cb = nv * L;
        int blocks = (cp + cb - 1) / cb;
        int ph = a.outH();
        int pw = a.outW();
        CpuParallel.forRange(blocks, 1, (b0, b1) -> {
            float[][] wk = work(w * cb, ph * pw * cb);
            float[] t = wk[0];
            float[] res = wk[1];
            for (int blk = b0; blk < b1; blk++) {
                int c0 = blk * cb;
                int vecs = Math.min(nv, (cp - c0) / L);
                for (int r = 0; r < k; r++) {
                    int xs = g.xs[r];
                    int xr = g.xe[r] - xs;
                    int plane = g.batch[r] * h * w;
                    for (int i = 0; i < ph; i++) {
                        int bin = r * ph + i;
                        int y0 = g.yStart[bin];
                        int ny = g.yLen[bin];
                        int wy = bin * g.hStride;
                        // T[x] = Σ_y Wy[y]·f[y, x, block] for the ROI's columns
                        for (int xx = 0; xx < xr; xx++) {
                            for (int v = 0; v < vecs; v++) {
                                FloatVector acc = FloatVector.zero(SP);
                                for (int q = 0; q < ny; q++) {
                                    int src = ((plane + (y0 + q) * w + xs + xx) * cp) + c0 + v * L;
                                    acc = FloatVector.fromArray(SP, xt, src).fma(FloatVector.broadcast(SP, g.wy[wy + q]), acc);
                                }
                                acc.intoArray(t, xx * cb + v * L);
                            }
                        }
                        // out[ph][pw] = Σ_x Wx[pw][x]·T[x]
                        for (int j = 0; j < pw; j++) {
                            int bj = r * pw + j;
                            int wx = bj * g.wStride;
                            int tx = g.xStart[bj] - xs;
                            int nx = g.xLen[bj];
                            for (int v = 0; v < vecs; v++) {
                                FloatVector acc = FloatVector.zero(SP);
                                for (int q = 0; q < nx; q++) {
                                    acc = FloatVector.fromArray(SP, t, (tx + q) * cb + v * L).fma(FloatVector.broadcast(SP, g.wx[wx + q]), acc);
                                }
                                acc.intoArray(res, (i * pw + j) * cb + v * L);
                            }
                        }
                    }
                    // res [PH·PW][block] → out[r, c0.., :, :]
                    int cEnd = Math.min(c, c0 + vecs * L);
                    for (int ch = c0; ch < cEnd; ch++) {
                        int o = outOff + (r * c + ch) * ph * pw;
                        for (int e = 0; e < ph * pw; e++) {
                            out[o + e] = res[e * cb + ch - c0];
                        }
                    }
                }
            }
        });
    }

    /** gradIn [N,C,H,W] (=) from gradOut [K,C,PH,PW]. */
    public static void backward(float[] gradOut, int gOff, float[] rois, int roiOff, int k, int n, int c, int h,
                                int w, RoiAlignAttrs a, float[] gradIn, int giOff) {
        if (c == 0 || n == 0) {
            return;
        }
        RoiWeights g = WEIGHTS.get();
        g.compute(rois, roiOff, k, n, h, w, a);
        int cp = (c + L - 1) / L * L;
        int hw = h * w;
        float[] gt = grow(CHANNELS_LAST, n * hw * cp);
        int nv = blockVectors(cp);
        int cb = nv * L;
        int blocks = (cp + cb - 1) / cb;
        int ph = a.outH();
        int pw = a.outW();
        CpuParallel.forRange(blocks, 1, (b0, b1) -> {
            float[][] wk = work(w * cb, ph * pw * cb);
            float[] u = wk[0];
            float[] gr = wk[1];
            for (int blk = b0; blk < b1; blk++) {
                int c0 = blk * cb;
                int vecs = Math.min(nv, (cp - c0) / L);
                int cEnd = Math.min(c, c0 + vecs * L);
                for (int p = 0; p < n * hw; p++) {
                    java.util.Arrays.fill(gt, p * cp + c0, p * cp + c0 + vecs * L, 0f);
                }
                java.util.Arrays.fill(gr, 0, ph * pw * cb, 0f); // padded channels stay zero
                for (int r = 0; r < k; r++) {
                    int xs = g.xs[r];
                    int xr = g.xe[r] - xs;
                    int plane = g.batch[r] * hw;
                    for (int ch = c0; ch < cEnd; ch++) {
                        int o = gOff + (r * c + ch) * ph * pw;
                        for (int e = 0; e < ph * pw; e++) {
                            gr[e * cb + ch - c0] = gradOut[o + e];
                        }
                    }
                    for (int i = 0; i < ph; i++) {
                        // U[x] = Σ_pw Wx[pw][x]·gradOut[ph, pw]
                        java.util.Arrays.fill(u, 0, xr * cb, 0f);
                        for (int j = 0; j < pw; j++) {
                            int bj = r * pw + j;
                            int wx = bj * g.wStride;
                            int tx = g.xStart[bj] - xs;
                            for (int v = 0; v < vecs; v++) {
                                FloatVector gv = FloatVector.fromArray(SP, gr, (i * pw + j) * cb + v * L);
                                for (int q = 0; q < g.xLen[bj]; q++) {
                                    int ui = (tx + q) * cb + v * L;
                                    gv.fma(FloatVector.broadcast(SP, g.wx[wx + q]), FloatVector.fromArray(SP, u, ui)).intoArray(u, ui);
                                }
                            }
                        }
                        // gradIn[y, x] += Wy[ph][y]·U[x]
                        int bin = r * ph + i;
                        int wy = bin * g.hStride;
                        for (int q = 0; q < g.yLen[bin]; q++) {
                            float wv = g.wy[wy + q];
                            int rowBase = (plane + (g.yStart[bin] + q) * w + xs) * cp + c0;
                            for (int xx = 0; xx < xr; xx++) {
                                for (int v = 0; v < vecs; v++) {
                                    int gi = rowBase + xx * cp + v * L;
                                    FloatVector.fromArray(SP, u, xx * cb + v * L)
                                            .fma(FloatVector.broadcast(SP, wv), FloatVector.fromArray(SP, gt, gi)).intoArray(gt, gi);
                                }
                            }
                        }
                    }
                }
            }
        });
        fromChannelsLast(gt, n, c, hw, cp, gradIn, giOff);
    }

    /** x [N,C,HW] → xt [N,HW,Cp] with padded channels zeroed. Threads split the (n, pixel) rows. */
    private static void toChannelsLast(float[] x, int xOff, int n, int c, int hw, int cp, float[] xt) {
        CpuParallel.forRange(n * hw, 64, (p0, p1) -> {
            for (int p = p0; p < p1; p++) {
                int b = p / hw;
                int pix = p - b * hw;
                int dst = p * cp;
                int src = xOff + b * c * hw + pix;
                for (int ch = 0; ch < c; ch++) {
                    xt[dst + ch] = x[src + ch * hw];
                }
                java.util.Arrays.fill(xt, dst + c, dst + cp, 0f);
            }
        });
    }

    /** gt [N,HW,Cp] → gradIn [N,C,HW]. Threads split the (n, channel) planes. */
    private static void fromChannelsLast(float[] gt, int n, int c, int hw, int cp, float[] gradIn, int giOff) {
        CpuParallel.forRange(n * c, 8, (q0, q1) -> {
            for (int q = q0; q < q1; q++) {
                int b = q / c;
                int ch = q - b * c;
                int dst = giOff + q * hw;
                int src = b * hw * cp + ch;
                for (int pix = 0; pix < hw; pix++) {
                    gradIn[dst + pix] = gt[src + pix * cp];
                }
            }
        });
    }
}
