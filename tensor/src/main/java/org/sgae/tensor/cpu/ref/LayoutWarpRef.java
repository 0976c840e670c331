package org.sgae.tensor.cpu.ref;

import org.sgae.tensor.attrs.LayoutWarpAttrs;
import org.sgae.tensor.ops.Op;
import org.sgae.tensor.ops.OpPart.Role;
import org.sgae.tensor.ops.OpPart;

/**
 * Layout warping reference: the literal grid_sample form (bilinear, zero padding), pixel by pixel in double. It does
 * not use the separable structure the fast path relies on, so it is an independent oracle for it.
 *
 * <p>Shapes: src is vecs [O,D] (a constant M×M map per channel) or maps [O,D,M,M]; boxes [O,4] = (x0,y0,x1,y1)
 * normalised; objToImg [O] in [0,B); out [B,D,H,W]. For canvas pixel (y, x) of object o with box width
 * bw = x1 − x0: X′ = (a(x) − x0)/bw, source column ix = X′·s + c (see {@code LayoutGrid}); likewise iy.
 */
@OpPart(role = Role.REFERENCE, ops = Op.LAYOUT_WARP)
public final class LayoutWarpRef {
    private LayoutWarpRef() {
    }

    static void checkImages(int[] objToImg, int images) {
        for (int o = 0; o < objToImg.length; o++) {
            if (objToImg[o] < 0 || objToImg[o] >= images) {
                throw new IllegalArgumentException("layout_warp: objToImg[" + o + "] = " + objToImg[o]
                        + " outside [0," + images + ")");
            }
        }
    }

    /** Map value m[o,d,j,i], or the vector value for a constant map; 0 outside [0,M)². */
    private static double at(double[] src, boolean maps, int o, int d, int dd, int m, int j, int i) {
        if (i < 0 || i >= m || j < 0 || j >= m) {
            return 0;
        }
        return maps ? src[((o * d + dd) * m + j) * m + i] : src[o * d + dd];
    }

    /** out [B,D,H,W] (=). */
    public static void forward(double[] src, boolean maps, int nObj, int d, double[] boxes, int[] objToImg,
                               LayoutWarpAttrs a, double[] out) {
        checkImages(objToImg, a.images());
        int h = a.height();
        int w = a.width();
        int m = a.mapSize();
        java.util.Arrays.fill(out, 0, a.images() * d * h * w, 0.0);
        double s = a.grid().sourceScale(m);
        double c = a.grid().sourceOffset();
        for (int o = 0; o < nObj; o++) {
            double x0 = boxes[o * 4];
            double y0 = boxes[o * 4 + 1];
            double bw = boxes[o * 4 + 2] - x0;
            double bh = boxes[o * 4 + 3] - y0;
            int b = objToImg[o];
            for (int y = 0; y < h; y++) {
                double iy = (a.grid().canvas(y, h) - y0) / bh * s + c;
                int j0 = (int) Math.floor(iy);
                double fy = iy - j0;
                for (int x = 0; x < w; x++) {
                    double ix = (a.grid().canvas(x, w) - x0) / bw * s + c;
                    int i0 = (int) Math.floor(ix);
                    double fx = ix - i0;
                    for (int dd = 0; dd < d; dd++) {
                        double v = (1 - fy) * ((1 - fx) * at(src, maps, o, d, dd, m, j0, i0)
                                + fx * at(src, maps, o, d, dd, m, j0, i0 + 1))
                                + fy * ((1 - fx) * at(src, maps, o, d, dd, m, j0 + 1, i0)
                                + fx * at(src, maps, o, d, dd, m, j0 + 1, i0 + 1));
                        out[((b * d + dd) * h + y) * w + x] += v;
                    }
                }
            }
        }
    }

    /**
     * gradSrc (=, shape of src) and gradBoxes [O,4] (=, may be null) from gradOut [B,D,H,W]. The box gradient
     * uses d ix/d x0 = s·(X′ − 1)/bw and d ix/d x1 = −s·X′/bw.
     */
    public static void backward(double[] gradOut, double[] src, boolean maps, int nObj, int d, double[] boxes,
                                int[] objToImg, LayoutWarpAttrs a, double[] gradSrc, double[] gradBoxes) {
        checkImages(objToImg, a.images());
        int h = a.height();
        int w = a.width();
        int m = a.mapSize();
        java.util.Arrays.fill(gradSrc, 0, nObj * d * (maps ? m * m : 1), 0.0);
        if (gradBoxes != null) {
            java.util.Arrays.fill(gradBoxes, 0, nObj * 4, 0.0);
        }
        double s = a.grid().sourceScale(m);
        double c = a.grid().sourceOffset();
        for (int o = 0; o < nObj; o++) {
            double x0 = boxes[o * 4];
            double y0 = boxes[o * 4 + 1];
            double bw = boxes[o * 4 + 2] - x0;
            double bh = boxes[o * 4 + 3] - y0;
            int b = objToImg[o];
            for (int y = 0; y < h; y++) {
                double yn = (a.grid().canvas(y, h) - y0) / bh;
                double iy = yn * s + c;
                int j0 = (int) Math.floor(iy);
                double fy = iy - j0;
                for (int x = 0; x < w; x++) {
                    double xn = (a.grid().canvas(x, w) - x0) / bw;
                    double ix = xn * s + c;
                    int i0 = (int) Math.floor(ix);
                    double fx = ix - i0;
                    double dix = 0;
                    double diy = 0;
                    for (int dd = 0; dd < d; dd++) {
                        double g = gradOut[((b * d + dd) * h + y) * w + x];
                        if (g == 0) {
                            continue;
                        }
                        scatter(gradSrc, maps, o, d, dd, m, j0, i0, (1 - fy) * (1 - fx) * g);
                        scatter(gradSrc, maps, o, d, dd, m, j0, i0 + 1, (1 - fy) * fx * g);
                        scatter(gradSrc, maps, o, d, dd, m, j0 + 1, i0, fy * (1 - fx) * g);
                        scatter(gradSrc, maps, o, d, dd, m, j0 + 1, i0 + 1, fy * fx * g);
                        double v00 = at(src, maps, o, d, dd, m, j0, i0);
                        double v01 = at(src, maps, o, d, dd, m, j0, i0 + 1);
                        double v10 = at(src, maps, o, d, dd, m, j0 + 1, i0);
                        double v11 = at(src, maps, o, d, dd, m, j0 + 1, i0 + 1);
                        dix += g * ((1 - fy) * (v01 - v00) + fy * (v11 - v10));
                        diy += g * ((1 - fx) * (v10 - v00) + fx * (v11 - v01));
                    }
                    if (gradBoxes != null) {
                        gradBoxes[o * 4] += dix * s * (xn - 1) / bw;
                        gradBoxes[o * 4 + 2] += dix * (-s * xn / bw);
                        gradBoxes[o * 4 + 1] += diy * s * (yn - 1) / bh;
                        gradBoxes[o * 4 + 3] += diy * (-s * yn / bh);
                    }
                }
            }
        }
    }

    private static void scatter(double[] grad, boolean maps, int o, int d, int dd, int m, int j, int i, double v) {
        if (i < 0 || i >= m || j < 0 || j >= m) {
            return;
        }
        grad[maps ? ((o * d + dd) * m + j) * m + i : o * d + dd] += v;
    }
}
