package org.sgae.data.image;

/**
 * PIL-style antialiased bilinear resize (Image.resize with BILINEAR, i.e. ImagingResample's triangle filter): per
 * axis, output pixel i has centre c = (i + ½)·scale in input pixels (scale = in/out); when downscaling, the triangle's
 * support is widened to `scale` (the filter is stretched by the downscale factor, which is what antialiases), else it
 * is 1. Input pixel j gets weight tri((j + ½ − c)/max(scale, 1)), tri(x) = max(0, 1 − |x|), over j in PIL's window
 * [⌊c − support + ½⌋, ⌊c + support + ½⌋) clipped to the image, and the weights are normalised to sum 1. Horizontal
 * pass, then vertical, in float (PIL rounds to 8 bits between passes; we do not). Used for the generator's 64×64
 * targets (model-spec §9, eval-spec §7).
 */
public final class AntialiasResize {
    private AntialiasResize() {
    }

    /** Weights of one axis: for each output pixel, the first input index and its normalised weights. */
    record AxisWeights(int[] first, double[][] weights) {
    }

    static AxisWeights axis(int in, int out) {
        double scale = (double) in / out;
        double filterScale = Math.max(scale, 1.0);
        double support = filterScale; // the triangle's support 1, stretched
        int[] first = new int[out];
        double[][] weights = new double[out][];
        for (int i = 0; i < out; i++) {
            double center = (i + 0.5) * scale;
            int lo = Math.max((int) (center - support + 0.5), 0);
            int hi = Math.min((int) (center + support + 0.5), in);
            double[] w = new double[Math.max(hi - lo, 0)];
            double total = 0;
            for (int j = lo; j < hi; j++) {
                double x = (j - center + 0.5) / filterScale;
                double t = Math.max(0, 1 - Math.abs(x));
                w[j - lo] = t;
                total += t;
            }
            for (int k = 0; k < w.length; k++) {
                w[k] = total == 0 ? 0 : w[k] / total;
            }
            first[i] = lo;
            weights[i] = w;
        }
        return new AxisWeights(first, weights);
    }

    /**
     * Resizes a CHW float image.
     *
     * @param src      [channels · srcH · rowStride] values; row y of channel c starts at (c·srcH + y)·rowStride
     * @param channels C
     * @param srcH     rows to read
     * @param srcW     columns to read (≤ rowStride), so a padded image's valid top-left part can be resized in place
     * @param rowStride the allocated width of src (≥ srcW)
     * @param plane    the allocated height of one channel in src (≥ srcH)
     * @return [C · outH · outW]
     */
    public static float[] resize(float[] src, int channels, int srcH, int srcW, int rowStride, int plane, int outH,
                                 int outW) {
        if (channels < 1 || srcH < 1 || srcW < 1 || outH < 1 || outW < 1 || rowStride < srcW || plane < srcH
                || src.length < channels * plane * rowStride) {
            throw new IllegalArgumentException("AntialiasResize: bad geometry: " + channels + "×" + srcH + "×" + srcW
                    + " (stride " + rowStride + ", plane " + plane + ") of " + src.length + " values → " + outH + "×"
                    + outW);
        }
        AxisWeights wx = axis(srcW, outW);
        AxisWeights wy = axis(srcH, outH);
        float[] out = new float[channels * outH * outW];
        double[] tmp = new double[srcH * outW];
        for (int c = 0; c < channels; c++) {
            int base = c * plane * rowStride;
            for (int y = 0; y < srcH; y++) {
                int row = base + y * rowStride;
                for (int x = 0; x < outW; x++) {
                    double[] w = wx.weights()[x];
                    int f = wx.first()[x];
                    double s = 0;
                    for (int k = 0; k < w.length; k++) {
                        s += w[k] * src[row + f + k];
                    }
                    tmp[y * outW + x] = s;
                }
            }
            for (int y = 0; y < outH; y++) {
                double[] w = wy.weights()[y];
                int f = wy.first()[y];
                for (int x = 0; x < outW; x++) {
                    double s = 0;
                    for (int k = 0; k < w.length; k++) {
                        s += w[k] * tmp[(f + k) * outW + x];
                    }
                    out[(c * outH + y) * outW + x] = (float) s;
                }
            }
        }
        return out;
    }
}
