package org.sgae.tensor.cpu.winograd;

import org.sgae.tensor.attrs.Conv2dShape;
import org.sgae.tensor.cpu.CpuParallel;
import org.sgae.tensor.cpu.gemm.GemmDriver;
import org.sgae.tensor.cpu.gemm.GemmKernel;


/**
 * 3×3, stride-1 convolutions by Winograd F(4×4, 3×3) ({@link WinogradTransforms}): 36 GEMMs, one per frequency,
 * with 4× fewer multiply-adds than the direct (implicit-GEMM) form. Used by {@link Conv2dCpu} when
 * {@link #applies} says so.
 *
 * <p>Tiles: the output plane is cut into th×tw tiles of 4×4 (th = ⌈outH/4⌉); the n·th "tile rows" are processed
 * in chunks of whole rows so that the transformed operands stay near the caches and bounded in size. Per chunk of
 * tc = rows·tw tiles:
 * <ul>
 * <li>forward: V [36][cin][tc] = Bᵀ d B; M[ξ] (cout×tc) = U[ξ] (cout×cin) · V[ξ]; y = Aᵀ M A (+ bias);</li>
 * <li>backward-input: the same with dy as input, the kernel flipped and channels swapped, padding 2 − pad;</li>
 * <li>backward-weight: V from x, G' [36][cout][tc] = A dy Aᵀ; dU[ξ] (cout×cin) += G'[ξ] · V[ξ]ᵀ; dw = Gᵀ dU G.</li>
 * </ul>
 * The frequencies are independent: each thread runs whole GEMMs, handed out dynamically.
 *
 * <p>Precision: F(4×4, 3×3) in float32 loses about one more decimal digit than the direct sum (the transforms
 * have coefficients up to 8 and ±1/6, ±1/24); see {@code Conv2dWinogradTest} for the measured error and the bound the
 * tests enforce. A NaN or infinite input reaches every output of its tile (the transforms mix the whole input
 * tile), not only the outputs whose 3×3 window contains it, as with cuDNN's Winograd. {@code
 * -Dsgae.conv.winograd=off} selects the direct form everywhere.
 */
public final class Winograd {
    /** Transformed operands of one weight-gradient chunk: at most this many floats (16 MiB). */
    private static final long CHUNK_FLOATS = 4L << 20;
    /** The chunk budget in use; tests lower it to cross chunk boundaries on small inputs. */
    static long chunkFloats = CHUNK_FLOATS;
    /**
     * Largest transformed weight (freq·cin·cout floats): 80 MiB admits F(2×2) for the CRN's 1152→1024 layer
     * (75.5 MiB), where it measured 1.5–2× faster than the direct form; F(4×4) of 512→512 is 36 MiB.
     */
    private static final long MAX_WEIGHT_BYTES = 80L << 20;
    /**
     * Below these the transforms (per tile and channel) outweigh the saved multiply-adds (per tile and channel
     * pair), or the transformed weight is read for too few tiles: measured with Conv2dBench
     * (bench/results/2026-11-25-sessions.md).
     */
    private static final long MIN_KC = 32L * 32;

    /**
     * Fewest output tiles (over the batch) per variant; below, the weight transform (freq floats per channel
     * pair) is used for too few tiles. Thread CPU time of fwd + bwd-input + bwd-weight, one thread, Zen 4,
     * 2026-12-06 (tensor/dev/convparts): F(4×4) at 49 tiles (512→512 at 28², N = 1) 91 ms against F(2×2) 101 and
     * direct 118, but at 32 tiles (512→512 at 8², N = 8) 89 ms against F(2×2)'s 77 (128 of its tiles);
     * F(2×2) at 32 tiles lost to the batched direct form (1024→1024 at 4², N = 8: 138 against 91 ms; 512→512 at
     * 8², N = 2: 37 against 23), at 49 as well (512→512 at 14², N = 1: 42 against 35), and won at 128 (above).
     */
    private static long minTiles(WinogradTransforms v) {
        return v == WinogradTransforms.F43 ? 48 : 64;
    }

    /**
     * Added to every per-frequency stride: the frequencies are read and written as separate streams, and a
     * stride that is a multiple of 4 KiB (e.g. 512·512 floats) puts them all in the same cache sets.
     */
    private static final int PAD = 16;
    /** In order of preference. */
    private static final java.util.List<WinogradTransforms> VARIANTS =
            java.util.List.of(WinogradTransforms.F43, WinogradTransforms.F23);
    private static final String MODE = System.getProperty("sgae.conv.winograd", "auto");

