package org.sgae.tensor.cpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.sgae.tensor.DType;
import org.sgae.tensor.Rand;
import org.sgae.tensor.Tensor;
import org.sgae.tensor.TensorAsserts;
import org.sgae.tensor.Tolerances;
import org.sgae.tensor.attrs.Conv2dAttrs;
import org.sgae.tensor.attrs.Pool2dAttrs;
import org.sgae.tensor.cpu.ref.BatchNormRef;
import org.sgae.tensor.cpu.ref.Pool2dRef;
import org.sgae.tensor.cpu.ref.UpsampleRef;
import org.sgae.tensor.ops.Nn;

/**
 * Fast F32 CPU nn kernels against the double-accumulating references (run on the same F32 data), over ≥ 3 seeds,
 * odd sizes, size 1, an empty batch and views at a storage offset; conv2d F32 against the independent F64 path.
 */
class CpuNnTest {
    private static final long[] SEEDS = {1, 2, 3};
    /** [N,C,H,W] cases: odd sizes, size 1, enough width for full vectors, an empty batch. */
    private static final int[][] SHAPES = {{2, 3, 7, 6}, {1, 1, 1, 1}, {3, 5, 9, 11}, {2, 4, 16, 33}, {0, 3, 5, 5}};
    private static final Pool2dAttrs[] POOLS = {Pool2dAttrs.of(3, 2, 1), Pool2dAttrs.of(2, 2, 0),
        new Pool2dAttrs(3, 2, 1, 2, 1, 0), Pool2dAttrs.of(1, 1, 0), new Pool2dAttrs(3, 2, 3, 2, 0, 0),
        Pool2dAttrs.of(4, 4, 0)};

    private static Tensor like(Tensor t) {
        return Tensor.empty(t.shape(), t.dtype(), t.device());
    }

    private static boolean fits(int[] s, Pool2dAttrs a) {
        return s[2] + 2 * a.padH() >= a.kernelH() && s[3] + 2 * a.padW() >= a.kernelW();
    }

    @Test
    void maxPoolMatchesReferenceExactly() {
        for (long seed : SEEDS) {
            for (int[] s : SHAPES) {
                for (Pool2dAttrs a : POOLS) {
                    if (!fits(s, a)) {
                        continue;
                    }
                    String name = "max_pool2d " + java.util.Arrays.toString(s) + " " + a + " seed " + seed;
                    Tensor x = Rand.f32(seed, s);
                    Tensor y = Nn.maxPool2d(x, a);
                    Tensor ry = like(y);
                    Tensor ram = Tensor.empty(y.shape(), DType.I32, y.device());
                    Pool2dRef.maxPool2d(x, a, ry, ram);
                    TensorAsserts.assertClose(y, ry, Tolerances.F64_EXACTISH, name);
                    Nn.MaxPoolAttrs saved = new Nn.MaxPoolAttrs(a, ram, x.shape());
                    Tensor g = Rand.f32(seed + 100, y.shape().toArray());
                    Tensor gi = Nn.maxPool2dBackward(g, saved);
                    Tensor rgi = like(x);
                    Pool2dRef.maxPool2dBackward(g, ram, rgi);
                    // a cell that wins several overlapping windows sums their gradients in a different order
                    TensorAsserts.assertClose(gi, rgi, Tolerances.f32Reduction(a.kernelH() * a.kernelW()), name + " bwd");
                }
            }
        }
    }

