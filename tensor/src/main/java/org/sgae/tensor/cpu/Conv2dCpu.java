package org.sgae.tensor.cpu;

import org.sgae.tensor.attrs.Conv2dShape;
import org.sgae.tensor.cpu.gemm.GemmDriver;
import org.sgae.tensor.cpu.gemm.Panels;
import org.sgae.tensor.cpu.winograd.Winograd;
import org.sgae.tensor.ops.Op;
import org.sgae.tensor.ops.OpPart.Role;
import org.sgae.tensor.ops.OpPart;

/**
 * NCHW fp32 2-D convolution (groups = 1) on the CPU as implicit GEMM: the packed-panel {@link GemmDriver} reads
 * its B operand straight from the image through the im2col view ({@link Im2col}), so the column matrix is never
 * stored. Shapes: x [n, cin, h, w], weight [cout, cin, kh, kw] (= a cout×K row-major matrix, K = cin·kh·kw),
 * y [n, cout, outH, outW] (per image a cout×P matrix, P = outH·outW). All outputs are overwritten.
 *
 * <ul>
 * <li>forward: y[img] = W · col(x[img]) (+ bias)</li>
 * <li>backward-weight: dW = Σ_img dy[img] · col(x[img])ᵀ; dbias = Σ dy</li>
 * <li>backward-input: stride 1 (and pad ≤ dil·(k−1)) is a forward convolution of dy with the flipped, transposed
 * kernel and padding dil·(k−1) − pad; otherwise dcol = Wᵀ · dy[img] in column chunks, scattered back by
 * col2im.</li>
 * </ul>
 * 3×3 stride-1 layers of sufficient size take Winograd F(4×4, 3×3) instead ({@link Winograd}).
 * Small outputs of several images (P ≤ {@link #BATCH_MAX_PIXELS}, narrow enough for the padded im2col copy) run as
 * one GEMM per group of images, their columns side by side ({@link #batchImages}): per image, the 512×4608 weight
 * of a 512-channel 8×8 layer was packed for only 64 columns, the 1024-channel 4×4 layer's 16 columns filled half
 * of a 32-wide register tile, and the weight gradient re-read its whole cout×K output once per image.
 * Threads: otherwise images are handed out dynamically when there are at least as many as threads, else each
 * GEMM is parallel. Workspace (the general backward-input path's dcol, the batched path's output / dy blocks)
 * is per thread and reused.
 */
@OpPart(role = Role.CPU, ops = Op.CONV2D)
public final class Conv2dCpu {
    /** Column chunk of the general backward-input path: K×PB floats of dcol per step, reused. */
    private static final int PB = 1024;
    /** One grow-on-demand dcol buffer per calling thread (a one-element array so it can be replaced). */
    private static final ThreadLocal<float[][]> WORK = ThreadLocal.withInitial(() -> new float[1][0]);
    /** Batched path: images with at most this many output pixels are grouped (one 16×16 output). */
    static final int BATCH_MAX_PIXELS = 256;
    /**
     * Batched path: at most this many GEMM columns (images × pixels) per group, which bounds the output block
     * (cout × columns floats, 8 MiB at cout = 1024) and the padded copy; tests lower it to cross group edges.
     */
    static int batchColumns = 2048;
    /** One grow-on-demand block for the batched path's GEMM output (forward) or gathered dy (weight gradient). */
    private static final ThreadLocal<float[][]> BATCH = ThreadLocal.withInitial(() -> new float[1][0]);

    private Conv2dCpu() {
    }

    /** y = conv(x, w) + bias; {@code bias} ([cout]) may be null. */
    public static void forward(Conv2dShape s, float[] x, float[] w, float[] bias, float[] y) {
        check(s, x, s.inputSize(), "x");
        check(s, w, s.weightSize(), "weight");
        check(s, y, s.outputSize(), "y");
        if (bias != null) {
            check(s, bias, s.cout(), "bias");
        }
        if (Winograd.applies(s)) {
            Winograd.forward(s, x, w, bias, y);
            return;
        }
        forward(s, x, new Panels.DenseA(w, 0, s.cin() * s.kh() * s.kw(), false, 1f), bias, y);
    }

