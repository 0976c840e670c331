package org.sgae.tensor.cpu;

import org.sgae.tensor.Tensor;
import org.sgae.tensor.ops.Op;
import org.sgae.tensor.ops.OpPart;
import org.sgae.tensor.ops.OpPart.Role;

/**
 * Fast F32 nearest upsampling by integer factors on contiguous NCHW planes, split over the threads by plane.
 * Forward widens each input row once and copies it to its sh output rows (System.arraycopy); backward sums the
 * sh rows of a block first (unit stride), then each group of sw neighbours.
 */
@OpPart(role = Role.CPU, ops = Op.UPSAMPLE_NEAREST2D)
final class UpsampleCpu {

    private UpsampleCpu() {
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
        CpuParallel.forRange(x.dim(0) * x.dim(1), CpuParallel.minItems((long) oh * ow), (p0, p1) -> {
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
        CpuParallel.forRange(gradIn.dim(0) * gradIn.dim(1), CpuParallel.minItems((long) oh * ow), (p0, p1) -> {
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
