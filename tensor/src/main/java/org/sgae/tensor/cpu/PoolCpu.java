package org.sgae.tensor.cpu;

import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.sgae.tensor.Tensor;
import org.sgae.tensor.attrs.Pool2dAttrs;
import org.sgae.tensor.cpu.ref.Pool2dRef;
import org.sgae.tensor.ops.Op;
import org.sgae.tensor.ops.OpPart.Role;
import org.sgae.tensor.ops.OpPart;

/**
 * Fast F32 max, average and adaptive average pooling on contiguous NCHW planes: the N·C planes are split over the threads
 * (each plane is written by one thread, so backward scatters need no atomics). Windows are clipped to the plane
 * once per output instead of testing every cell. Most inner loops stay scalar: pooling windows are strided and
 * short (2–3 wide), where Vector API gathers cost more than they save; tiling average pooling first adds whole
 * rows with the Vector API.
 */
@OpPart(role = Role.CPU, ops = {Op.MAX_POOL2D, Op.AVG_POOL2D, Op.ADAPTIVE_AVG_POOL2D})
final class PoolCpu {
    /** Aim for this many inner-loop steps per parallel chunk, so tiny inputs stay on one thread. */
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

    private PoolCpu() {
    }


    static void maxPool2d(Tensor x, Pool2dAttrs a, Tensor out, Tensor argmax) {
        float[] xa = x.cpu().f32();
        float[] oa = out.cpu().f32();
        int[] am = argmax.cpu().i32();
        int xo = x.offset();
        int oo = out.offset();
        int ao = argmax.offset();
        int h = x.dim(2);
        int w = x.dim(3);
        int oh = out.dim(2);
        int ow = out.dim(3);
        CpuParallel.forRange(x.dim(0) * x.dim(1), CpuParallel.minItems((long) oh * ow * a.kernelH() * a.kernelW()), (p0, p1) -> {
            for (int p = p0; p < p1; p++) {
                int xb = xo + p * h * w;
                for (int i = 0; i < oh; i++) {
                    int ys = i * a.strideH() - a.padH();
                    int y0 = Math.max(ys, 0);
                    int y1 = Math.min(ys + a.kernelH(), h);
                    for (int j = 0; j < ow; j++) {
                        int xs = j * a.strideW() - a.padW();
                        int x0 = Math.max(xs, 0);
                        int x1 = Math.min(xs + a.kernelW(), w);
                        float best = xa[xb + y0 * w + x0];
                        int at = y0 * w + x0;
                        for (int y = y0; y < y1; y++) {
                            int row = xb + y * w;
                            for (int xx = x0; xx < x1; xx++) {
                                float v = xa[row + xx];
                                // NaN wins, as in the reference (and PyTorch)
                                if (v > best || v != v && best == best) {
                                    best = v;
                                    at = y * w + xx;
                                }
                            }
                        }
                        int o = (p * oh + i) * ow + j;
                        oa[oo + o] = best;
                        am[ao + o] = at;
                    }
                }
            }
        });
    }

    static void maxPool2dBackward(Tensor gradOut, Tensor argmax, Tensor gradIn) {
        float[] ga = gradOut.cpu().f32();
        float[] ia = gradIn.cpu().f32();
        int[] am = argmax.cpu().i32();
        int go = gradOut.offset();
        int io = gradIn.offset();
        int ao = argmax.offset();
        int hw = gradIn.dim(2) * gradIn.dim(3);
        int ohw = gradOut.dim(2) * gradOut.dim(3);
        CpuParallel.forRange(gradIn.dim(0) * gradIn.dim(1), CpuParallel.minItems(hw + ohw), (p0, p1) -> {
            Arrays.fill(ia, io + p0 * hw, io + p1 * hw, 0f);
            for (int p = p0; p < p1; p++) {
                int ib = io + p * hw;
                for (int o = p * ohw, end = o + ohw; o < end; o++) {
                    ia[ib + am[ao + o]] += ga[go + o];
                }
            }
        });
    }

