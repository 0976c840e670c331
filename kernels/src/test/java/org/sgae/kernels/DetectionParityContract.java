package org.sgae.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.sgae.kernels.device.DeviceBackend;
import org.sgae.kernels.launch.NmsLauncher;
import org.sgae.tensor.DType;
import org.sgae.tensor.Device;
import org.sgae.tensor.Tensor;
import org.sgae.tensor.Tolerances;
import org.sgae.tensor.attrs.BoxCoderAttrs;
import org.sgae.tensor.attrs.BoxConvention;
import org.sgae.tensor.attrs.LayoutGrid;
import org.sgae.tensor.attrs.LayoutWarpAttrs;
import org.sgae.tensor.attrs.PairScoreAttrs;
import org.sgae.tensor.attrs.RoiAlignAttrs;
import org.sgae.tensor.ops.Detection;
import org.sgae.tensor.ops.Index;

/**
 * Device detection kernels against the CPU references (the F64 path of {@link Detection} runs RoiAlignRef,
 * PairScoreRef and BoxRef): ROI Align fwd/bwd, pair scoring with exact ties, NMS, IoU and the box coder; three
 * seeds, odd sizes, empty inputs.
 */
public abstract class DetectionParityContract extends ParityBase {

    static Tensor rois(long seed, int k, int n, int h, int w, double scale) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] b = new float[k * 5];
        for (int i = 0; i < k; i++) {
            double x1 = (r.nextDouble() * 1.2 - 0.1) * w / scale;
            double y1 = (r.nextDouble() * 1.2 - 0.1) * h / scale;
            b[i * 5] = r.nextInt(n);
            b[i * 5 + 1] = (float) x1;
            b[i * 5 + 2] = (float) y1;
            b[i * 5 + 3] = (float) (x1 + r.nextDouble() * 0.7 * w / scale);
            b[i * 5 + 4] = (float) (y1 + r.nextDouble() * 0.7 * h / scale);
        }
        return Tensor.of(b, k, 5);
    }

    @Test
    void roiAlignForwardAndBackward() {
        for (long seed = 1; seed <= 3; seed++) {
            int n = 2, c = 3 + (int) seed, h = 7, w = 9, k = 5 + 2 * (int) seed;
            Tensor x = randn(seed, n, c, h, w);
            Tensor rois = rois(seed, k, n, h, w, 0.25);
            Tensor go = randn(seed + 5, k, c, 3, 4);
            for (RoiAlignAttrs a : new RoiAlignAttrs[] {new RoiAlignAttrs(3, 4, 0.25, 2, true),
                new RoiAlignAttrs(3, 4, 0.25, 0, false)}) {
                Tensor ref = Detection.roiAlign(f64(x), f64(rois), a);
                close(host(Detection.roiAlign(on(x), on(rois), a)), ref, Tolerances.F32_DETECTION, "roi fwd " + a);
                Tensor gref = Detection.roiAlignBackward(f64(go), f64(rois), x.shape(), a);
                close(host(Detection.roiAlignBackward(on(go), on(rois), x.shape(), a)), gref,
                        Tolerances.F32_DETECTION, "roi bwd " + a);
            }
        }
        RoiAlignAttrs a = RoiAlignAttrs.of(2, 1.0, 2, true);
        Tensor none = Detection.roiAlignBackward(on(Tensor.zeros(0, 3, 2, 2)), on(Tensor.zeros(0, 5)),
                org.sgae.tensor.Shape.of(1, 3, 4, 4), a);
        assertArrayEquals(new float[48], host(none).toFloatArray());
    }

    @Test
    void pairScoresWithExactTies() {
        for (long seed = 1; seed <= 3; seed++) {
            int n = 9 + 10 * (int) seed;
            // quarters: products and sums are exact in float, so ties are real and the order must match exactly
            Tensor p = quarters(seed, n, 5);
            Tensor q = quarters(seed + 1, n, 5);
            Tensor ps = quarters(seed + 2, n, 3);
            Tensor qs = quarters(seed + 3, n, 3);
            PairScoreAttrs a = new PairScoreAttrs(40);
            for (boolean second : new boolean[] {false, true}) {
                Tensor[] ref = Detection.pairScores(f64(p), f64(q), second ? f64(ps) : null, second ? f64(qs) : null, a);
                Tensor[] dev = Detection.pairScores(on(p), on(q), second ? on(ps) : null, second ? on(qs) : null, a);
                assertArrayEquals(ref[1].toLongArray(), host(dev[1]).toLongArray(), "pairs, second=" + second);
                close(host(dev[0]), ref[0], Tolerances.F32_DETECTION, "scores");
                Tensor gs = randn(seed, ref[0].dim(0));
                Tensor[] gr = Detection.pairScoresBackward(f64(gs), ref[0], ref[1], f64(p), f64(q),
                        second ? f64(ps) : null, second ? f64(qs) : null);
                Tensor[] gd = Detection.pairScoresBackward(on(gs), dev[0], dev[1], on(p), on(q),
                        second ? on(ps) : null, second ? on(qs) : null);
                for (int i = 0; i < (second ? 4 : 2); i++) {
                    close(host(gd[i]), gr[i], Tolerances.F32_DETECTION, "pair grad " + i);
                }
            }
        }
    }

    private static Tensor quarters(long seed, int n, int d) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] f = new float[n * d];
        for (int i = 0; i < f.length; i++) {
            f[i] = (r.nextInt(5) - 2) / 4f;
        }
        return Tensor.of(f, n, d);
    }

    @Test
    void nmsIouAndCoder() {
        for (long seed = 1; seed <= 3; seed++) {
            int n = 50 + 31 * (int) seed;
            SplittableRandom r = new SplittableRandom(seed);
            float[] b = new float[4 * n];
            float[] s = new float[n];
            for (int i = 0; i < n; i++) {
                float x = (float) (r.nextDouble() * 100);
                float y = (float) (r.nextDouble() * 100);
                b[4 * i] = x;
                b[4 * i + 1] = y;
                b[4 * i + 2] = x + 1 + (float) (r.nextDouble() * 30);
                b[4 * i + 3] = y + 1 + (float) (r.nextDouble() * 30);
                s[i] = r.nextInt(20) / 20f;
            }
            Tensor boxes = Tensor.of(b, n, 4);
            Tensor scores = Tensor.of(s, n);
            Tensor cls = randInts(seed, DType.I64, 0, 3, n);
            for (BoxConvention c : BoxConvention.values()) {
                assertArrayEquals(Detection.nms(f64(boxes), f64(scores), 0.5, c).toLongArray(),
                        host(Detection.nms(on(boxes), on(scores), 0.5, c)).toLongArray(), "nms " + c);
                assertArrayEquals(Detection.batchedNms(f64(boxes), f64(scores), cls, 0.4, c).toLongArray(),
                        host(Detection.batchedNms(on(boxes), on(scores), on(cls), 0.4, c)).toLongArray(), "batched");
                close(host(Detection.boxIou(on(boxes), on(boxes), c)), Detection.boxIou(f64(boxes),
                        f64(boxes), c), Tolerances.F32_DETECTION, "iou " + c);
                BoxCoderAttrs a = new BoxCoderAttrs(10, 10, 5, 5, BoxCoderAttrs.DEFAULT_CLIP, c);
                Tensor gt = Tensor.of(java.util.Arrays.copyOf(b, 4 * n), n, 4);
                Tensor ref = Detection.boxEncode(f64(boxes), f64(gt), a);
                close(host(Detection.boxEncode(on(boxes), on(gt), a)), ref, Tolerances.F32_DETECTION, "encode");
                Tensor deltas = randn(seed, n, 8);
                close(host(Detection.boxDecode(on(deltas), on(boxes), a)),
                        Detection.boxDecode(f64(deltas), f64(boxes), a), Tolerances.F32_BOX_DECODE_CLAMPED, "decode");
            }
        }
        assertEquals(0, Detection.nms(on(Tensor.zeros(0, 4)), on(Tensor.zeros(0)), 0.5, BoxConvention.TORCHVISION)
                .numel());
    }

    /**
     * Integer boxes in a 64 x 64 field (many overlaps and exact duplicates) with six score levels (ties), so float
     * IoU on the device and double IoU on the CPU take the same threshold decisions: with integer areas below 2^24
     * an IoU is a rational p/q with q < 10^4, at least 1/(10q) away from 0.5 or 0.7 unless equal, far above float
     * rounding. Seed 3 adds NaN and signed-zero scores (NmsCpu's order: NaN first, +0 before -0).
     */
    static Tensor[] nmsCase(long seed, int n) {
        SplittableRandom r = new SplittableRandom(seed * 1009 + n);
        float[] b = new float[4 * n];
        float[] s = new float[n];
        for (int i = 0; i < n; i++) {
            int x = r.nextInt(64), y = r.nextInt(64);
            b[4 * i] = x;
            b[4 * i + 1] = y;
            b[4 * i + 2] = x + 1 + r.nextInt(24);
            b[4 * i + 3] = y + 1 + r.nextInt(24);
            s[i] = r.nextInt(6) / 6f;
            if (seed == 3 && i % 7 == 3) {
                s[i] = i % 2 == 0 ? Float.NaN : (i % 3 == 0 ? -0f : 0f);
            }
        }
        return new Tensor[] {Tensor.of(b, n, 4), Tensor.of(s, n), randInts(seed, DType.I64, 0, 3, n)};
    }

    private static boolean[] maskOf(long[] kept, int n) {
        boolean[] m = new boolean[n];
        for (long k : kept) {
            m[(int) k] = true;
        }
        return m;
    }

    private static boolean[] bools(Tensor t) {
        long[] l = t.toLongArray();
        boolean[] b = new boolean[l.length];
        for (int i = 0; i < l.length; i++) {
            b[i] = l[i] != 0;
        }
        return b;
    }

    /**
     * Device NMS (sort, mask and greedy scan all on the device) and the keep mask against the CPU F32 path, exact:
     * sizes 0, 1, odd, word boundaries, > 256; with and without classes (I64 and I32); both scan variants (local
     * `removed` words and the global-memory fallback, forced with a zero local limit).
     */
    @Test
    void nmsOnTheDeviceEverySizeAndScanVariant() {
        NmsLauncher global = new NmsLauncher(((DeviceBackend) dev()).runtime(), 0);
        int[] sizes = {0, 1, 2, 63, 64, 65, 131, 257, 700};
        Object[][] settings = {{BoxConvention.TORCHVISION, 0.5}, {BoxConvention.PLUS_ONE, 0.7}};
        for (long seed : SEEDS) {
            for (int n : sizes) {
                Tensor[] c = nmsCase(seed, n);
                for (Object[] st : settings) {
                    BoxConvention conv = (BoxConvention) st[0];
                    double thr = (Double) st[1];
                    for (int mode = 0; mode < 3; mode++) {
                        Tensor cls = mode == 0 ? null : mode == 1 ? c[2] : c[2].to(DType.I32);
                        String what = "nms n " + n + " seed " + seed + " " + conv + " thr " + thr + " classes "
                                + (cls == null ? "none" : cls.dtype());
                        long[] ref = Detection.batchedNms(c[0], c[1], cls, thr, conv).toLongArray();
                        Tensor db = on(c[0]), ds = on(c[1]), dc = cls == null ? null : on(cls);
                        assertArrayEquals(ref, host(Detection.batchedNms(db, ds, dc, thr, conv)).toLongArray(), what);
                        boolean[] refMask = maskOf(ref, n);
                        assertArrayEquals(refMask, bools(Detection.nmsKeep(c[0], c[1], cls, thr, conv)),
                                what + " cpu keep");
                        assertArrayEquals(refMask, bools(host(Detection.nmsKeep(db, ds, dc, thr, conv))),
                                what + " keep");
                        if (n > 0) {
                            assertArrayEquals(ref, host(global.nms(db, ds, dc, thr, conv)).toLongArray(),
                                    what + " global scan");
                            Tensor keep = devEmpty(DType.BOOL, n);
                            global.keep(db, ds, dc, thr, conv, keep);
                            assertArrayEquals(refMask, bools(host(keep)), what + " global scan keep");
                        }
                    }
                }
            }
        }
    }


}
