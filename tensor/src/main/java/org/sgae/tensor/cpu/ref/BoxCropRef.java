package org.sgae.tensor.cpu.ref;

import org.sgae.tensor.attrs.BoxCropAttrs;
import org.sgae.tensor.ops.Op;
import org.sgae.tensor.ops.OpPart;
import org.sgae.tensor.ops.OpPart.Role;

/**
 * Box crop reference: the literal grid_sample form (bilinear, zero padding, align_corners = true), sample by
 * sample in double, recomputing every coordinate (no per-box tables), so it is an independent oracle for the fast
 * path and the device kernels.
 *
 * <p>Shapes: images [B,C,H,W], boxes [O,4] = (x0,y0,x1,y1) normalised, imageIndex [O] in [0,B), out [O,C,S,S].
 * Sample (v, u) reads pixel (Y, X) = (coord(y0,y1,v), coord(x0,x1,u)) ({@link BoxCropAttrs#coord}); taps
 * (⌊Y⌋|⌊Y⌋+1, ⌊X⌋|⌊X⌋+1) outside the image read 0. A sample with X ∉ (−1, W) or Y ∉ (−1, H) (every tap outside,
 * or NaN) is 0 with zero gradient; the fast path and the kernels skip it the same way.
 */
@OpPart(role = Role.REFERENCE, ops = Op.BOX_CROP)
public final class BoxCropRef {
    private BoxCropRef() {
    }

    /** Throws naming the first imageIndex outside [0, images). */
    public static void checkIndex(int[] imageIndex, int images) {
        for (int o = 0; o < imageIndex.length; o++) {
            if (imageIndex[o] < 0 || imageIndex[o] >= images) {
                throw new IllegalArgumentException("box_crop: imageIndex[" + o + "] = " + imageIndex[o]
                        + " outside [0," + images + ")");
            }
        }
    }

    private static double tap(double[] img, int plane, int h, int w, int j, int i) {
        return i < 0 || i >= w || j < 0 || j >= h ? 0 : img[plane + j * w + i];
    }

    /** out [O,C,S,S] (=). */
    public static void forward(double[] images, int b, int c, int h, int w, double[] boxes, int[] imageIndex,
                               BoxCropAttrs a, double[] out) {
        checkIndex(imageIndex, b);
        int s = a.size();
        int nObj = imageIndex.length;
        for (int o = 0; o < nObj; o++) {
            for (int ch = 0; ch < c; ch++) {
                int plane = (imageIndex[o] * c + ch) * h * w;
                for (int v = 0; v < s; v++) {
                    for (int u = 0; u < s; u++) {
                        double x = BoxCropAttrs.coord(boxes[o * 4], boxes[o * 4 + 2], u, s, w);
                        double y = BoxCropAttrs.coord(boxes[o * 4 + 1], boxes[o * 4 + 3], v, s, h);
                        double r = 0;
                        if (x > -1 && x < w && y > -1 && y < h) {
                            int i0 = (int) Math.floor(x);
                            int j0 = (int) Math.floor(y);
                            double fx = x - i0;
                            double fy = y - j0;
                            r = (1 - fy) * ((1 - fx) * tap(images, plane, h, w, j0, i0)
                                    + fx * tap(images, plane, h, w, j0, i0 + 1))
                                    + fy * ((1 - fx) * tap(images, plane, h, w, j0 + 1, i0)
                                    + fx * tap(images, plane, h, w, j0 + 1, i0 + 1));
                        }
                        out[((o * c + ch) * s + v) * s + u] = r;
                    }
                }
            }
        }
    }

    /**
     * gradImages [B,C,H,W] (=, may be null) and gradBoxes [O,4] (=, may be null) from gradOut [O,C,S,S]. With
     * d out/dX = (1−fy)(v01−v00) + fy(v11−v10) (likewise Y), the box terms are d out/dX · dX/dx0 with
     * dX/dx0 = (S−1−u)/(S−1)·(W−1) and dX/dx1 = u/(S−1)·(W−1) (S = 1: W−1 and 0).
     */
    public static void backward(double[] gradOut, double[] images, int b, int c, int h, int w, double[] boxes,
                                int[] imageIndex, BoxCropAttrs a, double[] gradImages, double[] gradBoxes) {
        checkIndex(imageIndex, b);
        int s = a.size();
        int nObj = imageIndex.length;
        if (gradImages != null) {
            java.util.Arrays.fill(gradImages, 0, b * c * h * w, 0.0);
        }
        if (gradBoxes != null) {
            java.util.Arrays.fill(gradBoxes, 0, nObj * 4, 0.0);
        }
        for (int o = 0; o < nObj; o++) {
            for (int ch = 0; ch < c; ch++) {
                int plane = (imageIndex[o] * c + ch) * h * w;
                for (int v = 0; v < s; v++) {
                    for (int u = 0; u < s; u++) {
                        double x = BoxCropAttrs.coord(boxes[o * 4], boxes[o * 4 + 2], u, s, w);
                        double y = BoxCropAttrs.coord(boxes[o * 4 + 1], boxes[o * 4 + 3], v, s, h);
                        double g = gradOut[((o * c + ch) * s + v) * s + u];
                        if (!(x > -1 && x < w && y > -1 && y < h)) {
                            continue;
                        }
                        int i0 = (int) Math.floor(x);
                        int j0 = (int) Math.floor(y);
                        double fx = x - i0;
                        double fy = y - j0;
                        if (gradImages != null) {
                            scatter(gradImages, plane, h, w, j0, i0, (1 - fy) * (1 - fx) * g);
                            scatter(gradImages, plane, h, w, j0, i0 + 1, (1 - fy) * fx * g);
                            scatter(gradImages, plane, h, w, j0 + 1, i0, fy * (1 - fx) * g);
                            scatter(gradImages, plane, h, w, j0 + 1, i0 + 1, fy * fx * g);
                        }
                        if (gradBoxes != null) {
                            double v00 = tap(images, plane, h, w, j0, i0);
                            double v01 = tap(images, plane, h, w, j0, i0 + 1);
                            double v10 = tap(images, plane, h, w, j0 + 1, i0);
                            double v11 = tap(images, plane, h, w, j0 + 1, i0 + 1);
                            double dx = g * ((1 - fy) * (v01 - v00) + fy * (v11 - v10));
                            double dy = g * ((1 - fx) * (v10 - v00) + fx * (v11 - v01));
                            gradBoxes[o * 4] += dx * BoxCropAttrs.dLo(u, s, w);
                            gradBoxes[o * 4 + 2] += dx * BoxCropAttrs.dHi(u, s, w);
                            gradBoxes[o * 4 + 1] += dy * BoxCropAttrs.dLo(v, s, h);
                            gradBoxes[o * 4 + 3] += dy * BoxCropAttrs.dHi(v, s, h);
                        }
                    }
                }
            }
        }
    }

    private static void scatter(double[] grad, int plane, int h, int w, int j, int i, double v) {
        if (i >= 0 && i < w && j >= 0 && j < h) {
            grad[plane + j * w + i] += v;
        }
    }
}