    /** Non-overlapping unpadded windows that tile the plane rows (CRN's layout pooling): see {@link #avgTiles}. */
    private static boolean tiles(Pool2dAttrs a) {
        return a.padH() == 0 && a.padW() == 0 && a.strideH() == a.kernelH() && a.strideW() == a.kernelW();
    }

    static void avgPool2d(Tensor x, Pool2dAttrs a, Tensor out) {
        if (tiles(a)) {
            avgTiles(x, a, out);
            return;
        }
        float[] xa = x.cpu().f32();
        float[] oa = out.cpu().f32();
        int xo = x.offset();
        int oo = out.offset();
        int h = x.dim(2);
        int w = x.dim(3);
        int oh = out.dim(2);
        int ow = out.dim(3);
        float inv = 1f / (a.kernelH() * a.kernelW());
        CpuParallel.forRange(x.dim(0) * x.dim(1), CpuParallel.minItems((long) oh * ow * a.kernelH() * a.kernelW()), (p0, p1) -> {
            for (int p = p0; p < p1; p++) {
                int xb = xo + p * h * w;
                for (int i = 0; i < oh; i++) {
                    int ys = i * a.strideH() - a.padH();
                    int y0 = Math.max(ys, 0);
                    int y1 = Math.min(ys + a.kernelH(), h);
                    for (int j = 0; j < ow; j++) {
                        int xs = j * a.strideW() - a.padW();
                        int x0 = Math.max(xs, 0);
                        int x1 = Math.min(xs + a.kernelW(), w);
                        float s = 0f;
                        for (int y = y0; y < y1; y++) {
                            int row = xb + y * w;
                            for (int xx = x0; xx < x1; xx++) {
                                s += xa[row + xx];
                            }
                        }
                        oa[oo + (p * oh + i) * ow + j] = s * inv;
                    }
                }
            }
        });
    }

    /**
     * Tiling windows: the kernelH input rows of an output row are first added into one row buffer with the Vector
     * API (contiguous, unit stride), then each group of kernelW neighbours is summed. Input rows past the last full
     * window (h % kernelH) are never read.
     */
    private static void avgTiles(Tensor x, Pool2dAttrs a, Tensor out) {
        float[] xa = x.cpu().f32();
        float[] oa = out.cpu().f32();
        int xo = x.offset();
        int oo = out.offset();
        int h = x.dim(2);
        int w = x.dim(3);
        int oh = out.dim(2);
        int ow = out.dim(3);
        int kh = a.kernelH();
        int kw = a.kernelW();
        float inv = 1f / (kh * kw);
        CpuParallel.forRange(x.dim(0) * x.dim(1), CpuParallel.minItems((long) h * w), (p0, p1) -> {
            float[] row = new float[w];
            for (int p = p0; p < p1; p++) {
                for (int i = 0; i < oh; i++) {
                    int src = xo + (p * h + i * kh) * w;
                    System.arraycopy(xa, src, row, 0, w);
                    for (int r = 1; r < kh; r++) {
                        addInto(xa, src + r * w, row, w);
                    }
                    int dst = oo + (p * oh + i) * ow;
                    for (int j = 0; j < ow; j++) {
                        float s = 0f;
                        for (int k = j * kw, end = k + kw; k < end; k++) {
                            s += row[k];
                        }
                        oa[dst + j] = s * inv;
                    }
                }
            }
        });
    }

