package org.sgae.tensor.cpu;

import org.sgae.tensor.attrs.BoxCropAttrs;
import org.sgae.tensor.ops.Op;
import org.sgae.tensor.ops.OpPart;
import org.sgae.tensor.ops.OpPart.Role;

/**
 * Fast box crops (F32). Bilinear sampling at a box is separable in its positions: column u of box o always reads
 * columns ⌊X⌋, ⌊X⌋+1 with weights 1−fx, fx, and row v likewise, so each box's S column and S row taps are
 * tabulated once per call ({@link Taps}) and every channel reuses them.
 * <pre>
 *   forward   threads over (o, c) planes of the output (each writes its own S×S plane)
 *   backward  threads over (b, c) planes of the image: the boxes of image b, in ascending o, scatter into their
 *             plane (no two threads share a plane: no atomics, same sums every run), and each (o, c) leaves its
 *             four box terms; the terms are summed over c per box afterwards, in a fixed order.
 * </pre>
 * Shapes: images [B,C,H,W], boxes [O,4], imageIndex [O] (validated by the caller), out/gradOut [O,C,S,S].
 */
@OpPart(role = Role.CPU, ops = Op.BOX_CROP)
public final class BoxCropCpu {
    private BoxCropCpu() {
    }

    /** Per box and sample: left/top tap (Integer.MIN_VALUE: the sample reads nothing) and its fraction. */
    private static final class Taps {
        final int[] i0;
        final float[] fx;
        final int[] j0;
        final float[] fy;

        Taps(float[] boxes, int bOff, int nObj, int s, int h, int w) {
            i0 = new int[nObj * s];
            fx = new float[nObj * s];
            j0 = new int[nObj * s];
            fy = new float[nObj * s];
            for (int o = 0; o < nObj; o++) {
                int b = bOff + o * 4;
                for (int k = 0; k < s; k++) {
                    axis(BoxCropAttrs.coord(boxes[b], boxes[b + 2], k, s, w), w, i0, fx, o * s + k);
                    axis(BoxCropAttrs.coord(boxes[b + 1], boxes[b + 3], k, s, h), h, j0, fy, o * s + k);
                }
            }
        }

        private static void axis(double p, int n, int[] idx, float[] frac, int at) {
            if (p > -1 && p < n) {
                int f = (int) Math.floor(p);
                idx[at] = f;
                frac[at] = (float) (p - f);
            } else {
                idx[at] = Integer.MIN_VALUE;
            }
        }
    }

    private static float tap(float[] img, int plane, int h, int w, int j, int i) {
        return i < 0 || i >= w || j < 0 || j >= h ? 0f : img[plane + j * w + i];
    }

    /** out [O,C,S,S] (=). */
    public static void forward(float[] images, int iOff, int c, int h, int w, float[] boxes, int bOff,
                               int[] imageIndex, BoxCropAttrs a, float[] out, int outOff) {
        int s = a.size();
        int nObj = imageIndex.length;
        Taps t = new Taps(boxes, bOff, nObj, s, h, w);
        CpuParallel.forRange(nObj * c, CpuParallel.minItems((long) s * s * 8), (from, to) -> {
            for (int item = from; item < to; item++) {
                int o = item / c;
                int ch = item - o * c;
                int plane = iOff + (imageIndex[o] * c + ch) * h * w;
                int base = outOff + item * s * s;
                for (int v = 0; v < s; v++) {
                    int j = t.j0[o * s + v];
                    float fy = t.fy[o * s + v];
                    for (int u = 0; u < s; u++) {
                        int i = t.i0[o * s + u];
                        float r = 0f;
                        if (i != Integer.MIN_VALUE && j != Integer.MIN_VALUE) {
                            float fx = t.fx[o * s + u];
                            r = (1 - fy) * ((1 - fx) * tap(images, plane, h, w, j, i)
                                    + fx * tap(images, plane, h, w, j, i + 1))
                                    + fy * ((1 - fx) * tap(images, plane, h, w, j + 1, i)
                                    + fx * tap(images, plane, h, w, j + 1, i + 1));
                        }
                        out[base + v * s + u] = r;
                    }
                }
            }
        });
    }

