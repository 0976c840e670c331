package org.sgae.tensor.cpu.gemm;

import static org.sgae.tensor.cpu.gemm.GemmKernel.AS;
import static org.sgae.tensor.cpu.gemm.GemmKernel.L;
import static org.sgae.tensor.cpu.gemm.GemmKernel.MR;
import static org.sgae.tensor.cpu.gemm.GemmKernel.NR;
import static org.sgae.tensor.cpu.gemm.GemmKernel.S;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import jdk.incubator.vector.FloatVector;
import org.sgae.tensor.cpu.CpuParallel;

/**
 * The blocked GEMM loop nest over packed panels, shared by {@link Sgemm}, the direct conv2d of
 * {@code cpu.Conv2dCpu} (which packs its B operand straight from the image, see {@code cpu.Im2col.Cols}) and
 * {@code cpu.winograd.Winograd}. Public only for those packages of the CPU backend; not an API.
 *
 * <p>Block sizes (after BLIS's Zen values; MC ≈ 96 rows whatever the tile's MR): a KC×NR B strip (16 KiB with
 * AVX2's 4×16 tile) stays in L1 while the
 * MC×KC A block (96 KiB) streams from L2 (512 KiB on Zen 3); the KC×NC B block (up to 4 MiB) lives in L3. K is cut
 * into equal slices of at most KC so that no slice is tiny.
 */
