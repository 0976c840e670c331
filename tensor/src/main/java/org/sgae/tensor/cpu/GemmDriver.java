package org.sgae.tensor.cpu;

import static org.sgae.tensor.cpu.GemmKernel.AS;
import static org.sgae.tensor.cpu.GemmKernel.MR;
import static org.sgae.tensor.cpu.GemmKernel.NR;

/**
 * The blocked GEMM loop nest over packed panels, shared by {@link Sgemm} and {@link Conv2dCpu} (which packs its
 * B operand straight from the image, see {@link Panels.Im2colB}).
 *
 * <p>Block sizes (after BLIS's Zen values): a KC×NR B strip (16 KiB with AVX2's 4×16 tile) stays in L1 while the
 * MC×KC A block (96 KiB) streams from L2 (512 KiB on Zen 3); the KC×NC B block (up to 4 MiB) lives in L3. K is cut
 * into equal slices of at most KC so that no slice is tiny.
 */
final class GemmDriver {
    static final int MC = 24 * GemmKernel.MR;
    static final int KC = 256;
    static final int NC = 4080;
    /** Below this many multiply-adds a GEMM runs on the calling thread (fork/join costs ~10 µs). */
    static final long PARALLEL_WORK = 64L * 64 * 64;

    private GemmDriver() {
    }

    /** Per-thread packing buffers, grown on demand and reused (fresh pages are expensive). */
    static final class Buffers {
        float[] a = new float[0];
        float[] b = new float[0];
        /** Whole op(A), packed once and shared by the pool threads (owned by the calling thread). */
        float[] shared = new float[0];
        final float[] tile = new float[MR * NR];

        float[] a(int size) {
            if (a.length < size) {
                a = new float[Math.max(size, (MC / MR + 1) * AS * KC)];
            }
            return a;
        }

        float[] b(int size) {
            if (b.length < size) {
                b = new float[size];
            }
            return b;
        }

        float[] shared(int size) {
            if (shared.length < size) {
                shared = new float[size];
            }
            return shared;
        }
    }

    private static final ThreadLocal<Buffers> BUFFERS = ThreadLocal.withInitial(Buffers::new);

    /**
     * {@code C[m×n] = A·B + beta·C} where the packers supply op(A) (alpha folded in) and op(B).
     * With {@code parallel}, the longer of C's dimensions is split over the pool's threads. When the columns are
     * split, every thread needs all of A: it is then packed once, in parallel, into a shared buffer (whole-K
     * strips, {@code pa[s·AS·k + p·AS + r]}) instead of once per thread and column block.
     */
    static void gemm(int m, int n, int k, Panels.ASource a, Panels.BSource b, float beta,
                     float[] c, int cOff, int ldc, boolean parallel) {
        if (m <= 0 || n <= 0) {
            return;
        }
        if (k == 0) {
            scale(m, n, beta, c, cOff, ldc);
            return;
        }
        long work = (long) m * n * k;
        if (!parallel || CpuParallel.threads() == 1 || work < PARALLEL_WORK) {
            serial(0, m, 0, n, k, a, null, b, beta, c, cOff, ldc);
        } else if (n >= m) {
            int mStrips = (m + MR - 1) / MR;
            float[] pa = BUFFERS.get().shared(mStrips * AS * k);
            CpuParallel.forRange(mStrips, 1, (s0, s1) ->
                    a.pack(s0 * MR, Math.min(m, s1 * MR) - s0 * MR, 0, k, pa, s0 * AS * k));
            int strips = (n + NR - 1) / NR;
            CpuParallel.forRange(strips, 1, (s0, s1) ->
                    serial(0, m, s0 * NR, Math.min(n, s1 * NR), k, a, pa, b, beta, c, cOff, ldc));
        } else {
            int strips = (m + MR - 1) / MR;
            CpuParallel.forRange(strips, 1, (s0, s1) ->
                    serial(s0 * MR, Math.min(m, s1 * MR), 0, n, k, a, null, b, beta, c, cOff, ldc));
        }
    }

