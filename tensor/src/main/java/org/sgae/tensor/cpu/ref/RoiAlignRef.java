package org.sgae.tensor.cpu.ref;

import org.sgae.tensor.attrs.RoiAlignAttrs;
import org.sgae.tensor.ops.Op;
import org.sgae.tensor.ops.OpPart.Role;
import org.sgae.tensor.ops.OpPart;

/**
 * ROI Align reference, a line-by-line port of torchvision's CPU kernel ({@code roi_align_kernel.cpp}) in double.
 * Forward and backward share {@link #taps}, so they cannot drift apart.
 *
 * <p>Shapes: x [N,C,H,W], rois [K,5] = (batch index, x1, y1, x2, y2) in input pixels, out [K,C,PH,PW].
 */
@OpPart(role = Role.REFERENCE, ops = Op.ROI_ALIGN)
public final class RoiAlignRef {
    private RoiAlignRef() {
    }

    /** The four bilinear taps of one sample point: flat indices h*W+w and weights; all zero when outside. */
    static final class Taps {
        final int[] idx = new int[4];
        final double[] wt = new double[4];
    }

    /** Per-ROI sampling geometry, exactly as torchvision computes it. */
    record Geometry(double startH, double startW, double binH, double binW, int gridH, int gridW, double count) {
        static Geometry of(double[] rois, int r, RoiAlignAttrs a) {
            double off = a.aligned() ? 0.5 : 0.0;
            double sw = rois[r * 5 + 1] * a.spatialScale() - off;
            double sh = rois[r * 5 + 2] * a.spatialScale() - off;
            double rw = rois[r * 5 + 3] * a.spatialScale() - off - sw;
            double rh = rois[r * 5 + 4] * a.spatialScale() - off - sh;
            if (!a.aligned()) {
                rw = Math.max(rw, 1.0);
                rh = Math.max(rh, 1.0);
            }
            double bh = rh / a.outH();
            double bw = rw / a.outW();
            int gh = a.samplingRatio() > 0 ? a.samplingRatio() : (int) Math.ceil(rh / a.outH());
            int gw = a.samplingRatio() > 0 ? a.samplingRatio() : (int) Math.ceil(rw / a.outW());
            // a negative adaptive grid (aligned ROI with x2 < x1) samples nothing; count stays >= 1
            gh = Math.max(gh, 0);
            gw = Math.max(gw, 0);
            return new Geometry(sh, sw, bh, bw, gh, gw, Math.max(gh * gw, 1));
        }
    }

    /** torchvision's bilinear_interpolate / pre_calc: fills t for point (y, x) on an h×w plane. */
    static void taps(int h, int w, double y, double x, Taps t) {
        if (y < -1.0 || y > h || x < -1.0 || x > w) {
            for (int i = 0; i < 4; i++) {
                t.idx[i] = 0;
                t.wt[i] = 0;
            }
            return;
        }
        y = Math.max(y, 0);
        x = Math.max(x, 0);
        int yl = (int) y;
        int xl = (int) x;
        int yh;
        int xh;
        if (yl >= h - 1) {
            yh = yl = h - 1;
            y = yl;
        } else {
            yh = yl + 1;
        }
        if (xl >= w - 1) {
            xh = xl = w - 1;
            x = xl;
        } else {
            xh = xl + 1;
        }
        double ly = y - yl;
        double lx = x - xl;
        double hy = 1 - ly;
        double hx = 1 - lx;
        t.idx[0] = yl * w + xl;
        t.idx[1] = yl * w + xh;
        t.idx[2] = yh * w + xl;
        t.idx[3] = yh * w + xh;
        t.wt[0] = hy * hx;
        t.wt[1] = hy * lx;
        t.wt[2] = ly * hx;
        t.wt[3] = ly * lx;
    }

    static int batchIndex(double[] rois, int r, int n) {
        double b = rois[r * 5];
        if (!(b >= 0 && b < n) || b != Math.floor(b)) {
            throw new IllegalArgumentException("roi_align: roi " + r + " has batch index " + b
                    + ", expected an integer in [0," + n + ")");
        }
        return (int) b;
    }

    /** out [K,C,PH,PW] (=) from x [N,C,H,W] and rois [K,5]. */
    public static void forward(double[] x, int n, int c, int h, int w, double[] rois, int k, RoiAlignAttrs a,
                               double[] out) {
        int ph = a.outH();
        int pw = a.outW();
        Taps t = new Taps();
        for (int r = 0; r < k; r++) {
            int b = batchIndex(rois, r, n);
            Geometry g = Geometry.of(rois, r, a);
            for (int ch = 0; ch < c; ch++) {
                int plane = (b * c + ch) * h * w;
                for (int i = 0; i < ph; i++) {
                    for (int j = 0; j < pw; j++) {
                        double acc = 0;
                        for (int iy = 0; iy < g.gridH(); iy++) {
                            double y = g.startH() + i * g.binH() + (iy + 0.5) * g.binH() / g.gridH();
                            for (int ix = 0; ix < g.gridW(); ix++) {
                                double xx = g.startW() + j * g.binW() + (ix + 0.5) * g.binW() / g.gridW();
                                taps(h, w, y, xx, t);
                                for (int q = 0; q < 4; q++) {
                                    acc += t.wt[q] * x[plane + t.idx[q]];
                                }
                            }
                        }
                        out[((r * c + ch) * ph + i) * pw + j] = acc / g.count();
                    }
                }
            }
        }
    }

    /** gradIn [N,C,H,W] (=, zeroed first) from gradOut [K,C,PH,PW]: the transpose of forward. */
    public static void backward(double[] gradOut, double[] rois, int k, int n, int c, int h, int w, RoiAlignAttrs a,
                                double[] gradIn) {
        java.util.Arrays.fill(gradIn, 0, n * c * h * w, 0.0);
        int ph = a.outH();
        int pw = a.outW();
        Taps t = new Taps();
        for (int r = 0; r < k; r++) {
            int b = batchIndex(rois, r, n);
            Geometry g = Geometry.of(rois, r, a);
            for (int ch = 0; ch < c; ch++) {
                int plane = (b * c + ch) * h * w;
                for (int i = 0; i < ph; i++) {
                    for (int j = 0; j < pw; j++) {
                        double go = gradOut[((r * c + ch) * ph + i) * pw + j] / g.count();
                        for (int iy = 0; iy < g.gridH(); iy++) {
                            double y = g.startH() + i * g.binH() + (iy + 0.5) * g.binH() / g.gridH();
                            for (int ix = 0; ix < g.gridW(); ix++) {
                                double xx = g.startW() + j * g.binW() + (ix + 0.5) * g.binW() / g.gridW();
                                taps(h, w, y, xx, t);
                                for (int q = 0; q < 4; q++) {
                                    gradIn[plane + t.idx[q]] += t.wt[q] * go;
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}
