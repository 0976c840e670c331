package org.sgae.tensor.cpu.gemm;

import static org.sgae.tensor.cpu.gemm.GemmKernel.AS;
import static org.sgae.tensor.cpu.gemm.GemmKernel.L;
import static org.sgae.tensor.cpu.gemm.GemmKernel.MR;
import static org.sgae.tensor.cpu.gemm.GemmKernel.NR;
import static org.sgae.tensor.cpu.gemm.GemmKernel.S;

import java.util.Arrays;
import jdk.incubator.vector.FloatVector;

/**
 * Packers that copy a block of a GEMM operand into the micro-kernel's layout.
 *
 * <p>Packed A block (mc×kc): strip s holds rows [s·MR, s·MR+MR) as kc groups of AS ≥ MR values,
 * {@code dst[s·AS·kc + p·AS + r]}; rows past mc (and slots past MR) are zero. Packed B block (kc×nc): strip s
 * holds columns [s·NR, s·NR+NR) as kc rows of NR values, {@code dst[s·NR·kc + p·NR + j]}; columns past nc are
 * zero.
 */
public final class Panels {
    private Panels() {
    }

    /** Supplies op(A) (m×k), already multiplied by alpha: packs rows [i0, i0+mc) × [p0, p0+kc) from dst[dOff]. */
    public interface ASource {
        void pack(int i0, int mc, int p0, int kc, float[] dst, int dOff);
    }

    /** Supplies op(B) (k×n): packs [p0, p0+kc) × columns [j0, j0+nc) from dst[dOff]. */
    public interface BSource {
        void pack(int p0, int kc, int j0, int nc, float[] dst, int dOff);
    }

    /** A dense row-major matrix: m×k, or k×m when transposed. */
    public static final class DenseA implements ASource {
        private final float[] a;
        private final int off;
        private final int ld;
        private final boolean trans;
        private final float alpha;

        public DenseA(float[] a, int off, int ld, boolean trans, float alpha) {
            this.a = a;
            this.off = off;
            this.ld = ld;
            this.trans = trans;
            this.alpha = alpha;
        }

        @Override
        public void pack(int i0, int mc, int p0, int kc, float[] dst, int dOff) {
            for (int s = 0; s * MR < mc; s++) {
                int rows = Math.min(MR, mc - s * MR);
                int base = dOff + s * AS * kc;
                int i = i0 + s * MR;
                if (trans) {
                    for (int p = 0; p < kc; p++) {
                        int src = off + (p0 + p) * ld + i;
                        int d = base + p * AS;
                        for (int r = 0; r < rows; r++) {
                            dst[d + r] = alpha * a[src + r];
                        }
                        for (int r = rows; r < AS; r++) {
                            dst[d + r] = 0f;
                        }
                    }
                } else if (rows == 4 && AS == 4) {
                    // row by row into the panel wrote each cache line AS times; p-outer writes it once
                    int s0 = off + i * ld + p0;
                    int s1 = s0 + ld;
                    int s2 = s1 + ld;
                    int s3 = s2 + ld;
                    for (int p = 0; p < kc; p++) {
                        int d = base + p * AS;
                        dst[d] = alpha * a[s0 + p];
                        dst[d + 1] = alpha * a[s1 + p];
                        dst[d + 2] = alpha * a[s2 + p];
                        dst[d + 3] = alpha * a[s3 + p];
                    }
                } else if (rows == MR) {
                    // wider tiles: p-outer as above, one panel row (AS floats) at a time
                    int src = off + i * ld + p0;
                    for (int p = 0; p < kc; p++) {
                        int d = base + p * AS;
                        for (int r = 0; r < MR; r++) {
                            dst[d + r] = alpha * a[src + r * ld + p];
                        }
                        for (int r = MR; r < AS; r++) {
                            dst[d + r] = 0f;
                        }
                    }
                } else {
                    for (int r = 0; r < AS; r++) {
                        if (r < rows) {
                            int src = off + (i + r) * ld + p0;
                            for (int p = 0; p < kc; p++) {
                                dst[base + p * AS + r] = alpha * a[src + p];
                            }
                        } else {
                            for (int p = 0; p < kc; p++) {
                                dst[base + p * AS + r] = 0f;
                            }
                        }
                    }
                }
            }
        }
    }

    /**
     * A convolution weight w [cout, cin, kh, kw] read as the backward-input kernel: op(A) is cin × (cout·kh·kw) with
     * {@code A[ci][(co·kh + i)·kw + j] = w[co, ci, kh−1−i, kw−1−j]} (channels swapped, taps flipped).
     */
    public static final class FlippedWeightA implements ASource {
        private final float[] w;
        private final int cin;
        private final int khw;

        public FlippedWeightA(float[] w, int cin, int khw) {
            this.w = w;
            this.cin = cin;
            this.khw = khw;
        }

        /** Strips packed together: their panels are AS·kc floats apart (4 KiB at kc = 256), so more thrash L1. */
        private static final int GROUP = 8;