    /** Forward with the weight supplied by a packer (the plain weight, or the flipped one of backward-input). */
    private static void forward(Conv2dShape s, float[] x, Panels.ASource a, float[] bias, float[] y) {
        int k = s.cin() * s.kh() * s.kw();
        int p = s.outH() * s.outW();
        int m = s.cout();
        if (s.n() == 0 || p == 0) {
            return;
        }
        int group = batchImages(s);
        if (group > 1) {
            forwardBatched(s, x, a, bias, y, group);
            return;
        }
        boolean imagesParallel = imagesParallel(s.n(), (long) m * p * k);
        perImage(s.n(), (long) m * p * k, img -> {
            GemmDriver.gemm(m, p, k, a, new Im2col.Cols(s, x, img), 0f, y, img * m * p, p, !imagesParallel);
            if (bias != null) {
                for (int co = 0; co < m; co++) {
                    int base = (img * m + co) * p;
                    float bv = bias[co];
                    for (int q = 0; q < p; q++) {
                        y[base + q] += bv;
                    }
                }
            }
        });
    }

    /**
     * Forward of groups of {@code group} images: C (cout × cnt·P) = W · [col(x[i0]) … col(x[i0+cnt−1])], then each
     * image's cout×P block copied out to y (+ bias).
     */
    private static void forwardBatched(Conv2dShape s, float[] x, Panels.ASource a, float[] bias, float[] y,
                                       int group) {
        int k = s.cin() * s.kh() * s.kw();
        int p = s.outH() * s.outW();
        int m = s.cout();
        for (int i0 = 0; i0 < s.n(); i0 += group) {
            int cnt = Math.min(group, s.n() - i0);
            int cols = cnt * p;
            float[] c = batch(m * cols);
            GemmDriver.gemm(m, cols, k, a, new Im2col.Cols(s, x, i0, cnt), 0f, c, 0, cols, true);
            int img0 = i0;
            CpuParallel.forRange(m, CpuParallel.minItems(cols), (c0, c1) -> {
                for (int co = c0; co < c1; co++) {
                    float bv = bias == null ? 0f : bias[co];
                    for (int j = 0; j < cnt; j++) {
                        int src = co * cols + j * p;
                        int dst = ((img0 + j) * m + co) * p;
                        if (bias == null) {
                            System.arraycopy(c, src, y, dst, p);
                        } else {
                            for (int q = 0; q < p; q++) {
                                y[dst + q] = c[src + q] + bv;
                            }
                        }
                    }
                }
            });
        }
    }

    /**
     * Images per GEMM of the batched path (1: one GEMM per image). Several images only when their outputs are
     * small (P ≤ {@link #BATCH_MAX_PIXELS}) and take the padded im2col copy, which indexes across images.
     */
    static int batchImages(Conv2dShape s) {
        int p = s.outH() * s.outW();
        if (s.n() < 2 || p > BATCH_MAX_PIXELS || !Im2col.Padded.worth(s)) {
            return 1;
        }
        return Math.min(s.n(), Math.max(1, batchColumns / p));
    }

    /** dx = ∂L/∂x for upstream gradient dy. */
    public static void backwardInput(Conv2dShape s, float[] dy, float[] w, float[] dx) {
        check(s, dy, s.outputSize(), "dy");
        check(s, w, s.weightSize(), "weight");
        check(s, dx, s.inputSize(), "dx");
        if (s.n() == 0) {
            return;
        }
        if (Winograd.applies(s)) {
            Winograd.backwardInput(s, dy, w, dx);
            return;
        }
        int fh = s.dilH() * (s.kh() - 1) - s.padH();
        int fw = s.dilW() * (s.kw() - 1) - s.padW();
        if (s.strideH() == 1 && s.strideW() == 1 && fh >= 0 && fw >= 0 && s.outH() > 0 && s.outW() > 0) {
            // dx = full correlation of dy with the flipped kernel, channels swapped.
            Conv2dShape t = new Conv2dShape(s.n(), s.cout(), s.outH(), s.outW(), s.cin(), s.kh(), s.kw(),
                    1, 1, fh, fw, s.dilH(), s.dilW());
            forward(t, dy, new Panels.FlippedWeightA(w, s.cin(), s.kh() * s.kw()), null, dx);
            return;
        }
        java.util.Arrays.fill(dx, 0, (int) s.inputSize(), 0f);
        int k = s.cin() * s.kh() * s.kw();
        int p = s.outH() * s.outW();
        int m = s.cout();
        float[] dcol = work(k * Math.min(PB, Math.max(1, p)));
        for (int img = 0; img < s.n(); img++) {
            for (int q0 = 0; q0 < p; q0 += PB) {
                int pb = Math.min(PB, p - q0);
                // dcol (K×pb) = Wᵀ (K×cout) · dy[img][:, q0:q0+pb] (cout×pb)
                GemmDriver.gemm(k, pb, m, new Panels.DenseA(w, 0, k, true, 1f),
                        new Panels.DenseB(dy, img * m * p + q0, p, false), 0f, dcol, 0, pb, true);
                Im2col.col2im(s, dcol, q0, pb, dx, img);
            }
        }
    }