    /** C[i0:i1, j0:j1] on the calling thread; {@code pa} is A prepacked by {@link #gemm} or null (pack here). */
    static void serial(int i0, int i1, int j0, int j1, int k, Panels.ASource a, float[] pa, Panels.BSource b,
                       float beta, float[] c, int cOff, int ldc) {
        Buffers buf = BUFFERS.get();
        int kSlices = (k + KC - 1) / KC;
        int kcMax = (k + kSlices - 1) / kSlices;
        for (int jc = j0; jc < j1; jc += NC) {
            int nc = Math.min(NC, j1 - jc);
            int ncPad = (nc + NR - 1) / NR * NR;
            for (int pc = 0; pc < k; pc += kcMax) {
                int kc = Math.min(kcMax, k - pc);
                float[] bp = buf.b(ncPad * kc);
                b.pack(pc, kc, jc, nc, bp);
                int mode = pc > 0 || beta == 1f ? GemmKernel.ADD : beta == 0f ? GemmKernel.STORE : GemmKernel.SCALE;
                for (int ic = i0; ic < i1; ic += MC) {
                    int mc = Math.min(MC, i1 - ic);
                    if (pa != null) {
                        macro(mc, nc, kc, pa, ic / MR * AS * k + pc * AS, AS * k, bp,
                                c, cOff + ic * ldc + jc, ldc, mode, beta, buf.tile);
                    } else {
                        float[] ap = buf.a((mc + MR - 1) / MR * AS * kc);
                        a.pack(ic, mc, pc, kc, ap, 0);
                        macro(mc, nc, kc, ap, 0, AS * kc, bp, c, cOff + ic * ldc + jc, ldc, mode, beta, buf.tile);
                    }
                }
            }
        }
    }

    /**
     * All MR×NR tiles of one packed MC×KC A block (strip s at {@code ap[aOff + s·aStride]}) times one packed KC×NC
     * B block.
     */
    private static void macro(int mc, int nc, int kc, float[] ap, int aOff, int aStride, float[] bp,
                              float[] c, int cOff, int ldc, int mode, float beta, float[] tile) {
        for (int jr = 0; jr < nc; jr += NR) {
            int nr = Math.min(NR, nc - jr);
            int bo = jr * kc;
            for (int ir = 0; ir < mc; ir += MR) {
                int mr = Math.min(MR, mc - ir);
                int ao = aOff + ir / MR * aStride;
                int co = cOff + ir * ldc + jr;
                if (mr == MR && nr == NR) {
                    GemmKernel.kernel(kc, ap, ao, bp, bo, c, co, ldc, mode, beta);
                } else {
                    GemmKernel.kernel(kc, ap, ao, bp, bo, tile, 0, NR, GemmKernel.STORE, 0f);
                    mergeTile(tile, mr, nr, c, co, ldc, mode, beta);
                }
            }
        }
    }

    private static void mergeTile(float[] tile, int mr, int nr, float[] c, int co, int ldc, int mode, float beta) {
        for (int r = 0; r < mr; r++) {
            int t = r * NR;
            int ci = co + r * ldc;
            for (int j = 0; j < nr; j++) {
                float v = tile[t + j];
                if (mode == GemmKernel.STORE) {
                    c[ci + j] = v;
                } else if (mode == GemmKernel.ADD) {
                    c[ci + j] += v;
                } else {
                    c[ci + j] = v + beta * c[ci + j];
                }
            }
        }
    }

    /** C = beta·C (beta = 0 writes zeros without reading). */
    static void scale(int m, int n, float beta, float[] c, int cOff, int ldc) {
        if (beta == 1f) {
            return;
        }
        for (int i = 0; i < m; i++) {
            int ci = cOff + i * ldc;
            if (beta == 0f) {
                java.util.Arrays.fill(c, ci, ci + n, 0f);
            } else {
                for (int j = 0; j < n; j++) {
                    c[ci + j] *= beta;
                }
            }
        }
    }
}
