package org.sgae.tensor.cpu;

import static org.sgae.tensor.cpu.GemmKernel.NR;

import java.util.Arrays;

/**
 * GEMM B-operand packers that read one image of an NCHW input through the im2col view, so that the (often huge)
 * column matrix is never materialised.
 *
 * <p>The column matrix of image {@code img}: {@code col[t][q] = x[img, ci, ih, iw]} with kernel tap
 * {@code t = (ci·kh + i)·kw + j}, output pixel {@code q = r·outW + c}, {@code ih = r·strideH − padH + i·dilH},
 * {@code iw = c·strideW − padW + j·dilW}; zero outside the input.
 */
final class Im2col {
    private Im2col() {
    }

    /** op(B) = col (K×P, rows = taps, columns = output pixels): the forward convolution's B. */
    static final class Cols implements Panels.BSource {
        private final Conv2dShape s;
        private final float[] x;
        private final int xOff;

        Cols(Conv2dShape s, float[] x, int img) {
            this.s = s;
            this.x = x;
            this.xOff = img * s.cin() * s.h() * s.w();
        }

        @Override
        public void pack(int p0, int kc, int j0, int nc, float[] dst, int dOff) {
            int ow = s.outW();
            int khw = s.kh() * s.kw();
            int tail = nc % NR;
            if (tail != 0) { // zero the padding columns of the last strip
                int base = dOff + nc / NR * NR * kc;
                for (int p = 0; p < kc; p++) {
                    Arrays.fill(dst, base + p * NR + tail, base + p * NR + NR, 0f);
                }
            }
            for (int p = 0; p < kc; p++) {
                int t = p0 + p;
                int ci = t / khw;
                int i = t % khw / s.kw();
                int j = t % s.kw();
                int chan = xOff + ci * s.h() * s.w();
                int q = j0;
                int r = q / ow;
                int c = q % ow;
                int end = j0 + nc;
                while (q < end) {
                    int len = Math.min(ow - c, end - q); // pixels left in this output row
                    int ih = r * s.strideH() - s.padH() + i * s.dilH();
                    emitRow(dst, dOff, kc, p, q - j0, len, ih, c, j, chan);
                    q += len;
                    r++;
                    c = 0;
                }
            }
        }

        /** Writes output pixels [c, c+len) of one output row (tap row ih, tap column j) at packed column col. */
        private void emitRow(float[] dst, int dOff, int kc, int p, int col, int len, int ih, int c, int j, int chan) {
            if (ih < 0 || ih >= s.h()) {
                zeros(dst, dOff, kc, p, col, len);
                return;
            }
            int rowBase = chan + ih * s.w();
            int sw = s.strideW();
            int off = j * s.dilW() - s.padW(); // iw = c·sw + off
            // valid output columns: 0 <= c·sw + off < w
            int cLo = off >= 0 ? 0 : (-off + sw - 1) / sw;
            int cHi = s.w() - off <= 0 ? 0 : (s.w() - off - 1) / sw + 1;
            int a = Math.min(Math.max(cLo, c), c + len);
            int b = Math.max(Math.min(cHi, c + len), a);
            zeros(dst, dOff, kc, p, col, a - c);
            if (sw == 1) {
                copy(x, rowBase + a + off, dst, dOff, kc, p, col + a - c, b - a);
            } else {
                for (int cc = a; cc < b; cc++) {
                    int q = col + cc - c;
                    dst[dOff + q / NR * NR * kc + p * NR + q % NR] = x[rowBase + cc * sw + off];
                }
            }
            zeros(dst, dOff, kc, p, col + b - c, c + len - b);
        }

        private static void zeros(float[] dst, int dOff, int kc, int p, int col, int len) {
            while (len > 0) {
                int lane = col % NR;
                int n = Math.min(len, NR - lane);
                int d = dOff + col / NR * NR * kc + p * NR + lane;
                Arrays.fill(dst, d, d + n, 0f);
                col += n;
                len -= n;
            }
        }

        private static void copy(float[] src, int from, float[] dst, int dOff, int kc, int p, int col, int len) {
            while (len > 0) {
                int lane = col % NR;
                int n = Math.min(len, NR - lane);
                System.arraycopy(src, from, dst, dOff + col / NR * NR * kc + p * NR + lane, n);
                from += n;
                col += n;
                len -= n;
            }
        }
    }