    /** gradImages [B,C,H,W] (=, null: skipped) and gradBoxes [O,4] (=, null: skipped) from gradOut [O,C,S,S]. */
    public static void backward(float[] gradOut, int gOff, float[] images, int iOff, int b, int c, int h, int w,
                                float[] boxes, int bOff, int[] imageIndex, BoxCropAttrs a, float[] gradImages,
                                int giOff, float[] gradBoxes, int gbOff) {
        int s = a.size();
        int nObj = imageIndex.length;
        Taps t = new Taps(boxes, bOff, nObj, s, h, w);
        int[] start = new int[b + 1];
        int[] members = new int[nObj];
        for (int o = 0; o < nObj; o++) {
            start[imageIndex[o] + 1]++;
        }
        for (int k = 0; k < b; k++) {
            start[k + 1] += start[k];
        }
        int[] fill = new int[b];
        for (int o = 0; o < nObj; o++) {
            members[start[imageIndex[o]] + fill[imageIndex[o]]++] = o;
        }
        boolean boxGrad = gradBoxes != null;
        float[] terms = boxGrad ? new float[nObj * c * 4] : null;
        // dX/dx0, dX/dx1 per u and dY/dy0, dY/dy1 per v: the same for every box
        float[] dx0 = new float[s];
        float[] dx1 = new float[s];
        float[] dy0 = new float[s];
        float[] dy1 = new float[s];
        for (int k = 0; k < s; k++) {
            dx0[k] = (float) BoxCropAttrs.dLo(k, s, w);
            dx1[k] = (float) BoxCropAttrs.dHi(k, s, w);
            dy0[k] = (float) BoxCropAttrs.dLo(k, s, h);
            dy1[k] = (float) BoxCropAttrs.dHi(k, s, h);
        }
        CpuParallel.forRange(b * c, 1, (from, to) -> {
            for (int pl = from; pl < to; pl++) {
                int img = pl / c;
                int ch = pl - img * c;
                int plane = iOff + pl * h * w;
                int gplane = giOff + pl * h * w;
                if (gradImages != null) {
                    java.util.Arrays.fill(gradImages, gplane, gplane + h * w, 0f);
                }
                for (int q = start[img]; q < start[img + 1]; q++) {
                    int o = members[q];
                    int base = gOff + (o * c + ch) * s * s;
                    float ex0 = 0f;
                    float ex1 = 0f;
                    float ey0 = 0f;
                    float ey1 = 0f;
                    for (int v = 0; v < s; v++) {
                        int j = t.j0[o * s + v];
                        if (j == Integer.MIN_VALUE) {
                            continue;
                        }
                        float fy = t.fy[o * s + v];
                        float rx0 = 0f;
                        float rx1 = 0f;
                        float ry = 0f;
                        for (int u = 0; u < s; u++) {
                            int i = t.i0[o * s + u];
                            float g = gradOut[base + v * s + u];
                            if (i == Integer.MIN_VALUE || g == 0f) {
                                continue;
                            }
                            float fx = t.fx[o * s + u];
                            if (gradImages != null) {
                                add(gradImages, gplane, h, w, j, i, (1 - fy) * (1 - fx) * g);
                                add(gradImages, gplane, h, w, j, i + 1, (1 - fy) * fx * g);
                                add(gradImages, gplane, h, w, j + 1, i, fy * (1 - fx) * g);
                                add(gradImages, gplane, h, w, j + 1, i + 1, fy * fx * g);
                            }
                            if (boxGrad) {
                                float v00 = tap(images, plane, h, w, j, i);
                                float v01 = tap(images, plane, h, w, j, i + 1);
                                float v10 = tap(images, plane, h, w, j + 1, i);
                                float v11 = tap(images, plane, h, w, j + 1, i + 1);
                                float gx = g * ((1 - fy) * (v01 - v00) + fy * (v11 - v10));
                                rx0 += gx * dx0[u];
                                rx1 += gx * dx1[u];
                                ry += g * ((1 - fx) * (v10 - v00) + fx * (v11 - v01));
                            }
                        }
                        ex0 += rx0;
                        ex1 += rx1;
                        ey0 += ry * dy0[v];
                        ey1 += ry * dy1[v];
                    }
                    if (boxGrad) {
                        int k = (o * c + ch) * 4;
                        terms[k] = ex0;
                        terms[k + 1] = ey0;
                        terms[k + 2] = ex1;
                        terms[k + 3] = ey1;
                    }
                }
            }
        });
        if (boxGrad) {
            for (int o = 0; o < nObj; o++) {
                for (int k = 0; k < 4; k++) {
                    double sum = 0;
                    for (int ch = 0; ch < c; ch++) {
                        sum += terms[(o * c + ch) * 4 + k];
                    }
                    gradBoxes[gbOff + o * 4 + k] = (float) sum;
                }
            }
        }
    }

    private static void add(float[] grad, int plane, int h, int w, int j, int i, float v) {
        if (i >= 0 && i < w && j >= 0 && j < h) {
            grad[plane + j * w + i] += v;
        }
    }
}
