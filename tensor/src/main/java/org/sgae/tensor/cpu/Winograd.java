package org.sgae.tensor.cpu;

import static org.sgae.tensor.cpu.WinogradTransforms.FREQ;
import static org.sgae.tensor.cpu.WinogradTransforms.TILE;

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
 * tests enforce. {@code -Dsgae.conv.winograd=off} selects the direct form everywhere.
 */
final class Winograd {
    /** Transformed operands of one chunk: at most this many floats (16 MiB) for V plus M. */
    private static final long CHUNK_FLOATS = 4L << 20;
    /** The chunk budget in use; tests lower it to cross chunk boundaries on small inputs. */
    static long chunkFloats = CHUNK_FLOATS;
    /** cin·cout above which the transformed weight (36·cin·cout floats, 48 MiB here) is not worth its memory. */
    private static final long MAX_KC = 48L * 1024 * 1024 / 4 / FREQ;
    /**
     * Below these the transforms (per tile and channel) outweigh the saved multiply-adds (per tile and channel
     * pair), or the transformed weight is read for too few tiles: measured with Conv2dBench (bench/README.md).
     */
    private static final long MIN_KC = 64L * 64;
    private static final long MIN_TILES = 128;
    private static final String MODE = System.getProperty("sgae.conv.winograd", "auto");

    private static final ThreadLocal<float[][]> WORK = ThreadLocal.withInitial(() -> new float[3][0]);

    private Winograd() {
    }

    /**
     * True for 3×3, stride 1, dilation 1, padding ≤ 2 when the layer is large enough for the transforms to pay:
     * cin·cout ≥ 64², at least 128 output tiles of 4×4 (over the batch) and a transformed weight of at most
     * 48 MiB. {@code sgae.conv.winograd=on|off} forces the choice (on: every layer of that form).
     */
    static boolean applies(Conv2dShape s) {
        boolean form = s.kh() == 3 && s.kw() == 3 && s.strideH() == 1 && s.strideW() == 1 && s.dilH() == 1
                && s.dilW() == 1 && s.padH() <= 2 && s.padW() <= 2 && s.n() > 0 && s.outH() > 0 && s.outW() > 0;
        if (!form || MODE.equals("off")) {
            return false;
        }
        if (MODE.equals("on")) {
            return true;
        }
        long tiles = (long) s.n() * tiles(s.outH()) * tiles(s.outW());
        return (long) s.cin() * s.cout() >= MIN_KC && tiles >= MIN_TILES && (long) s.cin() * s.cout() <= MAX_KC;
    }

    private static int tiles(int size) {
        return (size + TILE - 1) / TILE;
    }

    /** y = conv(x, w) + bias. */
    static void forward(Conv2dShape s, float[] x, float[] w, float[] bias, float[] y) {
        float[] u = buffer(0, (long) FREQ * s.cout() * s.cin());
        transformWeight(w, s.cout(), s.cin(), false, u);
        convolve(s.n(), s.cin(), s.h(), s.w(), s.cout(), s.outH(), s.outW(), s.padH(), s.padW(), x, u, bias, y);
    }

    /** dx for upstream dy: a forward pass over dy with the flipped kernel and padding 2 − pad. */
    static void backwardInput(Conv2dShape s, float[] dy, float[] w, float[] dx) {
        float[] u = buffer(0, (long) FREQ * s.cout() * s.cin());
        transformWeight(w, s.cin(), s.cout(), true, u);
        convolve(s.n(), s.cout(), s.outH(), s.outW(), s.cin(), s.h(), s.w(), 2 - s.padH(), 2 - s.padW(), dy, u,
                null, dx);
    }

    /** U [36][rows][cols] from w [cout, cin, 3, 3] (rows = cout, or cin when flipped). */
    private static void transformWeight(float[] w, int rows, int cols, boolean flipped, float[] u) {
        int cin = flipped ? rows : cols;
        CpuParallel.forRange(rows, CpuParallel.minItems(36L * 9 * cols), (r0, r1) -> {
            for (int r = r0; r < r1; r++) {
                WinogradTransforms.weight(w, cin, r, cols, flipped, u, rows);
            }
        });
    }