    /** op(B) = colᵀ (P×K, rows = output pixels, columns = taps): the weight gradient's B. */
    static final class ColsT implements Panels.BSource {
        private final Conv2dShape s;
        private final float[] x;
        private final int xOff;

        ColsT(Conv2dShape s, float[] x, int img) {
            this.s = s;
            this.x = x;
            this.xOff = img * s.cin() * s.h() * s.w();
        }

        @Override
        public void pack(int p0, int kc, int j0, int nc, float[] dst, int dOff) {
            int ow = s.outW();
            int khw = s.kh() * s.kw();
            for (int st = 0; st * NR < nc; st++) {
                int base = dOff + st * NR * kc;
                int w = Math.min(NR, nc - st * NR);
                if (w < NR) {
                    Arrays.fill(dst, base, base + kc * NR, 0f);
                }
                for (int jj = 0; jj < w; jj++) {
                    int t = j0 + st * NR + jj;
                    int ci = t / khw;
                    int i = t % khw / s.kw();
                    int j = t % s.kw();
                    int chan = xOff + ci * s.h() * s.w();
                    int offH = i * s.dilH() - s.padH();
                    int offW = j * s.dilW() - s.padW();
                    int sw = s.strideW();
                    // output columns whose tap column is inside the input: 0 <= c·sw + offW < w
                    int cLo = offW >= 0 ? 0 : (-offW + sw - 1) / sw;
                    int cHi = s.w() - offW <= 0 ? 0 : (s.w() - offW - 1) / sw + 1;
                    int d = base + jj;
                    int q = p0;
                    int end = p0 + kc;
                    while (q < end) { // one output row at a time: ih fixed, iw = c·strideW + offW
                        int r = q / ow;
                        int c = q % ow;
                        int len = Math.min(ow - c, end - q);
                        int ih = r * s.strideH() + offH;
                        int a = c + len; // [c, a): zeros, [a, b): copied, [b, c + len): zeros
                        int b = a;
                        if (ih >= 0 && ih < s.h()) {
                            a = Math.min(Math.max(cLo, c), c + len);
                            b = Math.max(Math.min(cHi, c + len), a);
                        }
                        for (int u = c; u < a; u++, d += NR) {
                            dst[d] = 0f;
                        }
                        int src = chan + ih * s.w() + offW;
                        for (int u = a; u < b; u++, d += NR) {
                            dst[d] = x[src + u * sw];
                        }
                        for (int u = b; u < c + len; u++, d += NR) {
                            dst[d] = 0f;
                        }
                        q += len;
                    }
                }
            }
        }
    }

    /**
     * col2im for output pixels [q0, q0+pb) of image {@code img}: {@code dx[img, ci, ih, iw] += dcol[t][q − q0]}
     * where dcol is K×pb with leading dimension pb. Parallel over input channels (each owns its dx plane).
     */
    static void col2im(Conv2dShape s, float[] dcol, int q0, int pb, float[] dx, int img) {
        int ow = s.outW();
        int khw = s.kh() * s.kw();
        int plane = s.h() * s.w();
        CpuParallel.forRange(s.cin(), 1, (c0, c1) -> {
            for (int ci = c0; ci < c1; ci++) {
                int chan = (img * s.cin() + ci) * plane;
                for (int tap = 0; tap < khw; tap++) {
                    int i = tap / s.kw();
                    int j = tap % s.kw();
                    int row = (ci * khw + tap) * pb;
                    int offH = i * s.dilH() - s.padH();
                    int offW = j * s.dilW() - s.padW();
                    int r = q0 / ow;
                    int c = q0 % ow;
                    for (int q = 0; q < pb; q++) {
                        int ih = r * s.strideH() + offH;
                        int iw = c * s.strideW() + offW;
                        if (ih >= 0 && ih < s.h() && iw >= 0 && iw < s.w()) {
                            dx[chan + ih * s.w() + iw] += dcol[row + q];
                        }
                        if (++c == ow) {
                            c = 0;
                            r++;
                        }
                    }
                }
            }
        });
    }
}