    @Test
    void avgPoolMatchesReference() {
        for (long seed : SEEDS) {
            for (int[] s : SHAPES) {
                for (Pool2dAttrs a : POOLS) {
                    if (!fits(s, a)) {
                        continue;
                    }
                    String name = "avg_pool2d " + java.util.Arrays.toString(s) + " " + a + " seed " + seed;
                    Tolerances.Tol tol = Tolerances.f32Reduction(a.kernelH() * a.kernelW());
                    Tensor x = Rand.f32(seed, s);
                    Tensor y = Nn.avgPool2d(x, a);
                    Tensor ry = like(y);
                    Pool2dRef.avgPool2d(x, a, ry);
                    TensorAsserts.assertClose(y, ry, tol, name);
                    Tensor g = Rand.f32(seed + 100, y.shape().toArray());
                    Tensor gi = Nn.avgPool2dBackward(g, new Nn.ResampleAttrs(a, x.shape()));
                    Tensor rgi = like(x);
                    Pool2dRef.avgPool2dBackward(g, a, rgi);
                    TensorAsserts.assertClose(gi, rgi, tol, name + " bwd");
                }
            }
        }
    }

    @Test
    void adaptiveAvgPoolMatchesReference() {
        int[][] cases = {{2, 3, 7, 5, 3, 2}, {1, 2, 5, 3, 4, 4}, {1, 1, 1, 1, 2, 3}, {2, 2, 6, 6, 1, 1},
            {3, 4, 64, 64, 4, 4}, {0, 2, 4, 4, 2, 2}};
        for (long seed : SEEDS) {
            for (int[] c : cases) {
                String name = "adaptive_avg_pool2d " + java.util.Arrays.toString(c) + " seed " + seed;
                Tensor x = Rand.f32(seed, c[0], c[1], c[2], c[3]);
                Tensor y = Nn.adaptiveAvgPool2d(x, c[4], c[5]);
                Tensor ry = like(y);
                Pool2dRef.adaptiveAvgPool2d(x, ry);
                Tolerances.Tol tol = Tolerances.f32Reduction(c[2] * c[3]);
                TensorAsserts.assertClose(y, ry, tol, name);
                Tensor g = Rand.f32(seed + 100, y.shape().toArray());
                Tensor gi = Nn.adaptiveAvgPool2dBackward(g, new Nn.ResampleAttrs(null, x.shape()));
                Tensor rgi = like(x);
                Pool2dRef.adaptiveAvgPool2dBackward(g, rgi);
                TensorAsserts.assertClose(gi, rgi, tol, name + " bwd");
            }
        }
    }

    @Test
    void upsampleMatchesReference() {
        int[][] scales = {{2, 2}, {3, 1}, {1, 1}, {1, 4}};
        for (long seed : SEEDS) {
            for (int[] s : SHAPES) {
                for (int[] sc : scales) {
                    String name = "upsample_nearest2d " + java.util.Arrays.toString(s) + " x" + sc[0] + "," + sc[1];
                    Tensor x = Rand.f32(seed, s);
                    Tensor y = Nn.upsampleNearest2d(x, sc[0], sc[1]);
                    Tensor ry = like(y);
                    UpsampleRef.upsampleNearest2d(x, ry);
                    TensorAsserts.assertClose(y, ry, Tolerances.F64_EXACTISH, name);
                    Tensor g = Rand.f32(seed + 100, y.shape().toArray());
                    Tensor gi = Nn.upsampleNearest2dBackward(g, new Nn.ResampleAttrs(null, x.shape()));
                    Tensor rgi = like(x);
                    UpsampleRef.upsampleNearest2dBackward(g, rgi);
                    TensorAsserts.assertClose(gi, rgi, Tolerances.f32Reduction(sc[0] * sc[1]), name + " bwd");
                }
            }
        }
    }

