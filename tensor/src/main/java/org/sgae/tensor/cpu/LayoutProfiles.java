package org.sgae.tensor.cpu;

import org.sgae.tensor.attrs.LayoutWarpAttrs;

/**
 * Per-object 1-D profiles of a constant M×M map warped bilinearly into its box (zero padding). Along x, canvas
 * column x samples source column ix = X′·s + c with X′ = (a(x) − x0)/(x1 − x0); the sampled value of an all-ones
 * map is p(ix) = Σ_i max(0, 1 − |ix − i|) = clamp(min(ix + 1, M − ix), 0, 1), and the 2-D mask is py(y)·px(x).
 * We also keep d px/d x0 and d px/d x1 (p′ = +1 on (−1, 0), −1 on (M − 1, M), chain rule
 * d ix/d x0 = s·(X′ − 1)/bw, d ix/d x1 = −s·X′/bw), and the column ranges where p or p′ may be non-zero
 * (support) and where p′ may be non-zero (two ramps). Same along y. Arrays are [O·W] / [O·H], grown and reused.
 */
final class LayoutProfiles {
    float[] px = new float[0];
    float[] dpx0 = new float[0];
    float[] dpx1 = new float[0];
    float[] py = new float[0];
    float[] dpy0 = new float[0];
    float[] dpy1 = new float[0];
    /** Per object and axis: support [lo, hi) and the two ramps [r0, r1), [r2, r3); 6 ints per object per axis. */
    int[] xr = new int[0];
    int[] yr = new int[0];

    void compute(float[] boxes, int off, int nObj, LayoutWarpAttrs a) {
        int h = a.height();
        int w = a.width();
        if (px.length < nObj * w) {
            px = new float[nObj * w];
            dpx0 = new float[nObj * w];
            dpx1 = new float[nObj * w];
        }
        if (py.length < nObj * h) {
            py = new float[nObj * h];
            dpy0 = new float[nObj * h];
            dpy1 = new float[nObj * h];
        }
        if (xr.length < nObj * 6) {
            xr = new int[nObj * 6];
            yr = new int[nObj * 6];
        }
        for (int o = 0; o < nObj; o++) {
            int b = off + o * 4;
            axis(boxes[b], boxes[b + 2], w, a, px, dpx0, dpx1, o * w, xr, o * 6);
            axis(boxes[b + 1], boxes[b + 3], h, a, py, dpy0, dpy1, o * h, yr, o * 6);
        }
    }

    private static void axis(double lo, double hi, int n, LayoutWarpAttrs a, float[] p, float[] d0, float[] d1,
                             int pOff, int[] ranges, int rOff) {
        int m = a.mapSize();
        double s = a.grid().sourceScale(m);
        double c = a.grid().sourceOffset();
        double size = hi - lo;
        int first = n;
        int last = -1;
        int rampLo = n;
        int rampHi = -1;
        for (int x = 0; x < n; x++) {
            double u = (a.grid().canvas(x, n) - lo) / size;
            double ix = u * s + c;
            double v = Math.max(0, Math.min(1, Math.min(ix + 1, m - ix)));
            double dp = (ix > -1 && ix < 0 ? 1 : 0) - (ix > m - 1 && ix < m ? 1 : 0);
            p[pOff + x] = (float) v;
            d0[pOff + x] = (float) (dp * s * (u - 1) / size);
            d1[pOff + x] = (float) (dp * (-s * u / size));
            if (v != 0 || dp != 0) {
                first = Math.min(first, x);
                last = Math.max(last, x);
            }
            if (dp != 0) {
                rampLo = Math.min(rampLo, x);
                rampHi = Math.max(rampHi, x);
            }
        }
        if (last < 0) {
            first = 0;
            last = -1;
        }
        ranges[rOff] = first;
        ranges[rOff + 1] = last + 1;
        // ramps sit at the two ends of the support; split the derivative range where p' stops being non-zero
        int r1 = rampLo;
        while (r1 <= rampHi && d0[pOff + r1] != 0 || r1 <= rampHi && d1[pOff + r1] != 0) {
            r1++;
        }
        int r2 = Math.max(r1, rampHi + 1);
        while (r2 > r1 && (d0[pOff + r2 - 1] != 0 || d1[pOff + r2 - 1] != 0)) {
            r2--;
        }
        if (rampHi < 0) {
            rampLo = r1 = r2 = 0;
            rampHi = -1;
        }
        ranges[rOff + 2] = rampLo;
        ranges[rOff + 3] = r1;
        ranges[rOff + 4] = r2;
        ranges[rOff + 5] = rampHi + 1;
    }
}
