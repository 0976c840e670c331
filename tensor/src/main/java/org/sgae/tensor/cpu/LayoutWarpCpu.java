package org.sgae.tensor.cpu;

import org.sgae.tensor.ops.LayoutWarpAttrs;

/**
 * Fast layout warping (F32) for object vectors. A constant map warped bilinearly is the separable mask
 * py(y)·px(x) ({@link LayoutProfiles}) times the vector, so
 * <pre>
 *   forward   out[b,d,y,x]  = Σ_{o in b} v[o,d]·py_o(y)·px_o(x)          (axpy on each object's support rows)
 *   backward  gv[o,d]       = Σ_y py(y) Σ_x px(x)·g[b,d,y,x]
 *             gx0[o]        = Σ_d v[o,d] Σ_y py(y) Σ_x dpx0(x)·g   (dpx0 ≠ 0 only on the two edge ramps)
 *             gy0[o]        = Σ_d v[o,d] Σ_y dpy0(y) Σ_x px(x)·g     (likewise x1, y1)
 * </pre>
 * Work is proportional to the boxes' areas, not O·D·H·W·M². Forward threads split the (b, d) planes, backward
 * the objects, so neither needs atomics.
 *
 * <p>Shapes: vecs [O,D], boxes [O,4], objToImg [O] (validated by the caller), out/gradOut [B,D,H,W].
 */
public final class LayoutWarpCpu {
    private static final ThreadLocal<LayoutProfiles> PROFILES = ThreadLocal.withInitial(LayoutProfiles::new);
    private static final ThreadLocal<int[][]> GROUPS = ThreadLocal.withInitial(() -> new int[][] {new int[0],
            new int[0]});

    private LayoutWarpCpu() {
    }

    /** CSR of objects per image: start[B+1], members[O] (objects of image b in increasing order). */
    private static int[][] group(int[] objToImg, int nObj, int images) {
        int[][] gr = GROUPS.get();
        if (gr[0].length < images + 1) {
            gr[0] = new int[images + 1];
        }
        if (gr[1].length < nObj) {
            gr[1] = new int[nObj];
        }
        int[] start = gr[0];
        java.util.Arrays.fill(start, 0, images + 1, 0);
        for (int o = 0; o < nObj; o++) {
            start[objToImg[o] + 1]++;
        }
        for (int b = 0; b < images; b++) {
            start[b + 1] += start[b];
        }
        int[] fill = new int[images];
        for (int o = 0; o < nObj; o++) {
            int b = objToImg[o];
            gr[1][start[b] + fill[b]++] = o;
        }
        return gr;
    }

    /** out [B,D,H,W] (=). */
    public static void forward(float[] vecs, int vOff, int nObj, int d, float[] boxes, int bOff, int[] objToImg,
                               LayoutWarpAttrs a, float[] out, int outOff) {
        int h = a.height();
        int w = a.width();
        int images = a.images();
        LayoutProfiles p = PROFILES.get();
        p.compute(boxes, bOff, nObj, a);
        int[][] gr = group(objToImg, nObj, images);
        int[] start = gr[0];
        int[] members = gr[1];
        CpuParallel.forRange(images * d, 1, (from, to) -> {
            for (int plane = from; plane < to; plane++) {
                int b = plane / d;
                int dd = plane - b * d;
                int base = outOff + plane * h * w;
                java.util.Arrays.fill(out, base, base + h * w, 0f);
                for (int q = start[b]; q < start[b + 1]; q++) {
                    int o = members[q];
                    float v = vecs[vOff + o * d + dd];
                    if (v == 0f) {
                        continue;
                    }
                    int xs = p.xr[o * 6];
                    int xe = p.xr[o * 6 + 1];
                    int px = o * w;
                    for (int y = p.yr[o * 6]; y < p.yr[o * 6 + 1]; y++) {
                        float s = v * p.py[o * h + y];
                        if (s == 0f) {
                            continue;
                        }
                        int row = base + y * w;
                        for (int x = xs; x < xe; x++) {
                            out[row + x] += s * p.px[px + x];
                        }
                    }
                }
            }
        });
    }

    /** gradVecs [O,D] (=) and gradBoxes [O,4] (=, skipped when null) from gradOut [B,D,H,W]. */
    public static void backward(float[] gradOut, int gOff, float[] vecs, int vOff, int nObj, int d, float[] boxes,
                                int bOff, int[] objToImg, LayoutWarpAttrs a, float[] gradVecs, int gvOff,
                                float[] gradBoxes, int gbOff) {
        int h = a.height();
        int w = a.width();
        LayoutProfiles p = PROFILES.get();
        p.compute(boxes, bOff, nObj, a);
        CpuParallel.forRange(nObj, 1, (from, to) -> {
            for (int o = from; o < to; o++) {
                int b = objToImg[o];
                int[] xr = p.xr;
                int[] yr = p.yr;
                int xs = xr[o * 6];
                int xe = xr[o * 6 + 1];
                int px = o * w;
                int py = o * h;
                double gx0 = 0;
                double gx1 = 0;
                double gy0 = 0;
                double gy1 = 0;
                for (int dd = 0; dd < d; dd++) {
                    int base = gOff + (b * d + dd) * h * w;
                    double gv = 0;
                    double ex0 = 0;
                    double ex1 = 0;
                    double ey0 = 0;
                    double ey1 = 0;
                    for (int y = yr[o * 6]; y < yr[o * 6 + 1]; y++) {
                        int row = base + y * w;
                        float acc = 0f;
                        for (int x = xs; x < xe; x++) {
                            acc += p.px[px + x] * gradOut[row + x];
                        }
                        gv += p.py[py + y] * acc;
                        if (gradBoxes != null) {
                            ey0 += p.dpy0[py + y] * acc;
                            ey1 += p.dpy1[py + y] * acc;
                            float e0 = 0f;
                            float e1 = 0f;
                            for (int x = xr[o * 6 + 2]; x < xr[o * 6 + 3]; x++) {
                                e0 += p.dpx0[px + x] * gradOut[row + x];
                                e1 += p.dpx1[px + x] * gradOut[row + x];
                            }
                            for (int x = xr[o * 6 + 4]; x < xr[o * 6 + 5]; x++) {
                                e0 += p.dpx0[px + x] * gradOut[row + x];
                                e1 += p.dpx1[px + x] * gradOut[row + x];
                            }
                            ex0 += p.py[py + y] * e0;
                            ex1 += p.py[py + y] * e1;
                        }
                    }
                    gradVecs[gvOff + o * d + dd] = (float) gv;
                    if (gradBoxes != null) {
                        float v = vecs[vOff + o * d + dd];
                        gx0 += v * ex0;
                        gx1 += v * ex1;
                        gy0 += v * ey0;
                        gy1 += v * ey1;
                    }
                }
                if (gradBoxes != null) {
                    gradBoxes[gbOff + o * 4] = (float) gx0;
                    gradBoxes[gbOff + o * 4 + 1] = (float) gy0;
                    gradBoxes[gbOff + o * 4 + 2] = (float) gx1;
                    gradBoxes[gbOff + o * 4 + 3] = (float) gy1;
                }
            }
        });
    }
}
