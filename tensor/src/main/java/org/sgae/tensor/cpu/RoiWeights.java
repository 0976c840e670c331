package org.sgae.tensor.cpu;

import org.sgae.tensor.attrs.RoiAlignAttrs;

/**
 * The 1-D bilinear weight profiles of ROI Align, per ROI and bin: for bin (r, ph) the rows
 * yStart..yStart+yLen−1 with weights wy (already divided by the sample count), likewise per (r, pw) for columns;
 * xs/xe is the union column range of ROI r. Arrays grow and are reused (one instance per calling thread).
 * Coordinates follow torchvision's pre_calc exactly, computed in double.
 */
final class RoiWeights {
    int[] batch = new int[0];
    int[] yStart = new int[0];
    int[] yLen = new int[0];
    int[] xStart = new int[0];
    int[] xLen = new int[0];
    int[] xs = new int[0];
    int[] xe = new int[0];
    float[] wy = new float[0];
    float[] wx = new float[0];
    int hStride;
    int wStride;

    void compute(float[] rois, int off, int k, int n, int h, int w, RoiAlignAttrs a) {
        int ph = a.outH();
        int pw = a.outW();
        hStride = h;
        wStride = w;
        if (batch.length < k) {
            batch = new int[k];
            xs = new int[k];
            xe = new int[k];
        }
        if (yStart.length < k * ph) {
            yStart = new int[k * ph];
            yLen = new int[k * ph];
        }
        if (xStart.length < k * pw) {
            xStart = new int[k * pw];
            xLen = new int[k * pw];
        }
        if (wy.length < k * ph * h) {
            wy = new float[k * ph * h];
        }
        if (wx.length < k * pw * w) {
            wx = new float[k * pw * w];
        }
        double offset = a.aligned() ? 0.5 : 0.0;
        for (int r = 0; r < k; r++) {
            int base = off + r * 5;
            float bf = rois[base];
            if (!(bf >= 0 && bf < n) || bf != (int) bf) {
                throw new IllegalArgumentException("roi_align: roi " + r + " has batch index " + bf
                        + ", expected an integer in [0," + n + ")");
            }
            batch[r] = (int) bf;
            double sw = rois[base + 1] * a.spatialScale() - offset;
            double sh = rois[base + 2] * a.spatialScale() - offset;
            double rw = rois[base + 3] * a.spatialScale() - offset - sw;
            double rh = rois[base + 4] * a.spatialScale() - offset - sh;
            if (!a.aligned()) {
                rw = Math.max(rw, 1.0);
                rh = Math.max(rh, 1.0);
            }
            int gh = Math.max(0, a.samplingRatio() > 0 ? a.samplingRatio() : (int) Math.ceil(rh / ph));
            int gw = Math.max(0, a.samplingRatio() > 0 ? a.samplingRatio() : (int) Math.ceil(rw / pw));
            double inv = 1.0 / Math.max(gh * gw, 1);
            for (int i = 0; i < ph; i++) {
                profile(sh, rh / ph, i, gh, h, inv, wy, (r * ph + i) * h, yStart, yLen, r * ph + i);
            }
            int lo = Integer.MAX_VALUE;
            int hi = Integer.MIN_VALUE;
            for (int j = 0; j < pw; j++) {
                int bj = r * pw + j;
                profile(sw, rw / pw, j, gw, w, 1.0, wx, bj * w, xStart, xLen, bj);
                if (xLen[bj] > 0) {
                    lo = Math.min(lo, xStart[bj]);
                    hi = Math.max(hi, xStart[bj] + xLen[bj]);
                }
            }
            xs[r] = lo == Integer.MAX_VALUE ? 0 : lo;
            xe[r] = lo == Integer.MAX_VALUE ? 0 : hi;
        }
    }

    /**
     * One bin's profile along one axis of the given size: samples at start + bin·size + (s + ½)·size/grid, each
     * giving (1 − l) to its low cell and l to its high cell, torchvision's clamping rules, times scale.
     */
    private static void profile(double start, double binSize, int bin, int grid, int size, double scale,
                                float[] wt, int wOff, int[] first, int[] len, int slot) {
        int lo = Integer.MAX_VALUE;
        int hi = -1;
        for (int s = 0; s < grid; s++) {
            double y = start + bin * binSize + (s + 0.5) * binSize / grid;
            if (y < -1.0 || y > size) {
                continue;
            }
            int yl = (int) Math.max(y, 0);
            lo = Math.min(lo, Math.min(yl, size - 1));
            hi = Math.max(hi, Math.min(yl + 1, size - 1));
        }
        if (hi < 0) {
            first[slot] = 0;
            len[slot] = 0;
            return;
        }
        first[slot] = lo;
        len[slot] = hi - lo + 1;
        java.util.Arrays.fill(wt, wOff, wOff + hi - lo + 1, 0f);
        for (int s = 0; s < grid; s++) {
            double y = start + bin * binSize + (s + 0.5) * binSize / grid;
            if (y < -1.0 || y > size) {
                continue;
            }
            y = Math.max(y, 0);
            int yl = (int) y;
            int yh;
            if (yl >= size - 1) {
                yh = yl = size - 1;
                y = yl;
            } else {
                yh = yl + 1;
            }
            double ly = y - yl;
            wt[wOff + yl - lo] += (float) ((1 - ly) * scale);
            wt[wOff + yh - lo] += (float) (ly * scale);
        }
    }
}