    @Test
    void kernelsReadViewsAtAStorageOffset() {
        Tensor big = Rand.f32(7, 3, 2, 6, 6);
        Tensor x = big.narrow(0, 1, 2); // contiguous, offset 72
        Tensor copy = x.contiguous().add(0);
        Pool2dAttrs a = Pool2dAttrs.of(2, 2, 0);
        TensorAsserts.assertClose(Nn.maxPool2d(x, a), Nn.maxPool2d(copy, a), Tolerances.F64_EXACTISH, "max offset");
        TensorAsserts.assertClose(Nn.upsampleNearest2d(x, 2, 2), Nn.upsampleNearest2d(copy, 2, 2),
                Tolerances.F64_EXACTISH, "upsample offset");
        Tensor w = Rand.f32(8, 3, 2, 3, 3);
        TensorAsserts.assertClose(Nn.conv2d(x, w, null, Conv2dAttrs.of(1, 1, 1)),
                Nn.conv2d(copy, w, null, Conv2dAttrs.of(1, 1, 1)), Tolerances.F64_EXACTISH, "conv offset");
        TensorAsserts.assertClose(Nn.batchNorm(x, null, null, null, null, true, 0.1, 1e-5),
                Nn.batchNorm(copy, null, null, null, null, true, 0.1, 1e-5), Tolerances.F64_EXACTISH, "bn offset");
    }

    // ------------------------------------------------------------------ conv2d

    @Test
    void conv2dF32MatchesF64() {
        // x shape, w shape, attrs (stride h,w, pad h,w, dilation h,w)
        int[][] cases = {
            {2, 3, 7, 6, 4, 3, 3, 3, 1, 1, 1, 1, 1, 1},
            {1, 5, 9, 11, 3, 5, 3, 2, 2, 1, 1, 2, 1, 2},
            {3, 2, 5, 5, 6, 2, 1, 1, 1, 1, 0, 0, 1, 1},
            {1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 1, 1},
            {2, 16, 8, 8, 17, 16, 3, 3, 1, 1, 1, 1, 1, 1},
            {0, 3, 5, 5, 2, 3, 3, 3, 1, 1, 1, 1, 1, 1}};
        for (long seed : SEEDS) {
            for (int[] c : cases) {
                String name = "conv2d " + java.util.Arrays.toString(c) + " seed " + seed;
                Conv2dAttrs a = new Conv2dAttrs(c[8], c[9], c[10], c[11], c[12], c[13]);
                Tensor x = Rand.f32(seed, c[0], c[1], c[2], c[3]);
                Tensor w = Rand.f32(seed + 10, c[4], c[5], c[6], c[7]);
                Tensor b = Rand.f32(seed + 20, c[4]);
                int k = c[5] * c[6] * c[7];
                Tensor y = Nn.conv2d(x, w, b, a);
                Tensor ry = Nn.conv2d(f64(x), f64(w), f64(b), a);
                Tensor my = Nn.conv2d(abs(x), abs(w), abs(b), a);
                assertCloseOnMagnitude(y, ry, my, k, name);
                Tensor g = Rand.f32(seed + 30, y.shape().toArray());
                Tensor gi = Nn.conv2dGradInput(g, w, a, x.shape());
                Tensor rgi = Nn.conv2dGradInput(f64(g), f64(w), a, x.shape());
                Tensor mgi = Nn.conv2dGradInput(abs(g), abs(w), a, x.shape());
                assertCloseOnMagnitude(gi, rgi, mgi, c[4] * c[6] * c[7], name + " gradIn");
                Tensor[] gw = Nn.conv2dGradWeight(g, x, a, w.shape(), true);
                Tensor[] rgw = Nn.conv2dGradWeight(f64(g), f64(x), a, w.shape(), true);
                Tensor[] mgw = Nn.conv2dGradWeight(abs(g), abs(x), a, w.shape(), true);
                int terms = Math.max(1, c[0] * y.dim(2) * y.dim(3));
                assertCloseOnMagnitude(gw[0], rgw[0], mgw[0], terms, name + " gradW");
                assertCloseOnMagnitude(gw[1], rgw[1], mgw[1], terms, name + " gradB");
            }
        }
    }

    private static Tensor f64(Tensor t) {
        return t.to(DType.F64);
    }

    private static Tensor abs(Tensor t) {
        return org.sgae.tensor.ops.Elementwise.abs(t).to(DType.F64);
    }