    private static final ThreadLocal<float[][]> WORK = ThreadLocal.withInitial(() -> new float[3][0]);

    private Winograd() {
    }

    /**
     * The Winograd variant for this layer, or null for the direct form. Only 3×3, stride 1, dilation 1,
     * padding ≤ 2, with cin·cout ≥ 32². F(4×4, 3×3) when there are at least 48 output tiles of 4×4 (over the
     * batch; below that the transformed weight, 4× the weight, is read for too few tiles) and its transformed
     * weight fits 80 MiB; otherwise F(2×2, 3×3) (16/9 of the weight, 2.25× fewer multiply-adds) under the same
     * limit, from 64 output tiles of 2×2 (see minTiles; below, the direct form, batched over images when the
     * outputs are small, is faster). {@code
     * sgae.conv.winograd=off|f43|f23} forces the choice for every layer of the form.
     */
    static WinogradTransforms variant(Conv2dShape s) {
        boolean form = s.kh() == 3 && s.kw() == 3 && s.strideH() == 1 && s.strideW() == 1 && s.dilH() == 1
                && s.dilW() == 1 && s.padH() <= 2 && s.padW() <= 2 && s.n() > 0 && s.outH() > 0 && s.outW() > 0;
        if (!form || MODE.equals("off")) {
            return null;
        }
        if (MODE.equals("f43") || MODE.equals("on")) {
            return WinogradTransforms.F43;
        }
        if (MODE.equals("f23")) {
            return WinogradTransforms.F23;
        }
        long kc = (long) s.cin() * s.cout();
        if (kc < MIN_KC) {
            return null;
        }
        for (WinogradTransforms v : VARIANTS) {
            long tiles = (long) s.n() * tiles(s.outH(), v.tile) * tiles(s.outW(), v.tile);
            if (tiles >= minTiles(v) && v.freq * kc * 4 <= MAX_WEIGHT_BYTES) {
                return v;
            }
        }
        return null;
    }

    public static boolean applies(Conv2dShape s) {
        return variant(s) != null;
    }

    private static int tiles(int size, int tile) {
        return (size + tile - 1) / tile;
    }

    /** y = conv(x, w) + bias. */
    public static void forward(Conv2dShape s, float[] x, float[] w, float[] bias, float[] y) {
        forward(variant(s), s, x, w, bias, y);
    }

    static void forward(WinogradTransforms v, Conv2dShape s, float[] x, float[] w, float[] bias, float[] y) {
        convolve(v, s.n(), s.cin(), s.h(), s.w(), s.cout(), s.outH(), s.outW(), s.padH(), s.padW(), x, w, false, bias,
                y);
    }

    /** dx for upstream dy: a forward pass over dy with the flipped kernel and padding 2 − pad. */
    public static void backwardInput(Conv2dShape s, float[] dy, float[] w, float[] dx) {
        backwardInput(variant(s), s, dy, w, dx);
    }

    static void backwardInput(WinogradTransforms v, Conv2dShape s, float[] dy, float[] w, float[] dx) {
        convolve(v, s.n(), s.cout(), s.outH(), s.outW(), s.cin(), s.h(), s.w(), 2 - s.padH(), 2 - s.padW(), dy, w,
                true, null, dx);
    }

    /**
     * ua [freq][rows/MR][cols][AS] (frequency stride uStride): the transformed weight (rows = cout, or cin when
     * flipped) written straight in the micro-kernel's packed-A layout. Per strip of MR rows, each row is
     * transformed into a small thread-local [freq][cols] buffer and interleaved from there, so the transformed
     * weight (freq/9 times the weight) is written to memory once.
     */
    private static void packedWeight(WinogradTransforms v, float[] w, int rows, int cols, boolean flipped,
                                     float[] ua, int uStride) {
        int cin = flipped ? rows : cols;
        int mr = GemmKernel.MR;
        int strips = (rows + mr - 1) / mr;
        CpuParallel.forRange(strips, CpuParallel.minItems(v.freq * 9L * cols * mr), (s0, s1) -> {
            float[] row = grow(BLOCK.get(), 2, v.freq * cols);
            for (int st = s0; st < s1; st++) {
                for (int r = 0; r < mr; r++) {
                    int k = st * mr + r;
                    int dst = st * GemmKernel.AS * cols + r;
                    if (k < rows) {
                        v.weight(w, cin, k, cols, flipped, row, 0, cols);
                    }
                    for (int f = 0; f < v.freq; f++) {
                        int d = f * uStride + dst;
                        int src = f * cols;
                        for (int c = 0; c < cols; c++) {
                            ua[d + c * GemmKernel.AS] = k < rows ? row[src + c] : 0f;
                        }
                    }
                }
            }
        });
    }

