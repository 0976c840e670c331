package org.sgae.tensor.cpu;

import static org.sgae.tensor.cpu.gemm.GemmKernel.L;
import static org.sgae.tensor.cpu.gemm.GemmKernel.NR;
import static org.sgae.tensor.cpu.gemm.GemmKernel.S;

import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import org.sgae.tensor.attrs.Conv2dShape;
import org.sgae.tensor.cpu.gemm.Panels;

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

    /**
     * One row of the column matrix: {@code row[rOff + u] = col[t][q0 + u]} for u in [0, count), i.e. tap t over
     * {@code count} consecutive output pixels. The packers build rows contiguously and then copy whole vectors
     * into the panel layout: writing the panel element by element (or with one tiny arraycopy per image row)
     * cost ~2 ns per element on 14-wide images, several times the dense packers.
     */
    static void fillRow(Conv2dShape s, float[] x, int xOff, int t, int q0, int count, float[] row, int rOff) {
        int ow = s.outW();
        int khw = s.kh() * s.kw();
        int ci = t / khw;
        int i = t % khw / s.kw();
        int j = t % s.kw();
        int chan = xOff + ci * s.h() * s.w();
        int sw = s.strideW();
        int offW = j * s.dilW() - s.padW(); // iw = c·sw + offW
        // output columns whose tap column is inside the input: 0 <= c·sw + offW < w
        int cLo = offW >= 0 ? 0 : (-offW + sw - 1) / sw;
        int cHi = s.w() - offW <= 0 ? 0 : (s.w() - offW - 1) / sw + 1;
        int r = q0 / ow;
        int c = q0 % ow;
        int o = rOff;
        int end = rOff + count;
        while (o < end) { // one output row at a time
            int len = Math.min(ow - c, end - o);
            int ih = r * s.strideH() - s.padH() + i * s.dilH();
            int a = c + len; // [c, a): zeros, [a, b): copied, [b, c + len): zeros
            int b = a;
            if (ih >= 0 && ih < s.h()) {
                a = Math.min(Math.max(cLo, c), c + len);
                b = Math.max(Math.min(cHi, c + len), a);
            }
            for (int u = c; u < a; u++) {
                row[o++] = 0f;
            }
            int src = chan + ih * s.w() + offW;
            if (sw == 1) {
                for (int u = a; u < b; u++) {
                    row[o++] = x[src + u];
                }
            } else {
                for (int u = a; u < b; u++) {
                    row[o++] = x[src + u * sw];
                }
            }
            for (int u = b; u < c + len; u++) {
                row[o++] = 0f;
            }
            r++;
            c = 0;
        }
    }

    /** Per-thread row buffers of the packers (packing runs on the pool threads in parallel). */
    private static final ThreadLocal<float[][]> ROWS = ThreadLocal.withInitial(() -> new float[1][0]);

    static float[] rows(int size) {
        float[][] r = ROWS.get();
        if (r[0].length < size) {
            r[0] = new float[size];
        }
        return r[0];
    }

    /**
     * Narrow images (output rows shorter than {@link #narrow}) as a zero-padded copy plus offset tables, so that
     * every column-matrix element is one load {@code xp[chanOff(t) + pixOff[q]]} with no bounds logic: the
     * row-wise packers spend most of their time on per-row setup when rows are 7–28 pixels long (1.3–2 ns per
     * element at 14², against ~0.3 ns for a dense copy). The copy costs one pass over the input, 1/(kh·kw) of
     * the column matrix.
     *
     * <p>The copy lives in a per-thread buffer: one instance per thread is valid at a time (the conv code builds
     * one per image GEMM, on the thread that then runs or forks that GEMM).
     */
    static final class Padded {
        /** Output widths below this take the padded copy; tests move it to run either path on small shapes. */
        static int narrow = 32;
        private static final ThreadLocal<float[][]> COPY = ThreadLocal.withInitial(() -> new float[1][0]);

        final float[] xp;
        /** Offset of output pixel q's window origin inside a padded channel plane. */
        final int[] pixOff;
        private final int[] tapOff;
        private final int plane;
        private final int khw;

        static boolean worth(Conv2dShape s) {
            return s.outW() < narrow;
        }

        Padded(Conv2dShape s, float[] x, int xOff) {
            this(s, x, xOff, 1);
        }

        /**
         * The copy of {@code count} consecutive images from x[xOff]; column j of the column matrix is then pixel
         * j mod P of image j / P (P = outH·outW), so that one GEMM covers the images (see Conv2dCpu's batched
         * path). Copy: count × cin × (h + 2·padH) × (w + 2·padW).
         */
        Padded(Conv2dShape s, float[] x, int xOff, int count) {
            int hp = s.h() + 2 * s.padH();
            int wp = s.w() + 2 * s.padW();
            plane = hp * wp;
            khw = s.kh() * s.kw();
            int image = s.cin() * plane;
            float[][] buf = COPY.get();
            if (buf[0].length < count * image) {
                buf[0] = new float[count * image];
            }
            xp = buf[0];
            // taps may reach past the bottom/right padding only when the output does not use those pixels
            for (int ci = 0; ci < count * s.cin(); ci++) {
                int d = ci * plane;
                Arrays.fill(xp, d, d + s.padH() * wp, 0f);
                for (int ih = 0; ih < s.h(); ih++) {
                    int row = d + (ih + s.padH()) * wp;
                    Arrays.fill(xp, row, row + s.padW(), 0f);
                    System.arraycopy(x, xOff + (ci * s.h() + ih) * s.w(), xp, row + s.padW(), s.w());
                    Arrays.fill(xp, row + s.padW() + s.w(), row + wp, 0f);
                }
                Arrays.fill(xp, d + (s.padH() + s.h()) * wp, d + plane, 0f);
            }
            int p = s.outH() * s.outW();
            pixOff = new int[count * p];
            for (int img = 0, q = 0; img < count; img++) {
                for (int r = 0; r < s.outH(); r++) {
                    for (int c = 0; c < s.outW(); c++, q++) {
                        pixOff[q] = img * image + r * s.strideH() * wp + c * s.strideW();
                    }
                }
            }
            tapOff = new int[khw];
            for (int i = 0; i < s.kh(); i++) {
                for (int j = 0; j < s.kw(); j++) {
                    tapOff[i * s.kw() + j] = i * s.dilH() * wp + j * s.dilW();
                }
            }
        }

        /** Start of tap t's window in the padded copy: col[t][q] = xp[chanOff(t) + pixOff[q]]. */
        int chanOff(int t) {
            return t / khw * plane + tapOff[t % khw];
        }
    }

    /** op(B) = col (K×P, rows = taps, columns = output pixels): the forward convolution's B. */
    static final class Cols implements Panels.BSource {
        private final Conv2dShape s;
        private final float[] x;
        private final int xOff;

        private final Padded padded;

        Cols(Conv2dShape s, float[] x, int img) {
            this(s, x, img, 1);
        }

        /**
         * Images [img0, img0 + count) side by side: K × (count·P), column j = pixel j mod P of image img0 + j / P.
         * More than one image needs the padded form ({@link Padded#worth}).
         */
        Cols(Conv2dShape s, float[] x, int img0, int count) {
            this.s = s;
            this.x = x;
            this.xOff = img0 * s.cin() * s.h() * s.w();
            this.padded = Padded.worth(s) ? new Padded(s, x, xOff, count) : null;
            if (count > 1 && padded == null) {
                throw new IllegalStateException("batched im2col needs the padded form: " + s);
            }
        }

        @Override
        public void pack(int p0, int kc, int j0, int nc, float[] dst, int dOff) {
            if (padded != null) {
                packPadded(p0, kc, j0, nc, dst, dOff);
                return;
            }
            int ncPad = (nc + NR - 1) / NR * NR;
            float[] row = rows(ncPad);
            Arrays.fill(row, nc, ncPad, 0f); // the padding columns of the last strip
            for (int p = 0; p < kc; p++) {
                fillRow(s, x, xOff, p0 + p, j0, nc, row, 0);
                // strip st (columns [st, st + NR)) starts at dOff + st·kc (st a multiple of NR)
                for (int st = 0, d = dOff + p * NR; st < ncPad; st += NR, d += NR * kc) {
                    for (int v = 0; v < NR; v += L) {
                        FloatVector.fromArray(S, row, st + v).intoArray(dst, d + v);
                    }
                }
            }
        }

        private void packPadded(int p0, int kc, int j0, int nc, float[] dst, int dOff) {
            float[] xp = padded.xp;
            int[] pix = padded.pixOff;
            for (int p = 0; p < kc; p++) {
                int base = padded.chanOff(p0 + p);
                for (int st = 0, d = dOff + p * NR; st < nc; st += NR, d += NR * kc) {
                    int w = Math.min(NR, nc - st);
                    int q = j0 + st;
                    for (int jj = 0; jj < w; jj++) {
                        dst[d + jj] = xp[base + pix[q + jj]];
                    }
                    for (int jj = w; jj < NR; jj++) {
                        dst[d + jj] = 0f;
                    }
                }
            }
        }
    }

    /** op(B) = colᵀ (P×K, rows = output pixels, columns = taps): the weight gradient's B. */
    static final class ColsT implements Panels.BSource {
        private final Conv2dShape s;
        private final float[] x;
        private final int xOff;

        private final Padded padded;

        ColsT(Conv2dShape s, float[] x, int img) {
            this(s, x, img, 1);
        }

        /** Images [img0, img0 + count) stacked: (count·P) × K, row p = pixel p mod P of image img0 + p / P. */
        ColsT(Conv2dShape s, float[] x, int img0, int count) {
            this.s = s;
            this.x = x;
            this.xOff = img0 * s.cin() * s.h() * s.w();
            this.padded = Padded.worth(s) ? new Padded(s, x, xOff, count) : null;
            if (count > 1 && padded == null) {
                throw new IllegalStateException("batched im2col needs the padded form: " + s);
            }
        }

        /** Per strip: its NR taps as NR contiguous rows over the kc pixels, then transposed into the panel. */
        @Override
        public void pack(int p0, int kc, int j0, int nc, float[] dst, int dOff) {
            if (padded != null) {
                packPadded(p0, kc, j0, nc, dst, dOff);
                return;
            }
            float[] rows = rows(NR * kc);
            for (int st = 0; st * NR < nc; st++) {
                int w = Math.min(NR, nc - st * NR);
                for (int jj = 0; jj < NR; jj++) {
                    if (jj < w) {
                        fillRow(s, x, xOff, j0 + st * NR + jj, p0, kc, rows, jj * kc);
                    } else {
                        Arrays.fill(rows, jj * kc, jj * kc + kc, 0f);
                    }
                }
                int base = dOff + st * NR * kc;
                for (int p = 0; p < kc; p++) {
                    int d = base + p * NR;
                    for (int jj = 0; jj < NR; jj++) {
                        dst[d + jj] = rows[jj * kc + p];
                    }
                }
            }
        }

        /** Each panel row p holds NR taps of output pixel p0 + p: NR loads from the padded copy. */
        private void packPadded(int p0, int kc, int j0, int nc, float[] dst, int dOff) {
            float[] xp = padded.xp;
            int[] pix = padded.pixOff;
            int[] base = new int[NR];
            for (int st = 0; st * NR < nc; st++) {
                int w = Math.min(NR, nc - st * NR);
                for (int jj = 0; jj < w; jj++) {
                    base[jj] = padded.chanOff(j0 + st * NR + jj);
                }
                int d = dOff + st * NR * kc;
                for (int p = 0; p < kc; p++, d += NR) {
                    int po = pix[p0 + p];
                    if (w == NR) {
                        for (int jj = 0; jj < NR; jj++) {
                            dst[d + jj] = xp[base[jj] + po];
                        }
                    } else {
                        for (int jj = 0; jj < w; jj++) {
                            dst[d + jj] = xp[base[jj] + po];
                        }
                        for (int jj = w; jj < NR; jj++) {
                            dst[d + jj] = 0f;
                        }
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