    private static void addInto(float[] src, int so, float[] acc, int n) {
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += S.length()) {
            FloatVector.fromArray(S, src, so + i).add(FloatVector.fromArray(S, acc, i)).intoArray(acc, i);
        }
        for (; i < n; i++) {
            acc[i] += src[so + i];
        }
    }

    static void avgPool2dBackward(Tensor gradOut, Pool2dAttrs a, Tensor gradIn) {
        float[] ga = gradOut.cpu().f32();
        float[] ia = gradIn.cpu().f32();
        int go = gradOut.offset();
        int io = gradIn.offset();
        int h = gradIn.dim(2);
        int w = gradIn.dim(3);
        int oh = gradOut.dim(2);
        int ow = gradOut.dim(3);
        float inv = 1f / (a.kernelH() * a.kernelW());
        CpuParallel.forRange(gradIn.dim(0) * gradIn.dim(1), CpuParallel.minItems((long) oh * ow * a.kernelH() * a.kernelW()),
                (p0, p1) -> {
                    Arrays.fill(ia, io + p0 * h * w, io + p1 * h * w, 0f);
                    for (int p = p0; p < p1; p++) {
                        int ib = io + p * h * w;
                        for (int i = 0; i < oh; i++) {
                            int ys = i * a.strideH() - a.padH();
                            int y0 = Math.max(ys, 0);
                            int y1 = Math.min(ys + a.kernelH(), h);
                            for (int j = 0; j < ow; j++) {
                                int xs = j * a.strideW() - a.padW();
                                int x0 = Math.max(xs, 0);
                                int x1 = Math.min(xs + a.kernelW(), w);
                                float g = ga[go + (p * oh + i) * ow + j] * inv;
                                for (int y = y0; y < y1; y++) {
                                    for (int xx = x0; xx < x1; xx++) {
                                        ia[ib + y * w + xx] += g;
                                    }
                                }
                            }
                        }
                    }
                });
    }

    static void adaptiveAvgPool2d(Tensor x, Tensor out) {
        float[] xa = x.cpu().f32();
        float[] oa = out.cpu().f32();
        int xo = x.offset();
        int oo = out.offset();
        int h = x.dim(2);
        int w = x.dim(3);
        int oh = out.dim(2);
        int ow = out.dim(3);
        CpuParallel.forRange(x.dim(0) * x.dim(1), CpuParallel.minItems((long) h * w + oh * ow), (p0, p1) -> {
            for (int p = p0; p < p1; p++) {
                int xb = xo + p * h * w;
                for (int i = 0; i < oh; i++) {
                    int y0 = Pool2dRef.binStart(i, h, oh);
                    int y1 = Pool2dRef.binEnd(i, h, oh);
                    for (int j = 0; j < ow; j++) {
                        int x0 = Pool2dRef.binStart(j, w, ow);
                        int x1 = Pool2dRef.binEnd(j, w, ow);
                        float s = 0f;
                        for (int y = y0; y < y1; y++) {
                            for (int xx = x0; xx < x1; xx++) {
                                s += xa[xb + y * w + xx];
                            }
                        }
                        oa[oo + (p * oh + i) * ow + j] = s / ((y1 - y0) * (x1 - x0));
                    }
                }
            }
        });
    }

    static void adaptiveAvgPool2dBackward(Tensor gradOut, Tensor gradIn) {
        float[] ga = gradOut.cpu().f32();
        float[] ia = gradIn.cpu().f32();
        int go = gradOut.offset();
        int io = gradIn.offset();
        int h = gradIn.dim(2);
        int w = gradIn.dim(3);
        int oh = gradOut.dim(2);
        int ow = gradOut.dim(3);
        CpuParallel.forRange(gradIn.dim(0) * gradIn.dim(1), CpuParallel.minItems((long) h * w + oh * ow), (p0, p1) -> {
            Arrays.fill(ia, io + p0 * h * w, io + p1 * h * w, 0f);
            for (int p = p0; p < p1; p++) {
                int ib = io + p * h * w;
                for (int i = 0; i < oh; i++) {
                    int y0 = Pool2dRef.binStart(i, h, oh);
                    int y1 = Pool2dRef.binEnd(i, h, oh);
                    for (int j = 0; j < ow; j++) {
                        int x0 = Pool2dRef.binStart(j, w, ow);
                        int x1 = Pool2dRef.binEnd(j, w, ow);
                        float g = ga[go + (p * oh + i) * ow + j] / ((y1 - y0) * (x1 - x0));
                        for (int y = y0; y < y1; y++) {
                            for (int xx = x0; xx < x1; xx++) {
                                ia[ib + y * w + xx] += g;
                            }
                        }
                    }
                }
            }
        });
    }
}