    /**
     * out [n, cout, oh, ow] = conv3×3(in [n, cin, h, wd], padding padH/padW) with the weight w [cout, cin, 3, 3]
     * (or, flipped, w [cin, cout, 3, 3] rotated by 180°), fused per block of tiles so that the transformed
     * operands stay in the caches ({@link Blocks}).
     */
    private static void convolve(WinogradTransforms v, int n, int cin, int h, int wd, int cout, int oh, int ow,
                                 int padH, int padW, float[] in, float[] w, boolean flipped, float[] bias,
                                 float[] out) {
        Blocks b = new Blocks(v, n, cin, h, wd, cout, oh, ow, padH, padW, in, bias, out);
        float[] ua = buffer(1, (long) v.freq * b.uStride);
        packedWeight(v, w, cout, cin, flipped, ua, b.uStride);
        if (b.blocks >= 2 * CpuParallel.threads()) {
            // Many blocks: each thread takes whole blocks, with its own transformed operands.
            GemmDriver.dynamic(b.blocks, blk -> {
                float[][] ws = BLOCK.get();
                float[] vb = grow(ws, 0, v.freq * b.vs);
                b.input(blk, vb, 0, cin);
                b.multiplyAndOutput(blk, ua, vb, grow(ws, 1, v.freq * b.ms), 0, b.coutPad);
            });
        } else {
            // Few blocks (small images, wide layers): per block, the input transform is split over the input
            // channels and the GEMMs plus output transform over the output channels, sharing one vb.
            int groups = b.coutPad / GemmKernel.MR;
            int parts = Math.max(1, Math.min(groups, 4 * CpuParallel.threads()));
            int perPart = (groups + parts - 1) / parts * GemmKernel.MR;
            int partCount = (b.coutPad + perPart - 1) / perPart;
            float[] vb = grow(BLOCK.get(), 0, v.freq * b.vs);
            for (int blk = 0; blk < b.blocks; blk++) {
                int block = blk;
                CpuParallel.forRange(cin, 1, (c0, c1) -> b.input(block, vb, c0, c1));
                GemmDriver.dynamic(partCount, part -> {
                    int k0 = part * perPart;
                    float[] mb = grow(BLOCK.get(), 1, v.freq * b.ms);
                    b.multiplyAndOutput(block, ua, vb, mb, k0, Math.min(b.coutPad, k0 + perPart));
                });
            }
        }
    }

    /**
     * The block decomposition of one Winograd convolution. A block is {@code strips}·NR consecutive tiles in
     * (image, tile row, tile column) order. Its input transform is written straight in the micro-kernel's
     * packed-B layout, vb [36][strip][cin][NR]; the packed weight ua ([36][cout/MR][cin][AS], shared) times vb
     * gives mb [36][coutPad][strips·NR], which the output transform reads back. Several NR-strips per block
     * re-use each packed weight strip (read from L3 once per block) for more tiles.
     */
    private static final class Blocks {
        final WinogradTransforms v;
        final int cin, h, wd, cout, oh, ow, padH, padW, th, tw, coutPad, uStride, strips, blockTiles, blocks, vs, ms;
        final long tilesTotal;
        final float[] in, bias, out;

        Blocks(WinogradTransforms v, int n, int cin, int h, int wd, int cout, int oh, int ow, int padH, int padW,
               float[] in, float[] bias, float[] out) {
            this.v = v;
            this.cin = cin;
            this.h = h;
            this.wd = wd;
            this.cout = cout;
            this.oh = oh;
            this.ow = ow;
            this.padH = padH;
            this.padW = padW;
            this.in = in;
            this.bias = bias;
            this.out = out;
            th = tiles(oh, v.tile);
            tw = tiles(ow, v.tile);
            tilesTotal = (long) n * th * tw;
            coutPad = (cout + GemmKernel.MR - 1) / GemmKernel.MR * GemmKernel.MR;
            uStride = coutPad / GemmKernel.MR * GemmKernel.AS * cin + PAD;
            strips = blockStrips(v.freq * (long) cin * cout, tilesTotal);
            blockTiles = strips * GemmKernel.NR;
            blocks = Math.toIntExact((tilesTotal + blockTiles - 1) / blockTiles);
            vs = strips * cin * GemmKernel.NR + PAD;
            ms = coutPad * blockTiles + PAD;
        }

