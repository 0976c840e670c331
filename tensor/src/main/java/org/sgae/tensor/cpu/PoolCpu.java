package org.sgae.tensor.cpu;

import java.util.Arrays;
import org.sgae.tensor.Tensor;
import org.sgae.tensor.cpu.ref.Pool2dRef;
import org.sgae.tensor.ops.Pool2dAttrs;

/**
 * Fast F32 pooling and nearest upsampling on contiguous NCHW planes: the N·C planes are split over the threads
 * (each plane is written by one thread, so backward scatters need no atomics). Windows are clipped to the plane
 * once per output instead of testing every cell. The inner loops stay scalar: pooling windows are strided and
 * short (2–3 wide), where Vector API gathers cost more than they save.
 */
final class PoolCpu {
    /** Aim for this many inner-loop steps per parallel chunk, so tiny inputs stay on one thread. */
    private static final int GRAIN = 16384;

    private PoolCpu() {
    }

    private static int minPlanes(long workPerPlane) {
        return (int) Math.max(1, GRAIN / Math.max(1, workPerPlane));
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
        CpuParallel.forRange(x.dim(0) * x.dim(1), minPlanes((long) oh * ow * a.kernelH() * a.kernelW()), (p0, p1) -> {
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
        CpuParallel.forRange(gradIn.dim(0) * gradIn.dim(1), minPlanes(hw + ohw), (p0, p1) -> {
            Arrays.fill(ia, io + p0 * hw, io + p1 * hw, 0f);
            for (int p = p0; p < p1; p++) {
                int ib = io + p * hw;
                for (int o = p * ohw, end = o + ohw; o < end; o++) {
                    ia[ib + am[ao + o]] += ga[go + o];
                }
            }
        });
    }

    static void avgPool2d(Tensor x, Pool2dAttrs a, Tensor out) {
        float[] xa = x.cpu().f32();
        float[] oa = out.cpu().f32();
        int xo = x.offset();
        int oo = out.offset();
        int h = x.dim(2);
        int w = x.dim(3);
        int oh = out.dim(2);
        int ow = out.dim(3);
        float inv = 1f / (a.kernelH() * a.kernelW());
        CpuParallel.forRange(x.dim(0) * x.dim(1), minPlanes((long) oh * ow * a.kernelH() * a.kernelW()), (p0, p1) -> {
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
        CpuParallel.forRange(gradIn.dim(0) * gradIn.dim(1), minPlanes((long) oh * ow * a.kernelH() * a.kernelW()),
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
        CpuParallel.forRange(x.dim(0) * x.dim(1), minPlanes((long) h * w + oh * ow), (p0, p1) -> {
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
        CpuParallel.forRange(gradIn.dim(0) * gradIn.dim(1), minPlanes((long) h * w + oh * ow), (p0, p1) -> {
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

    /** Each input row is widened once (every value repeated sw times), then copied to its sh output rows. */
    static void upsampleNearest2d(Tensor x, Tensor out) {
        float[] xa = x.cpu().f32();
        float[] oa = out.cpu().f32();
        int xo = x.offset();
        int oo = out.offset();
        int h = x.dim(2);
        int w = x.dim(3);
        int oh = out.dim(2);
        int ow = out.dim(3);
        int sh = oh / h;
        int sw = ow / w;
        CpuParallel.forRange(x.dim(0) * x.dim(1), minPlanes((long) oh * ow), (p0, p1) -> {
            for (int p = p0; p < p1; p++) {
                for (int y = 0; y < h; y++) {
                    int src = xo + (p * h + y) * w;
                    int dst = oo + (p * oh + y * sh) * ow;
                    for (int xx = 0; xx < w; xx++) {
                        float v = xa[src + xx];
                        int d = dst + xx * sw;
                        for (int j = 0; j < sw; j++) {
                            oa[d + j] = v;
                        }
                    }
                    for (int i = 1; i < sh; i++) {
                        System.arraycopy(oa, dst, oa, dst + i * ow, ow);
                    }
                }
            }
        });
    }

    /** Sums each sh×sw output block into its input cell: rows of the block first, then the sw neighbours. */
    static void upsampleNearest2dBackward(Tensor gradOut, Tensor gradIn) {
        float[] ga = gradOut.cpu().f32();
        float[] ia = gradIn.cpu().f32();
        int go = gradOut.offset();
        int io = gradIn.offset();
        int h = gradIn.dim(2);
        int w = gradIn.dim(3);
        int oh = gradOut.dim(2);
        int ow = gradOut.dim(3);
        int sh = oh / h;
        int sw = ow / w;
        CpuParallel.forRange(gradIn.dim(0) * gradIn.dim(1), minPlanes((long) oh * ow), (p0, p1) -> {
            float[] rowSum = new float[ow];
            for (int p = p0; p < p1; p++) {
                for (int y = 0; y < h; y++) {
                    int src = go + (p * oh + y * sh) * ow;
                    System.arraycopy(ga, src, rowSum, 0, ow);
                    for (int i = 1; i < sh; i++) {
                        int r = src + i * ow;
                        for (int xx = 0; xx < ow; xx++) {
                            rowSum[xx] += ga[r + xx];
                        }
                    }
                    int dst = io + (p * h + y) * w;
                    for (int xx = 0; xx < w; xx++) {
                        float s = 0f;
                        for (int j = 0; j < sw; j++) {
                            s += rowSum[xx * sw + j];
                        }
                        ia[dst + xx] = s;
                    }
                }
            }
        });
    }
}