        /**
         * Per group of strips: output channel outer, strips inner, so that for one co the group reads
         * w[co, ci0:ci0+GROUP·MR, :] front to back. Strip outer jumped cin·khw floats every khw elements, which
         * defeated the prefetcher; all strips inner wrote more 4 KiB-strided lines than the caches' ways.
         */
        @Override
        public void pack(int i0, int mc, int p0, int kc, float[] dst, int dOff) {
            int strips = (mc + MR - 1) / MR;
            for (int g = 0; g < strips; g += GROUP) {
                int gEnd = Math.min(strips, g + GROUP);
                int co = p0 / khw;
                int tap0 = p0 % khw;
                for (int p = 0; p < kc; co++, tap0 = 0) {
                    int segEnd = Math.min(kc, p + khw - tap0); // packed rows [p, segEnd) are taps of channel co
                    for (int s = g; s < gEnd; s++) {
                        int rows = Math.min(MR, mc - s * MR);
                        int src = (co * cin + i0 + s * MR) * khw + khw - 1 - tap0;
                        int d = dOff + s * AS * kc + p * AS;
                        if (rows == 4 && AS == 4 && khw == 9 && segEnd - p == 9) {
                            flip3x3(w, src - 8, dst, d);
                            continue;
                        }
                        if (rows == 4 && AS == 4) {
                            for (int q = p; q < segEnd; q++, src--, d += AS) {
                                dst[d] = w[src];
                                dst[d + 1] = w[src + khw];
                                dst[d + 2] = w[src + 2 * khw];
                                dst[d + 3] = w[src + 3 * khw];
                            }
                            continue;
                        }
                        for (int q = p; q < segEnd; q++, src--, d += AS) {
                            for (int r = 0; r < rows; r++) {
                                dst[d + r] = w[src + r * khw];
                            }
                            for (int r = rows; r < AS; r++) {
                                dst[d + r] = 0f;
                            }
                        }
                    }
                    p = segEnd;
                }
            }
        }

        /**
         * One whole 3×3 channel of four rows: {@code dst[d + 4t + r] = w[s + 9r + 8 − t]}, 36 floats in, 36 out,
         * straight-line. The general loop (≤ 9 trips of 4 strided copies) spent its time on loop control: ~1.4 ns
         * per element, twice the plain row-major packer.
         */
        private static void flip3x3(float[] w, int s, float[] dst, int d) {
            dst[d + 0] = w[s + 8];
            dst[d + 1] = w[s + 17];
            dst[d + 2] = w[s + 26];
            dst[d + 3] = w[s + 35];
            dst[d + 4] = w[s + 7];
            dst[d + 5] = w[s + 16];
            dst[d + 6] = w[s + 25];
            dst[d + 7] = w[s + 34];
            dst[d + 8] = w[s + 6];
            dst[d + 9] = w[s + 15];
            dst[d + 10] = w[s + 24];
            dst[d + 11] = w[s + 33];
            dst[d + 12] = w[s + 5];
            dst[d + 13] = w[s + 14];
            dst[d + 14] = w[s + 23];
            dst[d + 15] = w[s + 32];
            dst[d + 16] = w[s + 4];
            dst[d + 17] = w[s + 13];
            dst[d + 18] = w[s + 22];
            dst[d + 19] = w[s + 31];
            dst[d + 20] = w[s + 3];
            dst[d + 21] = w[s + 12];
            dst[d + 22] = w[s + 21];
            dst[d + 23] = w[s + 30];
            dst[d + 24] = w[s + 2];
            dst[d + 25] = w[s + 11];
            dst[d + 26] = w[s + 20];
            dst[d + 27] = w[s + 29];
            dst[d + 28] = w[s + 1];
            dst[d + 29] = w[s + 10];
            dst[d + 30] = w[s + 19];
            dst[d + 31] = w[s + 28];
            dst[d + 32] = w[s + 0];
            dst[d + 33] = w[s + 9];
            dst[d + 34] = w[s + 18];
            dst[d + 35] = w[s + 27];
        }
    }

    /** A dense row-major matrix: k×n, or n×k when transposed. */
    public static final class DenseB implements BSource {
        private final float[] b;
        private final int off;
        private final int ld;
        private final boolean trans;

        public DenseB(float[] b, int off, int ld, boolean trans) {
            this.b = b;
            this.off = off;
            this.ld = ld;
            this.trans = trans;
        }

        @Override
        public void pack(int p0, int kc, int j0, int nc, float[] dst, int dOff) {
            int s = 0;
            if (!trans) {
                // Full strips p-outer: each source row is read once, front to back, across all strips. Strip by
                // strip re-walked the rows once per strip (ld apart, often a power of two: the lines thrash L1)
                // and measured 2x slower (1024 x 1024: 0.8 -> 0.4 ns per element).
                int full = nc / NR;
                for (int p = 0; p < kc; p++) {
                    int src = off + (p0 + p) * ld + j0;
                    for (int st = 0, d = dOff + p * NR; st < full; st++, src += NR, d += NR * kc) {
                        for (int v = 0; v < NR; v += L) {
                            FloatVector.fromArray(S, b, src + v).intoArray(dst, d + v);
                        }
                    }
                }
                s = full;
            }
            for (; s * NR < nc; s++) {
                int w = Math.min(NR, nc - s * NR);
                int base = dOff + s * NR * kc;
                int j = j0 + s * NR;
                if (trans) {
                    if (w < NR) {
                        Arrays.fill(dst, base, base + kc * NR, 0f);
                    }
                    for (int jj = 0; jj < w; jj++) {
                        int src = off + (j + jj) * ld + p0;
                        for (int p = 0; p < kc; p++) {
                            dst[base + p * NR + jj] = b[src + p];
                        }
                    }
                } else {
                    for (int p = 0; p < kc; p++) {
                        int src = off + (p0 + p) * ld + j;
                        int d = base + p * NR;
                        for (int jj = 0; jj < w; jj++) {
                            dst[d + jj] = b[src + jj];
                        }
                        for (int jj = w; jj < NR; jj++) {
                            dst[d + jj] = 0f;
                        }
                    }
                }
            }
        }
    }
}