        private int count(int blk) {
            return (int) Math.min(blockTiles, tilesTotal - (long) blk * blockTiles);
        }

        /** vb ← input transform of block blk, channels [c0, c1); one run within a tile row and strip at a time. */
        void input(int blk, float[] vb, int c0, int c1) {
            int nr = GemmKernel.NR;
            long b0 = (long) blk * blockTiles;
            int count = count(blk);
            for (int t = 0; t < count; ) {
                long g = b0 + t;
                int tx = (int) (g % tw);
                int row = (int) (g / tw);
                int len = Math.min(Math.min(tw - tx, count - t), nr - t % nr);
                int img = row / th;
                int y0 = row % th * v.tile - padH;
                int at = t / nr * cin * nr + t % nr;
                for (int c = c0; c < c1; c++) {
                    v.input(in, (img * cin + c) * h * wd, h, wd, y0, tx * v.tile - padW, len, vb,
                            at + c * nr, vs);
                }
                t += len;
            }
        }

        /** Output channels [k0, k1) (multiples of MR) of block blk: the 36 GEMMs into mb, then the output transform. */
        void multiplyAndOutput(int blk, float[] ua, float[] vb, float[] mb, int k0, int k1) {
            int nr = GemmKernel.NR;
            for (int f = 0; f < v.freq; f++) {
                for (int a = k0; a < k1; a += GemmKernel.MR) {
                    int ao = f * uStride + a / GemmKernel.MR * GemmKernel.AS * cin;
                    for (int st = 0; st < strips; st++) {
                        GemmKernel.kernel(cin, ua, ao, vb, f * vs + st * cin * nr, mb,
                                f * ms + a * blockTiles + st * nr, blockTiles, GemmKernel.STORE, 0f);
                    }
                }
            }
            long b0 = (long) blk * blockTiles;
            int count = count(blk);
            for (int t = 0; t < count; ) {
                long g = b0 + t;
                int tx = (int) (g % tw);
                int row = (int) (g / tw);
                int len = Math.min(tw - tx, count - t);
                int img = row / th;
                for (int k = k0; k < Math.min(k1, cout); k++) {
                    v.output(mb, k * blockTiles + t, ms, len, bias == null ? 0f : bias[k], out,
                            (img * cout + k) * oh * ow, oh, ow, row % th * v.tile, tx * v.tile);
                }
                t += len;
            }
        }
    }

    /**
     * NR-strips of tiles per block: enough that the packed weight, streamed from L3 once per block, is re-used
     * for about 64 tiles when it is large (≥ 256 KiB), one strip (16 tiles) otherwise; never more blocks' worth
     * than there are tiles.
     */
    private static int blockStrips(long weightFloats, long tiles) {
        long weightBytes = weightFloats * 4;
        int strips = weightBytes >= (256 << 10) ? 4 : 1;
        long have = (tiles + GemmKernel.NR - 1) / GemmKernel.NR;
        return (int) Math.max(1, Math.min(strips, have));
    }

    /** Per-thread block buffers: 0 vb, 1 mb, 2 one transformed weight row. */
    private static final ThreadLocal<float[][]> BLOCK = ThreadLocal.withInitial(() -> new float[3][0]);

    private static float[] grow(float[][] ws, int slot, int size) {
        if (ws[slot].length < size) {
            ws[slot] = new float[size];
        }
        return ws[slot];
    }

    /**
     * dw = ∂L/∂w (overwritten). dU[ξ] (cout×cin) = Σ_tiles G[ξ] V[ξ]ᵀ is a GEMM whose reduction runs over tiles,
     * the contiguous dimension of both transforms; so the transforms write their tiles straight into the
     * micro-kernel's packed panels (G as A: [cout/MR][tc][AS], V as B: [cin/NR][tc][NR]) instead of leaving a
     * transpose to the packers. Chunks of at most KC tiles (one K slice), in (image, tile row, column) order.
     */
    public static void backwardWeight(Conv2dShape s, float[] x, float[] dy, float[] dw) {
        backwardWeight(variant(s), s, x, dy, dw);
    }