    /**
     * A sum of k products with cancellation is only accurate relative to Σ|terms| (as in SgemmTest), so the F32
     * result is held to f32Reduction(k) on {@code mag}, the same op on |inputs| in F64, not on |ref|.
     */
    private static void assertCloseOnMagnitude(Tensor actual, Tensor ref, Tensor mag, int k, String name) {
        assertEquals(ref.shape(), actual.shape(), name + " shape");
        double[] a = actual.toDoubleArray();
        double[] r = ref.toDoubleArray();
        double[] m = mag.toDoubleArray();
        Tolerances.Tol tol = Tolerances.f32Reduction(k);
        for (int i = 0; i < a.length; i++) {
            double bound = tol.atol() + tol.rtol() * m[i];
            assertTrue(Math.abs(a[i] - r[i]) <= bound, name + ": index " + i + " got " + a[i] + " want " + r[i]
                    + " (bound " + bound + ")");
        }
    }

    // ------------------------------------------------------------------ batch norm

    @Test
    void batchNormKernelsMatchReference() {
        int[][] shapes = {{4, 3, 5, 7}, {8, 5}, {2, 16, 8, 8}, {1, 2, 1, 3}, {3, 1, 33, 2}};
        for (long seed : SEEDS) {
            for (int[] s : shapes) {
                for (boolean affine : new boolean[] {true, false}) {
                    String name = "batch_norm " + java.util.Arrays.toString(s) + (affine ? "" : " no affine");
                    Tensor x = Rand.f32(seed, s);
                    int c = s[1];
                    int m = x.numel() / c;
                    Tensor w = affine ? Rand.f32(seed + 1, c) : null;
                    Tensor b = affine ? Rand.f32(seed + 2, c) : null;
                    Tensor mean = Tensor.empty(DType.F32, c);
                    Tensor var = Tensor.empty(DType.F32, c);
                    Tensor rmean = Tensor.empty(DType.F32, c);
                    Tensor rvar = Tensor.empty(DType.F32, c);
                    CpuBackend.INSTANCE.nn().batchNormStats(x, mean, var);
                    BatchNormRef.stats(x, rmean, rvar);
                    TensorAsserts.assertClose(mean, rmean, Tolerances.f32Reduction(m), name + " mean");
                    TensorAsserts.assertClose(var, rvar, Tolerances.f32Reduction(m), name + " var");
                    Tensor invStd = Rand.uniform(seed + 3, DType.F32, 0.5, 2, c);
                    Tensor y = like(x);
                    Tensor ry = like(x);
                    CpuBackend.INSTANCE.nn().batchNormApply(x, rmean, invStd, w, b, y);
                    BatchNormRef.apply(x, rmean, invStd, w, b, ry);
                    TensorAsserts.assertClose(y, ry, Tolerances.F32_ELEMENTWISE, name + " apply");
                    for (boolean training : new boolean[] {true, false}) {
                        Tensor g = Rand.f32(seed + 4, s);
                        Tensor[] got = {like(x), Tensor.empty(DType.F32, c), Tensor.empty(DType.F32, c)};
                        Tensor[] ref = {like(x), Tensor.empty(DType.F32, c), Tensor.empty(DType.F32, c)};
                        CpuBackend.INSTANCE.nn().batchNormBackward(g, x, rmean, invStd, w, training, got[0], got[1],
                                got[2]);
                        BatchNormRef.backward(g, x, rmean, invStd, w, training, ref[0], ref[1], ref[2]);
                        String n2 = name + (training ? " train" : " eval");
                        TensorAsserts.assertClose(got[0], ref[0], Tolerances.F32_ATOMIC, n2 + " gradIn");
                        TensorAsserts.assertClose(got[1], ref[1], Tolerances.f32Reduction(m), n2 + " gradW");
                        TensorAsserts.assertClose(got[2], ref[2], Tolerances.f32Reduction(m), n2 + " gradB");
                    }
                }
            }
        }
    }