    /**
     * out [n, cout, oh, ow] = conv3×3(in [n, cin, h, wd], padding padH/padW) with the transformed weight
     * u [36][cout][cin].
     */
    private static void convolve(int n, int cin, int h, int wd, int cout, int oh, int ow, int padH, int padW,
                                 float[] in, float[] u, float[] bias, float[] out) {
        int th = tiles(oh);
        int tw = tiles(ow);
        int rowsTotal = n * th;
        int chunkRows = chunkRows(cin + cout, tw, rowsTotal);
        float[] v = buffer(1, (long) FREQ * cin * chunkRows * tw);
        float[] m = buffer(2, (long) FREQ * cout * chunkRows * tw);
        for (int r0 = 0; r0 < rowsTotal; r0 += chunkRows) {
            int rows = Math.min(chunkRows, rowsTotal - r0);
            int tc = rows * tw;
            int first = r0;
            CpuParallel.forRange(rows * cin, 1, (i0, i1) -> {
                for (int i = i0; i < i1; i++) {
                    int c = i / rows;
                    int row = first + i % rows;
                    int img = row / th;
                    int ty = row % th;
                    WinogradTransforms.input(in, (img * cin + c) * h * wd, h, wd, ty * TILE - padH, -padW, tw, v,
                            c * tc + (i % rows) * tw, cin * tc);
                }
            });
            GemmDriver.dynamic(FREQ, f -> GemmDriver.serial(0, cout, 0, tc, cin,
                    new Panels.DenseA(u, f * cout * cin, cin, false, 1f), null,
                    new Panels.DenseB(v, f * cin * tc, tc, false), null, 0f, m, f * cout * tc, tc));
            CpuParallel.forRange(rows * cout, 1, (i0, i1) -> {
                for (int i = i0; i < i1; i++) {
                    int k = i / rows;
                    int row = first + i % rows;
                    int img = row / th;
                    int ty = row % th;
                    WinogradTransforms.output(m, k * tc + (i % rows) * tw, cout * tc, tw,
                            bias == null ? 0f : bias[k], out, (img * cout + k) * oh * ow, oh, ow, ty * TILE);
                }
            });
        }
    }

    /** dw = ∂L/∂w (overwritten). */
    static void backwardWeight(Conv2dShape s, float[] x, float[] dy, float[] dw) {
        int cin = s.cin();
        int cout = s.cout();
        int oh = s.outH();
        int ow = s.outW();
        int th = tiles(oh);
        int tw = tiles(ow);
        int rowsTotal = s.n() * th;
        int chunkRows = chunkRows(cin + cout, tw, rowsTotal);
        float[] du = buffer(0, (long) FREQ * cout * cin);
        float[] v = buffer(1, (long) FREQ * cin * chunkRows * tw);
        float[] g = buffer(2, (long) FREQ * cout * chunkRows * tw);
        for (int r0 = 0; r0 < rowsTotal; r0 += chunkRows) {
            int rows = Math.min(chunkRows, rowsTotal - r0);
            int tc = rows * tw;
            int first = r0;
            CpuParallel.forRange(rows * (cin + cout), 1, (i0, i1) -> {
                for (int i = i0; i < i1; i++) {
                    int plane = i / rows;
                    int row = first + i % rows;
                    int img = row / th;
                    int ty = row % th;
                    int at = (i % rows) * tw;
                    if (plane < cin) {
                        WinogradTransforms.input(x, (img * cin + plane) * s.h() * s.w(), s.h(), s.w(),
                                ty * TILE - s.padH(), -s.padW(), tw, v, plane * tc + at, cin * tc);
                    } else {
                        int k = plane - cin;
                        WinogradTransforms.grad(dy, (img * cout + k) * oh * ow, oh, ow, ty * TILE, tw, g,
                                k * tc + at, cout * tc);
                    }
                }
            });
            float beta = r0 == 0 ? 0f : 1f;
            GemmDriver.dynamic(FREQ, f -> GemmDriver.serial(0, cout, 0, cin, tc,
                    new Panels.DenseA(g, f * cout * tc, tc, false, 1f), null,
                    new Panels.DenseB(v, f * cin * tc, tc, true), null, beta, du, f * cout * cin, cin));
        }
        CpuParallel.forRange(cout, CpuParallel.minItems(36L * 9 * cin), (k0, k1) -> {
            for (int k = k0; k < k1; k++) {
                WinogradTransforms.weightGrad(du, k, cout, cin, dw);
            }
        });
    }

    /** Whole tile rows per chunk: V and M of one chunk within {@link #CHUNK_FLOATS}, at least one row. */
    private static int chunkRows(int channels, int tw, int rowsTotal) {
        long perRow = (long) FREQ * channels * tw;
        return (int) Math.max(1, Math.min(rowsTotal, chunkFloats / perRow));
    }

    /** Grow-on-demand workspace slot of the calling thread (slots: 0 weight, 1 and 2 transformed operands). */
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