    static void backwardWeight(WinogradTransforms v, Conv2dShape s, float[] x, float[] dy, float[] dw) {
        int tile = v.tile;
        int freq = v.freq;
        int cin = s.cin();
        int cout = s.cout();
        int oh = s.outH();
        int ow = s.outW();
        int th = tiles(oh, tile);
        int tw = tiles(ow, tile);
        long tilesTotal = (long) s.n() * th * tw;
        int mr = GemmKernel.MR;
        int nr = GemmKernel.NR;
        int chunk = (int) Math.max(1, Math.min(Math.min(tilesTotal, GemmDriver.KC), chunkFloats / (freq * (cin + cout))));
        int aStrips = (cout + mr - 1) / mr;
        int bStrips = (cin + nr - 1) / nr;
        // du [cout][36][cin + PAD]: one output channel's frequencies in one run of memory
        int dus = cin + PAD;
        float[] du = buffer(0, (long) cout * freq * dus);
        float[] pa = buffer(1, (long) freq * (aStrips * GemmKernel.AS * chunk + PAD));
        float[] pb = buffer(2, (long) freq * (bStrips * nr * chunk + PAD));
        for (long t0 = 0; t0 < tilesTotal; t0 += chunk) {
            int tc = (int) Math.min(chunk, tilesTotal - t0);
            int as = aStrips * GemmKernel.AS * tc + PAD;
            int bs = bStrips * nr * tc + PAD;
            long first = t0;
            int runs = runs(first, tc, tw);
            // One item = one run of tiles × one panel strip (NR input or MR output channels), so that each cache
            // line of a packed panel (one tile's strip of channels) is written by one thread only.
            CpuParallel.forRange(runs * (bStrips + aStrips), 1, (i0, i1) -> {
                for (int i = i0; i < i1; i++) {
                    int strip = i % (bStrips + aStrips);
                    // the (i / strips)-th run of tiles within one tile row
                    int t = 0;
                    long g = first;
                    for (int r = i / (bStrips + aStrips); r > 0; r--) {
                        int len = (int) Math.min(tw - g % tw, tc - t);
                        t += len;
                        g += len;
                    }
                    int len = (int) Math.min(tw - g % tw, tc - t);
                    int tx = (int) (g % tw);
                    int row = (int) (g / tw);
                    int img = row / th;
                    int ty = row % th;
                    if (strip < bStrips) {
                        for (int c = strip * nr; c < Math.min(cin, strip * nr + nr); c++) {
                            v.input(x, (img * cin + c) * s.h() * s.w(), s.h(), s.w(),
                                    ty * tile - s.padH(), tx * tile - s.padW(), len, pb,
                                    strip * nr * tc + t * nr + c % nr, bs, nr);
                        }
                    } else {
                        int k0 = (strip - bStrips) * mr;
                        for (int k = k0; k < Math.min(cout, k0 + mr); k++) {
                            v.grad(dy, (img * cout + k) * oh * ow, oh, ow, ty * tile, tx * tile, len,
                                    pa, k / mr * GemmKernel.AS * tc + t * GemmKernel.AS + k % mr, as, GemmKernel.AS);
                        }
                    }
                }
            });
            float beta = t0 == 0 ? 0f : 1f;
            GemmDriver.dynamic(freq, f -> GemmDriver.serial(0, cout, 0, cin, tc, null, pa, f * as, null, pb, f * bs,
                    beta, du, f * dus, freq * dus));
        }
        CpuParallel.forRange(cout, CpuParallel.minItems(freq * 9L * cin), (k0, k1) -> {
            for (int k = k0; k < k1; k++) {
                v.weightGrad(du, k * freq * dus, dus, cin, k, dw);
            }
        });
    }

    /** Number of runs (pieces within one tile row) of the tiles [first, first + count). */
    private static int runs(long first, int count, int tw) {
        int runs = 0;
        for (long g = first, end = first + count; g < end; runs++) {
            g += Math.min(tw - g % tw, end - g);
        }
        return runs;
    }

    /** Grow-on-demand workspace slot of the calling thread (slots: 0 weight, 1 and 2 packed operands). */
    private static float[] buffer(int slot, long size) {
        if (size > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("conv2d (Winograd): workspace of " + size + " floats is too large");
        }
        float[][] ws = WORK.get();
        if (ws[slot].length < size) {
            ws[slot] = new float[(int) size];
        }
        return ws[slot];
    }
}