    @Test
    void batchNormStatsSurviveALargeMean() {
        // one-pass Σx² − (Σx)²/M in float would lose every digit of a variance of 1/3 at mean 1000
        Tensor x = Rand.f32(5, 4, 3, 16, 16).add(1000);
        Tensor mean = Tensor.empty(DType.F32, 3);
        Tensor var = Tensor.empty(DType.F32, 3);
        Tensor rmean = Tensor.empty(DType.F32, 3);
        Tensor rvar = Tensor.empty(DType.F32, 3);
        CpuBackend.INSTANCE.nn().batchNormStats(x, mean, var);
        BatchNormRef.stats(x, rmean, rvar);
        TensorAsserts.assertClose(var, rvar, Tolerances.f32Reduction(1024), "var at mean 1000");
    }

    @Test
    void batchNormTrainingUpdatesRunningStatsWithUnbiasedVariance() {
        for (DType dt : new DType[] {DType.F32, DType.F64}) {
            Tensor x = Rand.uniform(9, dt, -2, 3, 4, 3, 2, 2);
            double[] xv = x.toDoubleArray();
            Tensor rm = Tensor.of(new double[] {0.5, -1, 2}, 3).to(dt);
            Tensor rv = Tensor.of(new double[] {1, 2, 0.5}, 3).to(dt);
            double[] rm0 = rm.toDoubleArray();
            double[] rv0 = rv.toDoubleArray();
            Tensor y = Nn.batchNorm(x, null, null, rm, rv, true, 0.1, 1e-5);
            double[] yv = y.toDoubleArray();
            Tolerances.Tol tol = dt == DType.F32 ? Tolerances.f32Reduction(16) : Tolerances.F64_EXACTISH;
            for (int c = 0; c < 3; c++) {
                double s = 0;
                double q = 0;
                for (int n = 0; n < 4; n++) {
                    for (int i = 0; i < 4; i++) {
                        s += xv[(n * 3 + c) * 4 + i];
                    }
                }
                double mu = s / 16;
                for (int n = 0; n < 4; n++) {
                    for (int i = 0; i < 4; i++) {
                        double d = xv[(n * 3 + c) * 4 + i] - mu;
                        q += d * d;
                    }
                }
                double expectMean = 0.9 * rm0[c] + 0.1 * mu;
                double expectVar = 0.9 * rv0[c] + 0.1 * q / 15; // unbiased: M − 1 = 15
                assertTrue(tol.ok(rm.toDoubleArray()[c], expectMean), dt + " running mean " + c);
                assertTrue(tol.ok(rv.toDoubleArray()[c], expectVar), dt + " running var " + c);
                // the output itself uses the biased batch variance
                double y0 = (xv[c * 4] - mu) / Math.sqrt(q / 16 + 1e-5);
                assertTrue(tol.ok(yv[c * 4], y0), dt + " output " + c + ": " + yv[c * 4] + " vs " + y0);
            }
            // eval mode normalises with the (updated) running stats and leaves them alone
            double[] rmNow = rm.toDoubleArray();
            double[] rvNow = rv.toDoubleArray();
            double[] ev = Nn.batchNorm(x, null, null, rm, rv, false, 0.1, 1e-5).toDoubleArray();
            assertTrue(tol.ok(ev[5], (xv[5] - rmNow[1]) / Math.sqrt(rvNow[1] + 1e-5)), dt + " eval output");
            assertArrayEquals(rmNow, rm.toDoubleArray(), dt + " eval must not touch running mean");
            assertArrayEquals(rvNow, rv.toDoubleArray(), dt + " eval must not touch running var");
        }
    }

    // ------------------------------------------------------------------ dropout