public final class GemmDriver {
    static final int MC = (96 + GemmKernel.MR - 1) / GemmKernel.MR * GemmKernel.MR;
    public static final int KC = 256;
    /** A multiple of NR below 4096 (prepacked B strips start at multiples of NR). */
    static final int NC = 4095 / NR * NR;
    /** Below this many multiply-adds a GEMM runs on the calling thread (fork/join costs ~10 µs). */
    public static final long PARALLEL_WORK = 64L * 64 * 64;
    /** Dynamic blocks per thread for parallel GEMMs. */
    static final int BLOCKS_PER_THREAD = 4;
    /**
     * Widest column block (in NR strips) of a parallel GEMM whose A is shared: its packed KC×(8·NR) B block is
     * 128 KiB, a quarter of Zen 3's L2, which the macro-kernel re-reads once per A block. 256-column blocks
     * (2048³) measured 4–6% slower on medians (same-JVM A/B), more so while the core's SMT sibling uses the L2.
     */
    static final int MAX_BLOCK_STRIPS = 8;

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
     *
     * <p>Above {@link #PARALLEL_WORK}, the longer of C's dimensions is cut into about {@link #BLOCKS_PER_THREAD}
     * blocks per thread, handed out dynamically with {@code parallel} (the machine is shared: a static half/half
     * split waits for the slower core) and run in order on the calling thread without it. Every block needs all
     * of the other operand, so that one is packed once (in parallel with {@code parallel}) into a shared
     * buffer, K slice by K slice so that each slice's block is contiguous as in the per-thread packing
     * ({@code pa[pc·mStrips·AS + s·AS·kc + p·AS + r]}, likewise B); whole-K strips would put the strips of one
     * block a power-of-two stride apart (32 KiB at k = 2048) and thrash the L2 sets.
     */
    public static void gemm(int m, int n, int k, Panels.ASource a, Panels.BSource b, float beta,
                     float[] c, int cOff, int ldc, boolean parallel) {
        if (m <= 0 || n <= 0) {
            return;
        }
        if (k == 0) {
            scale(m, n, beta, c, cOff, ldc);
            return;
        }
        long work = (long) m * n * k;
        int threads = parallel ? CpuParallel.threads() : 1;
        if (work < PARALLEL_WORK) {
            serial(0, m, 0, n, k, a, null, b, null, beta, c, cOff, ldc);
        } else if (n >= m) {
            int mStrips = (m + MR - 1) / MR;
            float[] pa = BUFFERS.get().shared(mStrips * AS * k);
            int kcMax = kcMax(k);
            forRange(threads, mStrips, (s0, s1) -> {
                for (int pc = 0; pc < k; pc += kcMax) {
                    int kc = Math.min(kcMax, k - pc);
                    a.pack(s0 * MR, Math.min(m, s1 * MR) - s0 * MR, pc, kc, pa, pc * mStrips * AS + s0 * AS * kc);
                }
            });
            int strips = (n + NR - 1) / NR;
            int per = Math.min(MAX_BLOCK_STRIPS, Math.max(1, strips / (threads * BLOCKS_PER_THREAD)));
            dynamic(threads, (strips + per - 1) / per, blk -> rowsOuter(m, blk * per * NR,
                    Math.min(n, (blk + 1) * per * NR), k, pa, b, beta, c, cOff, ldc));
        } else {
            int nStrips = (n + NR - 1) / NR;
            float[] pb = BUFFERS.get().shared(nStrips * NR * k);
            int kcMax = kcMax(k);
            forRange(threads, nStrips, (s0, s1) -> {
                for (int pc = 0; pc < k; pc += kcMax) {
                    int kc = Math.min(kcMax, k - pc);
                    b.pack(pc, kc, s0 * NR, Math.min(n, s1 * NR) - s0 * NR, pb, pc * nStrips * NR + s0 * NR * kc);
                }
            });
            int strips = (m + MR - 1) / MR;
            // One thread: one block, so that serial() runs every MC row block against each K slice of the shared
            // B while that slice is in L2 (four blocks streamed it from L3 four times: conv 129→1024 4×4 N = 8
            // backward-input, M = 129, K = 9216, one thread, 5.7 → 5.2 ms thread CPU time).
            int per = threads == 1 ? strips : Math.max(1, strips / (threads * BLOCKS_PER_THREAD));
            dynamic(threads, (strips + per - 1) / per, blk -> serial(blk * per * MR, Math.min(m, (blk + 1) * per * MR),
                    0, n, k, a, null, b, pb, beta, c, cOff, ldc));
        }
    }

    /** Runs body over [0, n) on the pool, or on the calling thread when {@code threads} is 1. */
    private static void forRange(int threads, int n, CpuParallel.RangeBody body) {
        if (threads == 1) {
            body.run(0, n);
        } else {
            CpuParallel.forRange(n, 1, body);
        }
    }

    /** The micro-kernel's store mode for K slice {@code pc}: later slices add to what the first one stored. */
    private static int storeMode(int pc, float beta) {
        return pc > 0 || beta == 1f ? GemmKernel.ADD : beta == 0f ? GemmKernel.STORE : GemmKernel.SCALE;
    }

    /** K is cut into equal slices of at most KC: the slice length (all but the last slice have it). */
    static int kcMax(int k) {
        int kSlices = (k + KC - 1) / KC;
        return (k + kSlices - 1) / kSlices;
    }

    /** Runs body(0..blocks−1) on all pool threads, each taking the next unclaimed block. */
    public static void dynamic(int blocks, IntConsumer body) {
        dynamic(CpuParallel.threads(), blocks, body);
    }

    private static void dynamic(int threads, int blocks, IntConsumer body) {
        if (threads == 1) {
            for (int blk = 0; blk < blocks; blk++) {
                body.accept(blk);
            }
            return;
        }
        AtomicInteger next = new AtomicInteger();
        CpuParallel.forRange(CpuParallel.threads(), 1, (t0, t1) -> {
            for (int blk = next.getAndIncrement(); blk < blocks; blk = next.getAndIncrement()) {
                body.accept(blk);
            }
        });
    }

    /**
     * C[0:m, j0:j1] from the shared packed A with B[:, j0:j1] packed here for all of K, row blocks outer and K
     * slices inner: the MC×(j1−j0) C block stays in L2 across the K slices instead of the whole m×(j1−j0)
     * column of C going out to L3 between slices.
     */
    static void rowsOuter(int m, int j0, int j1, int k, float[] pa, Panels.BSource b, float beta,
                          float[] c, int cOff, int ldc) {
        Buffers buf = BUFFERS.get();
        int kcMax = kcMax(k);
        int nc = j1 - j0;
        int ncPad = (nc + NR - 1) / NR * NR;
        float[] bp = buf.b(ncPad * k);
        for (int pc = 0; pc < k; pc += kcMax) {
            b.pack(pc, Math.min(kcMax, k - pc), j0, nc, bp, pc * ncPad);
        }
        int mStrips = (m + MR - 1) / MR;
        for (int ic = 0; ic < m; ic += MC) {
            int mc = Math.min(MC, m - ic);
            int co = cOff + ic * ldc + j0;
            for (int pc = 0; pc < k; pc += kcMax) {
                int kc = Math.min(kcMax, k - pc);
                int mode = storeMode(pc, beta);
                macro(mc, nc, kc, pa, pc * mStrips * AS + ic / MR * AS * kc, AS * kc, bp, pc * ncPad, NR * kc,
                        c, co, ldc, mode, beta, buf.tile);
            }
        }
    }

    /**
     * C[i0:i1, j0:j1] on the calling thread. {@code pa} / {@code pb}: A or B prepacked by {@link #gemm} (whole K),
     * or null to pack here block by block.
     */
    static void serial(int i0, int i1, int j0, int j1, int k, Panels.ASource a, float[] pa, Panels.BSource b,
                       float[] pb, float beta, float[] c, int cOff, int ldc) {
        serial(i0, i1, j0, j1, k, a, pa, 0, b, pb, 0, beta, c, cOff, ldc);
    }

    /** As above, with the prepacked operands starting at pa[paOff] and pb[pbOff]. */
    public static void serial(int i0, int i1, int j0, int j1, int k, Panels.ASource a, float[] pa, int paOff,
                       Panels.BSource b, float[] pb, int pbOff, float beta, float[] c, int cOff, int ldc) {
        Buffers buf = BUFFERS.get();
        int kcMax = kcMax(k);
        for (int jc = j0; jc < j1; jc += NC) {
            int nc = Math.min(NC, j1 - jc);
            int ncPad = (nc + NR - 1) / NR * NR;
            for (int pc = 0; pc < k; pc += kcMax) {
                int kc = Math.min(kcMax, k - pc);
                float[] bp;
                int bOff;
                int bStride;
                if (pb != null) {
                    bp = pb;
                    bOff = pbOff + pc * ((j1 + NR - 1) / NR) * NR + jc / NR * NR * kc; // j0 = 0, j1 = n here
                    bStride = NR * kc;
                } else {
                    bp = buf.b(ncPad * kc);
                    b.pack(pc, kc, jc, nc, bp, 0);
                    bOff = 0;
                    bStride = NR * kc;
                }
                int mode = storeMode(pc, beta);
                for (int ic = i0; ic < i1; ic += MC) {
                    int mc = Math.min(MC, i1 - ic);
                    int co = cOff + ic * ldc + jc;
                    if (pa != null) {
                        int aOff = paOff + pc * ((i1 + MR - 1) / MR) * AS + ic / MR * AS * kc; // i0 = 0, i1 = m here
                        macro(mc, nc, kc, pa, aOff, AS * kc, bp, bOff, bStride, c, co, ldc, mode, beta, buf.tile);
                    } else {
                        float[] ap = buf.a((mc + MR - 1) / MR * AS * kc);
                        a.pack(ic, mc, pc, kc, ap, 0);
                        macro(mc, nc, kc, ap, 0, AS * kc, bp, bOff, bStride, c, co, ldc, mode, beta, buf.tile);
                    }
                }
            }
        }
    }

    /**
     * All MR×NR tiles of one packed MC×KC A block (strip s at {@code ap[aOff + s·aStride]}) times one packed KC×NC
     * B block (strip s at {@code bp[bOff + s·bStride]}).
     */
    private static void macro(int mc, int nc, int kc, float[] ap, int aOff, int aStride, float[] bp, int bOff,
                              int bStride, float[] c, int cOff, int ldc, int mode, float beta, float[] tile) {
        for (int jr = 0; jr < nc; jr += NR) {
            int nr = Math.min(NR, nc - jr);
            int bo = bOff + jr / NR * bStride;
            for (int ir = 0; ir < mc; ir += MR) {
                int mr = Math.min(MR, mc - ir);
                int ao = aOff + ir / MR * aStride;
                int co = cOff + ir * ldc + jr;
                if (mr == MR && nr == NR) {
                    GemmKernel.kernel(kc, ap, ao, bp, bo, c, co, ldc, mode, beta);
                } else if (nr <= L && NR > L) {
                    narrow(mr, kc, ap, ao, bp, bo, tile);
                    mergeTile(tile, mr, nr, c, co, ldc, mode, beta);
                } else {
                    GemmKernel.kernel(kc, ap, ao, bp, bo, tile, 0, NR, GemmKernel.STORE, 0f);
                    mergeTile(tile, mr, nr, c, co, ldc, mode, beta);
                }
            }
        }
    }

    /**
     * The first vector's columns (tile[r·NR + 0..L), rows r &lt; mr) of an MR×NR tile whose other columns are
     * padding: one FMA per row and k-step instead of NR / L. A last strip of a few columns (N = 196 pixels at
     * 14² = 6 strips of 32 + 4) otherwise costs a whole tile: 1/7 of the FMAs of that layer's forward. Rows in
     * groups of four (every tile's AS is a multiple of 4, the rows past mr are zero).
     */
    static void narrow(int mr, int kc, float[] ap, int ao, float[] bp, int bo, float[] tile) {
        int pairs = kc / 2;
        for (int r0 = 0; r0 < mr; r0 += 4) {
            // even and odd k-steps in separate accumulators: 8 independent FMA chains cover the FMA latency
            FloatVector c0 = FloatVector.zero(S);
            FloatVector c1 = FloatVector.zero(S);
            FloatVector c2 = FloatVector.zero(S);
            FloatVector c3 = FloatVector.zero(S);
            FloatVector e0 = FloatVector.zero(S);
            FloatVector e1 = FloatVector.zero(S);
            FloatVector e2 = FloatVector.zero(S);
            FloatVector e3 = FloatVector.zero(S);
            int a = ao + r0;
            int b = bo;
            for (int i = 0; i < pairs; i++, a += 2 * AS, b += 2 * NR) {
                FloatVector bv = FloatVector.fromArray(S, bp, b);
                FloatVector bw = FloatVector.fromArray(S, bp, b + NR);
                c0 = FloatVector.broadcast(S, ap[a]).fma(bv, c0);
                c1 = FloatVector.broadcast(S, ap[a + 1]).fma(bv, c1);
                c2 = FloatVector.broadcast(S, ap[a + 2]).fma(bv, c2);
                c3 = FloatVector.broadcast(S, ap[a + 3]).fma(bv, c3);
                e0 = FloatVector.broadcast(S, ap[a + AS]).fma(bw, e0);
                e1 = FloatVector.broadcast(S, ap[a + AS + 1]).fma(bw, e1);
                e2 = FloatVector.broadcast(S, ap[a + AS + 2]).fma(bw, e2);
                e3 = FloatVector.broadcast(S, ap[a + AS + 3]).fma(bw, e3);
            }
            if (kc % 2 != 0) {
                FloatVector bv = FloatVector.fromArray(S, bp, b);
                c0 = FloatVector.broadcast(S, ap[a]).fma(bv, c0);
                c1 = FloatVector.broadcast(S, ap[a + 1]).fma(bv, c1);
                c2 = FloatVector.broadcast(S, ap[a + 2]).fma(bv, c2);
                c3 = FloatVector.broadcast(S, ap[a + 3]).fma(bv, c3);
            }
            c0.add(e0).intoArray(tile, r0 * NR);
            if (r0 + 1 < mr) {
                c1.add(e1).intoArray(tile, (r0 + 1) * NR);
            }
            if (r0 + 2 < mr) {
                c2.add(e2).intoArray(tile, (r0 + 2) * NR);
            }
            if (r0 + 3 < mr) {
                c3.add(e3).intoArray(tile, (r0 + 3) * NR);
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
