package org.sgae.tensor.cpu.ref;

import org.sgae.tensor.Tensor;
import org.sgae.tensor.attrs.Pool2dAttrs;
import org.sgae.tensor.memory.CpuStorage;
import org.sgae.tensor.ops.Op;
import org.sgae.tensor.ops.OpPart.Role;
import org.sgae.tensor.ops.OpPart;

/**
 * Plain-loop references of max, average and adaptive average pooling, forward and backward adjacent. Contiguous
 * CPU tensors of any floating dtype (read and written through doubles); x [N,C,H,W], out [N,C,OH,OW]. The oracle
 * for the fast CPU path and the device kernels, and the F64 path of the CPU backend.
 */
@OpPart(role = Role.REFERENCE, ops = {Op.MAX_POOL2D, Op.AVG_POOL2D, Op.ADAPTIVE_AVG_POOL2D})
public final class Pool2dRef {
    private Pool2dRef() {
    }

    /** Max per window, padded cells skipped; argmax (I32) = h*W+w of the first maximum in scan order. */
    public static void maxPool2d(Tensor x, Pool2dAttrs a, Tensor out, Tensor argmax) {
        CpuStorage xs = x.cpu();
        CpuStorage os = out.cpu();
        int[] am = argmax.cpu().i32();
        int h = x.dim(2);
        int w = x.dim(3);
        int oh = out.dim(2);
        int ow = out.dim(3);
        int planes = x.dim(0) * x.dim(1);
        for (int p = 0; p < planes; p++) {
            int xb = x.offset() + p * h * w;
            for (int i = 0; i < oh; i++) {
                for (int j = 0; j < ow; j++) {
                    double best = Double.NEGATIVE_INFINITY;
                    int at = -1;
                    for (int ki = 0; ki < a.kernelH(); ki++) {
                        int y = i * a.strideH() - a.padH() + ki;
                        for (int kj = 0; kj < a.kernelW(); kj++) {
                            int xx = j * a.strideW() - a.padW() + kj;
                            if (y < 0 || y >= h || xx < 0 || xx >= w) {
                                continue;
                            }
                            double v = xs.getDouble(xb + y * w + xx);
                            if (at < 0 || v > best || Double.isNaN(v) && !Double.isNaN(best)) {
                                best = v;
                                at = y * w + xx;
                            }
                        }
                    }
                    int o = (p * oh + i) * ow + j;
                    os.setDouble(out.offset() + o, best);
                    am[argmax.offset() + o] = at;
                }
            }
        }
    }

    /** gradIn = Σ over outputs whose argmax is the cell of gradOut (overwrites gradIn). */
    public static void maxPool2dBackward(Tensor gradOut, Tensor argmax, Tensor gradIn) {
        CpuStorage gs = gradOut.cpu();
        CpuStorage is = gradIn.cpu();
        int[] am = argmax.cpu().i32();
        int hw = gradIn.dim(2) * gradIn.dim(3);
        int ohw = gradOut.dim(2) * gradOut.dim(3);
        int planes = gradIn.dim(0) * gradIn.dim(1);
        double[] acc = new double[hw];
        for (int p = 0; p < planes; p++) {
            java.util.Arrays.fill(acc, 0);
            for (int o = 0; o < ohw; o++) {
                acc[am[argmax.offset() + p * ohw + o]] += gs.getDouble(gradOut.offset() + p * ohw + o);
            }
            for (int i = 0; i < hw; i++) {
                is.setDouble(gradIn.offset() + p * hw + i, acc[i]);
            }
        }
    }

    /** Window mean with divisor kernelH·kernelW (padded zeros counted). */
    public static void avgPool2d(Tensor x, Pool2dAttrs a, Tensor out) {
        CpuStorage xs = x.cpu();
        CpuStorage os = out.cpu();
        int h = x.dim(2);
        int w = x.dim(3);
        int oh = out.dim(2);
        int ow = out.dim(3);
        double div = a.kernelH() * a.kernelW();
        int planes = x.dim(0) * x.dim(1);
        for (int p = 0; p < planes; p++) {
            int xb = x.offset() + p * h * w;
            for (int i = 0; i < oh; i++) {
                for (int j = 0; j < ow; j++) {
                    double s = 0;
                    for (int ki = 0; ki < a.kernelH(); ki++) {
                        int y = i * a.strideH() - a.padH() + ki;
                        for (int kj = 0; kj < a.kernelW(); kj++) {
                            int xx = j * a.strideW() - a.padW() + kj;
                            if (y >= 0 && y < h && xx >= 0 && xx < w) {
                                s += xs.getDouble(xb + y * w + xx);
                            }
                        }
                    }
                    os.setDouble(out.offset() + (p * oh + i) * ow + j, s / div);
                }
            }
        }
    }