    @Test
    void dropoutIsInvertedAndDeterministicPerSeed() {
        Tensor x = Rand.uniform(3, DType.F32, 1, 2, 64, 64);
        Tensor a = Nn.dropout(x, 0.25, true, 42);
        Tensor b = Nn.dropout(x, 0.25, true, 42);
        Tensor c = Nn.dropout(x, 0.25, true, 43);
        assertArrayEquals(a.toFloatArray(), b.toFloatArray(), "same seed, same mask");
        assertTrue(!java.util.Arrays.equals(a.toFloatArray(), c.toFloatArray()), "another seed, another mask");
        float[] xv = x.toFloatArray();
        float[] av = a.toFloatArray();
        int dropped = 0;
        for (int i = 0; i < xv.length; i++) {
            if (av[i] == 0) {
                dropped++;
            } else {
                TensorAsserts.assertClose(av[i], xv[i] / 0.75f, Tolerances.F32_ELEMENTWISE, "kept values scale by 1/(1-p)");
            }
        }
        double frac = dropped / (double) xv.length;
        assertTrue(Math.abs(frac - 0.25) < 0.03, "dropped fraction " + frac);
        assertSame(x, Nn.dropout(x, 0.25, false, 42), "eval returns the input");
        assertSame(x, Nn.dropout(x, 0, true, 42), "p = 0 returns the input");
        assertEquals(0, Nn.dropout(x, 1, true, 42).sum().item(), "p = 1 drops everything");
    }

    // ------------------------------------------------------------------ error paths

    private static void fails(Executable e, String... fragments) {
        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, e);
        for (String f : fragments) {
            assertTrue(ex.getMessage().contains(f), "message '" + ex.getMessage() + "' lacks '" + f + "'");
        }
    }

    @Test
    void badShapesThrowNamingOpAndShapes() {
        Tensor x = Tensor.zeros(2, 3, 5, 5);
        Conv2dAttrs a = Conv2dAttrs.of(1, 1, 1);
        fails(() -> Nn.conv2d(x, Tensor.zeros(4, 2, 3, 3), null, a), "conv2d", "[2, 3, 5, 5]", "[4, 2, 3, 3]");
        fails(() -> Nn.conv2d(Tensor.zeros(3, 5, 5), Tensor.zeros(4, 3, 3, 3), null, a), "conv2d", "[3, 5, 5]");
        fails(() -> Nn.conv2d(x, Tensor.zeros(4, 3, 3, 3), Tensor.zeros(5), a), "conv2d", "[5]", "[4, 3, 3, 3]");
        fails(() -> Nn.conv2d(x, Tensor.zeros(4, 3, 9, 9), null, a), "conv2d", "[2, 3, 5, 5]", "[4, 3, 9, 9]");
        fails(() -> Nn.maxPool2d(x, Pool2dAttrs.of(7, 1, 0)), "max_pool2d", "[2, 3, 5, 5]");
        fails(() -> Nn.avgPool2d(Tensor.zeros(3, 5), Pool2dAttrs.of(2, 2, 0)), "avg_pool2d", "[3, 5]");
        fails(() -> Nn.adaptiveAvgPool2d(x, 0, 2), "adaptive_avg_pool2d", "[2, 3, 5, 5]");
        fails(() -> Nn.upsampleNearest2d(x, 0, 2), "upsample_nearest2d", "[2, 3, 5, 5]");
        fails(() -> Nn.batchNorm(x, Tensor.zeros(4), null, null, null, true, 0.1, 1e-5), "batch_norm", "[4]",
                "[2, 3, 5, 5]");
        fails(() -> Nn.batchNorm(Tensor.zeros(2, 3, 5), null, null, null, null, true, 0.1, 1e-5), "batch_norm",
                "[2, 3, 5]");
        fails(() -> Nn.batchNorm(x, null, null, null, null, false, 0.1, 1e-5), "batch_norm", "[2, 3, 5, 5]");
        fails(() -> Nn.batchNorm(Tensor.zeros(1, 3), null, null, null, null, true, 0.1, 1e-5), "batch_norm",
                "[1, 3]");
        fails(() -> Nn.dropout(x, 1.5, true, 1), "dropout", "[2, 3, 5, 5]");
    }
}
