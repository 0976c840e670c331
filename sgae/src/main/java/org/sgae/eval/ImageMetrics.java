package org.sgae.eval;

/**
 * The image metrics of eval-spec §7 on float images [C, H, W] (channel-major, values in [0, 1]): L1, PSNR and SSIM
 * (11×11 Gaussian window, σ = 1.5, "valid" positions only, C1 = 0.01², C2 = 0.03²; equal to scikit-image's
 * structural_similarity with gaussian_weights=True, use_sample_covariance=False, data_range=1). All sums in double.
 */
public final class ImageMetrics {
    /** The Gaussian window's radius: 11 taps, k = −5..5. */
    static final int RADIUS = 5;
    static final double SIGMA = 1.5;
    static final double C1 = 0.01 * 0.01;
    static final double C2 = 0.03 * 0.03;
    /** PSNR clamps the MSE here (100 dB for identical images). */
    static final double MIN_MSE = 1e-10;
    private static final double[] WEIGHTS = weights();

    private ImageMetrics() {
    }

    /** One image's values. */
    public record Values(double l1, double psnr, double ssim) {
    }

    /** The three metrics of a against b, both [channels·height·width]. */
    public static Values of(float[] a, float[] b, int channels, int height, int width) {
        check(a, b, channels, height, width);
        return new Values(l1(a, b), psnr(a, b), ssim(a, b, channels, height, width));
    }

    /** mean |a − b|. */
    public static double l1(float[] a, float[] b) {
        check(a, b, 1, 1, a == null ? 0 : a.length);
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += Math.abs((double) a[i] - b[i]);
        }
        return s / a.length;
    }

    /** 10·log10(1 / max(MSE, 1e-10)) dB, data range 1. */
    public static double psnr(float[] a, float[] b) {
        check(a, b, 1, 1, a == null ? 0 : a.length);
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            double d = (double) a[i] - b[i];
            s += d * d;
        }
        return 10 * Math.log10(1 / Math.max(s / a.length, MIN_MSE));
    }

    /** SSIM: the mean over valid positions of the SSIM map, then the mean over channels. */
    public static double ssim(float[] a, float[] b, int channels, int height, int width) {
        check(a, b, channels, height, width);
        int oh = height - 2 * RADIUS;
        int ow = width - 2 * RADIUS;
        if (oh < 1 || ow < 1) {
            throw new IllegalArgumentException("ssim: images must be at least 11x11, got " + height + "x" + width);
        }
        int plane = height * width;
        double total = 0;
        double[] x = new double[plane];
        double[] y = new double[plane];
        double[] xx = new double[plane];
        double[] yy = new double[plane];
        double[] xy = new double[plane];
        for (int c = 0; c < channels; c++) {
            for (int i = 0; i < plane; i++) {
                double va = a[c * plane + i];
                double vb = b[c * plane + i];
                x[i] = va;
                y[i] = vb;
                xx[i] = va * va;
                yy[i] = vb * vb;
                xy[i] = va * vb;
            }
            double[] mx = filter(x, height, width);
            double[] my = filter(y, height, width);
            double[] exx = filter(xx, height, width);
            double[] eyy = filter(yy, height, width);
            double[] exy = filter(xy, height, width);
            double sum = 0;
            for (int i = 0; i < oh * ow; i++) {
                double sx = exx[i] - mx[i] * mx[i];
                double sy = eyy[i] - my[i] * my[i];
                double sxy = exy[i] - mx[i] * my[i];
                sum += ((2 * mx[i] * my[i] + C1) * (2 * sxy + C2))
                        / ((mx[i] * mx[i] + my[i] * my[i] + C1) * (sx + sy + C2));
            }
            total += sum / (oh * ow);
        }
        return total / channels;
    }

    /** Separable "valid" Gaussian filter of one plane [h, w] → [(h − 10), (w − 10)]. */
    private static double[] filter(double[] v, int h, int w) {
        int ow = w - 2 * RADIUS;
        int oh = h - 2 * RADIUS;
        double[] rows = new double[h * ow];
        for (int r = 0; r < h; r++) {
            for (int c = 0; c < ow; c++) {
                double s = 0;
                for (int k = 0; k <= 2 * RADIUS; k++) {
                    s += WEIGHTS[k] * v[r * w + c + k];
                }
                rows[r * ow + c] = s;
            }
        }
        double[] out = new double[oh * ow];
        for (int r = 0; r < oh; r++) {
            for (int c = 0; c < ow; c++) {
                double s = 0;
                for (int k = 0; k <= 2 * RADIUS; k++) {
                    s += WEIGHTS[k] * rows[(r + k) * ow + c];
                }
                out[r * ow + c] = s;
            }
        }
        return out;
    }

    /** w_k ∝ exp(−k²/(2σ²)), k = −5..5, summing to 1. */
    private static double[] weights() {
        double[] w = new double[2 * RADIUS + 1];
        double sum = 0;
        for (int k = -RADIUS; k <= RADIUS; k++) {
            w[k + RADIUS] = Math.exp(-(k * k) / (2 * SIGMA * SIGMA));
            sum += w[k + RADIUS];
        }
        for (int k = 0; k < w.length; k++) {
            w[k] /= sum;
        }
        return w;
    }

    private static void check(float[] a, float[] b, int channels, int height, int width) {
        long n = (long) channels * height * width;
        if (a == null || b == null || a.length != n || b.length != n) {
            throw new IllegalArgumentException("image metrics: both images must be [" + channels + ", " + height
                    + ", " + width + "] = " + n + " values, got " + (a == null ? "null" : a.length) + " and "
                    + (b == null ? "null" : b.length));
        }
    }

    /** Dataset means (§7: the mean over images) of the per-image values. */
    public static final class Mean {
        private double l1;
        private double psnr;
        private double ssim;
        private long n;

        public void add(Values v) {
            l1 += v.l1();
            psnr += v.psnr();
            ssim += v.ssim();
            n++;
        }

        public long count() {
            return n;
        }

        public Values mean() {
            return n == 0 ? new Values(Double.NaN, Double.NaN, Double.NaN) : new Values(l1 / n, psnr / n, ssim / n);
        }
    }
}
