package org.sgae.tensor.cpu;

import org.sgae.tensor.attrs.LayoutWarpAttrs;
import org.sgae.tensor.ops.Op;
import org.sgae.tensor.ops.OpPart.Role;
import org.sgae.tensor.ops.OpPart;

/**
 * Fast layout warping (F32) for object vectors. A constant map warped bilinearly is the separable mask
 * py(y)·px(x) ({@link LayoutProfiles}) times the vector, so
 * <pre>
 *   forward   out[b,d,y,x]  = Σ_{o in b} v[o,d]·py_o(y)·px_o(x)          (axpy on each object's support rows)
 *   backward  gv[o,d]       = Σ_y py(y) Σ_x px(x)·g[b,d,y,x]
 *             gx0[o]        = Σ_d v[o,d] Σ_y py(y) Σ_x dpx0(x)·g   (dpx0 ≠ 0 only on the two edge ramps)
 *             gy0[o]        = Σ_d v[o,d] Σ_y dpy0(y) Σ_x px(x)·g     (likewise x1, y1)
 * </pre>
 * Work is proportional to the boxes' areas, not O·D·H·W·M². Threads split the (b, d) planes in both passes, so
 * neither needs atomics.
 *
 * <p>Shapes: vecs [O,D], boxes [O,4], objToImg [O] (validated by the caller), out/gradOut [B,D,H,W].
 */
@OpPart(role = Role.CPU, ops = Op.LAYOUT_WARP)
public final class LayoutWarpCpu {
    private static final ThreadLocal<LayoutProfiles> PROFILES = ThreadLocal.withInitial(LayoutProfiles::new);
    private static final ThreadLocal<float[]> TERMS = ThreadLocal.withInitial(() -> new float[0]);
    private static final ThreadLocal<float[]> COLUMNS = ThreadLocal.withInitial(() -> new float[0]);
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

    /**
     * gradVecs [O,D] (=) and gradBoxes [O,4] (=, skipped when null) from gradOut [B,D,H,W]. Threads split the
     * (b, d) planes like forward, so each plane is read once while it sits in cache. Per object and plane the
     * support rows are folded into column sums col[x] = Σ_y py(y)·g[y,x] (an axpy per row, vectorised by C2), and
     * the y-ramp rows into colY0/colY1 with dpy0/dpy1; then gv = px·col, x0 term = dpx0·col, y0 term = px·colY0.
     * Box terms are kept per (o, d) and summed over d at the end (no atomics).
     */
    public static void backward(float[] gradOut, int gOff, float[] vecs, int vOff, int nObj, int d, float[] boxes,
                                int bOff, int[] objToImg, LayoutWarpAttrs a, float[] gradVecs, int gvOff,
                                float[] gradBoxes, int gbOff) {
        int h = a.height();
        int w = a.width();
        int images = a.images();
        LayoutProfiles p = PROFILES.get();
        p.compute(boxes, bOff, nObj, a);
        int[][] gr = group(objToImg, nObj, images);
        int[] start = gr[0];
        int[] members = gr[1];
        boolean boxGrad = gradBoxes != null;
        float[] terms = boxGrad ? boxTerms(nObj * d * 4) : null;
        CpuParallel.forRange(images * d, 1, (from, to) -> {
            float[] col = columns(3 * w);
            for (int plane = from; plane < to; plane++) {
                int b = plane / d;
                int dd = plane - b * d;
                int base = gOff + plane * h * w;
                for (int q = start[b]; q < start[b + 1]; q++) {
                    int o = members[q];
                    int xs = p.xr[o * 6];
                    int xe = p.xr[o * 6 + 1];
                    int px = o * w;
                    int py = o * h;
                    java.util.Arrays.fill(col, 0, 3 * w, 0f);
                    for (int y = p.yr[o * 6]; y < p.yr[o * 6 + 1]; y++) {
                        float wy = p.py[py + y];
                        int row = base + y * w;
                        for (int x = xs; x < xe; x++) {
                            col[x] += wy * gradOut[row + x];
                        }
                    }
                    float gv = 0f;
                    for (int x = xs; x < xe; x++) {
                        gv += p.px[px + x] * col[x];
                    }
                    gradVecs[gvOff + o * d + dd] = gv;
                    if (!boxGrad) {
                        continue;
                    }
                    rampRows(p, o, h, w, gradOut, base, col, p.yr[o * 6 + 2], p.yr[o * 6 + 3]);
                    rampRows(p, o, h, w, gradOut, base, col, p.yr[o * 6 + 4], p.yr[o * 6 + 5]);
                    float ex0 = 0f;
                    float ex1 = 0f;
                    for (int x = xs; x < xe; x++) {
                        ex0 += p.dpx0[px + x] * col[x];
                        ex1 += p.dpx1[px + x] * col[x];
                    }
                    float ey0 = 0f;
                    float ey1 = 0f;
                    for (int x = xs; x < xe; x++) {
                        ey0 += p.px[px + x] * col[w + x];
                        ey1 += p.px[px + x] * col[2 * w + x];
                    }
                    float v = vecs[vOff + o * d + dd];
                    int t = (o * d + dd) * 4;
                    terms[t] = v * ex0;
                    terms[t + 1] = v * ey0;
                    terms[t + 2] = v * ex1;
                    terms[t + 3] = v * ey1;
                }
            }
        });
        if (boxGrad) {
            for (int o = 0; o < nObj; o++) {
                double[] sum = new double[4];
                for (int dd = 0; dd < d; dd++) {
                    for (int c = 0; c < 4; c++) {
                        sum[c] += terms[(o * d + dd) * 4 + c];
                    }
                }
                for (int c = 0; c < 4; c++) {
                    gradBoxes[gbOff + o * 4 + c] = (float) sum[c];
                }
            }
        }
    }

    /** Adds the y-ramp rows [y0, y1) into col[w..2w) (× dpy0) and col[2w..3w) (× dpy1). */
    private static void rampRows(LayoutProfiles p, int o, int h, int w, float[] g, int base, float[] col, int y0,
                                 int y1) {
        int xs = p.xr[o * 6];
        int xe = p.xr[o * 6 + 1];
        for (int y = y0; y < y1; y++) {
            float w0 = p.dpy0[o * h + y];
            float w1 = p.dpy1[o * h + y];
            int row = base + y * w;
            for (int x = xs; x < xe; x++) {
                col[w + x] += w0 * g[row + x];
                col[2 * w + x] += w1 * g[row + x];
            }
        }
    }

    private static float[] boxTerms(int n) {
        float[] t = TERMS.get();
        if (t.length < n) {
            t = new float[n];
            TERMS.set(t);
        }
        return t;
    }

    private static float[] columns(int n) {
        float[] c = COLUMNS.get();
        if (c.length < n) {
            c = new float[n];
            COLUMNS.set(c);
        }
        return c;
    }
}