    /** dw = ∂L/∂w and, when {@code dbias} is not null, dbias = ∂L/∂bias. */
    public static void backwardWeight(Conv2dShape s, float[] x, float[] dy, float[] dw, float[] dbias) {
        check(s, x, s.inputSize(), "x");
        check(s, dy, s.outputSize(), "dy");
        check(s, dw, s.weightSize(), "dw");
        int k = s.cin() * s.kh() * s.kw();
        int p = s.outH() * s.outW();
        int m = s.cout();
        if (s.n() == 0 || p == 0) {
            java.util.Arrays.fill(dw, 0, k * m, 0f);
        } else if (Winograd.applies(s)) {
            Winograd.backwardWeight(s, x, dy, dw);
        } else if (batchImages(s) > 1) {
            backwardWeightBatched(s, x, dy, dw, batchImages(s));
        } else {
            // dW (cout×K) = Σ_img dy[img] (cout×P) · col(x[img])ᵀ (P×K)
            for (int img = 0; img < s.n(); img++) {
                GemmDriver.gemm(m, k, p, new Panels.DenseA(dy, img * m * p, p, false, 1f),
                        new Im2col.ColsT(s, x, img), img == 0 ? 0f : 1f, dw, 0, k, true);
            }
        }
        if (dbias != null) {
            check(s, dbias, m, "dbias");
            CpuParallel.forRange(m, 8, (c0, c1) -> {
                for (int co = c0; co < c1; co++) {
                    double acc = 0;
                    for (int img = 0; img < s.n(); img++) {
                        int base = (img * m + co) * p;
                        float part = 0f;
                        for (int q = 0; q < p; q++) {
                            part += dy[base + q];
                        }
                        acc += part;
                    }
                    dbias[co] = (float) acc;
                }
            });
        }
    }

    /**
     * dW (cout×K) = Σ_groups [dy[i0] … dy[i0+cnt−1]] (cout × cnt·P) · [col(x[i0]) …]ᵀ (cnt·P × K): one GEMM with
     * reduction length cnt·P per group instead of one per image with P (16 at 4×4), each of which read and wrote
     * the whole cout×K dW.
     */
    private static void backwardWeightBatched(Conv2dShape s, float[] x, float[] dy, float[] dw, int group) {
        int k = s.cin() * s.kh() * s.kw();
        int p = s.outH() * s.outW();
        int m = s.cout();
        for (int i0 = 0; i0 < s.n(); i0 += group) {
            int cnt = Math.min(group, s.n() - i0);
            int cols = cnt * p;
            float[] d = batch(m * cols);
            int img0 = i0;
            CpuParallel.forRange(m, CpuParallel.minItems(cols), (c0, c1) -> {
                for (int co = c0; co < c1; co++) {
                    for (int j = 0; j < cnt; j++) {
                        System.arraycopy(dy, ((img0 + j) * m + co) * p, d, co * cols + j * p, p);
                    }
                }
            });
            GemmDriver.gemm(m, k, cols, new Panels.DenseA(d, 0, cols, false, 1f), new Im2col.ColsT(s, x, i0, cnt),
                    i0 == 0 ? 0f : 1f, dw, 0, k, true);
        }
    }

    private static float[] batch(int size) {
        float[][] b = BATCH.get();
        if (b[0].length < size) {
            b[0] = new float[size];
        }
        return b[0];
    }

    private static float[] work(int size) {
        float[][] ws = WORK.get();
        if (ws[0].length < size) {
            ws[0] = new float[size];
        }
        return ws[0];
    }

    private interface ImageBody {
        void run(int img);
    }

    private static boolean imagesParallel(int n, long work) {
        return n >= CpuParallel.threads() && work * n >= GemmDriver.PARALLEL_WORK;
    }

    /** Runs body for every image: images handed out dynamically to the threads, or in order (GEMMs parallel). */
    private static void perImage(int n, long workPerImage, ImageBody body) {
        if (imagesParallel(n, workPerImage)) {
            GemmDriver.dynamic(n, body::run);
        } else {
            for (int img = 0; img < n; img++) {
                body.run(img);
            }
        }
    }

    private static void check(Conv2dShape s, float[] a, long need, String name) {
        if (a == null || a.length < need) {
            throw new IllegalArgumentException(name + " needs " + need + " floats for " + s + ", got "
                    + (a == null ? "null" : a.length));
        }
    }
}