    /** Each output's gradient / (kernelH·kernelW) spread over its window's real cells. */
    public static void avgPool2dBackward(Tensor gradOut, Pool2dAttrs a, Tensor gradIn) {
        CpuStorage gs = gradOut.cpu();
        CpuStorage is = gradIn.cpu();
        int h = gradIn.dim(2);
        int w = gradIn.dim(3);
        int oh = gradOut.dim(2);
        int ow = gradOut.dim(3);
        double div = a.kernelH() * a.kernelW();
        int planes = gradIn.dim(0) * gradIn.dim(1);
        double[] acc = new double[h * w];
        for (int p = 0; p < planes; p++) {
            java.util.Arrays.fill(acc, 0);
            for (int i = 0; i < oh; i++) {
                for (int j = 0; j < ow; j++) {
                    double g = gs.getDouble(gradOut.offset() + (p * oh + i) * ow + j) / div;
                    for (int ki = 0; ki < a.kernelH(); ki++) {
                        int y = i * a.strideH() - a.padH() + ki;
                        for (int kj = 0; kj < a.kernelW(); kj++) {
                            int xx = j * a.strideW() - a.padW() + kj;
                            if (y >= 0 && y < h && xx >= 0 && xx < w) {
                                acc[y * w + xx] += g;
                            }
                        }
                    }
                }
            }
            for (int i = 0; i < h * w; i++) {
                is.setDouble(gradIn.offset() + p * h * w + i, acc[i]);
            }
        }
    }

    /** PyTorch's adaptive bin of output index i over n inputs into m outputs: [floor(i·n/m), ceil((i+1)·n/m)). */
    public static int binStart(int i, int n, int m) {
        return (int) ((long) i * n / m);
    }

    public static int binEnd(int i, int n, int m) {
        return (int) (((long) (i + 1) * n + m - 1) / m);
    }

    public static void adaptiveAvgPool2d(Tensor x, Tensor out) {
        CpuStorage xs = x.cpu();
        CpuStorage os = out.cpu();
        int h = x.dim(2);
        int w = x.dim(3);
        int oh = out.dim(2);
        int ow = out.dim(3);
        int planes = x.dim(0) * x.dim(1);
        for (int p = 0; p < planes; p++) {
            int xb = x.offset() + p * h * w;
            for (int i = 0; i < oh; i++) {
                int y0 = binStart(i, h, oh);
                int y1 = binEnd(i, h, oh);
                for (int j = 0; j < ow; j++) {
                    int x0 = binStart(j, w, ow);
                    int x1 = binEnd(j, w, ow);
                    double s = 0;
                    for (int y = y0; y < y1; y++) {
                        for (int xx = x0; xx < x1; xx++) {
                            s += xs.getDouble(xb + y * w + xx);
                        }
                    }
                    os.setDouble(out.offset() + (p * oh + i) * ow + j, s / ((y1 - y0) * (x1 - x0)));
                }
            }
        }
    }

    public static void adaptiveAvgPool2dBackward(Tensor gradOut, Tensor gradIn) {
        CpuStorage gs = gradOut.cpu();
        CpuStorage is = gradIn.cpu();
        int h = gradIn.dim(2);
        int w = gradIn.dim(3);
        int oh = gradOut.dim(2);
        int ow = gradOut.dim(3);
        int planes = gradIn.dim(0) * gradIn.dim(1);
        double[] acc = new double[h * w];
        for (int p = 0; p < planes; p++) {
            java.util.Arrays.fill(acc, 0);
            for (int i = 0; i < oh; i++) {
                int y0 = binStart(i, h, oh);
                int y1 = binEnd(i, h, oh);
                for (int j = 0; j < ow; j++) {
                    int x0 = binStart(j, w, ow);
                    int x1 = binEnd(j, w, ow);
                    double g = gs.getDouble(gradOut.offset() + (p * oh + i) * ow + j) / ((y1 - y0) * (x1 - x0));
                    for (int y = y0; y < y1; y++) {
                        for (int xx = x0; xx < x1; xx++) {
                            acc[y * w + xx] += g;
                        }
                    }
                }
            }
            for (int i = 0; i < h * w; i++) {
                is.setDouble(gradIn.offset() + p * h * w + i, acc[i]);
            }
        }
    }
}
