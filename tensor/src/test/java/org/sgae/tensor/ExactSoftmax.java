package org.sgae.tensor;

/**
 * Softmax and log-softmax of float data computed in double, as the math defines them: along n of a row-major
 * [outer, n, inner] array, p = exp(x − m) / Σ exp(x − m) and log p = (x − m) − log Σ exp(x − m). The oracle of the
 * large-logit tests (CPU and device), independent of every backend's own code.
 */
public final class ExactSoftmax {
    private ExactSoftmax() {
    }

    public static double[] of(float[] x, int outer, int n, int inner, boolean log) {
        double[] out = new double[x.length];
        for (int b = 0; b < outer; b++) {
            for (int c = 0; c < inner; c++) {
                int base = b * n * inner + c;
                double m = Double.NEGATIVE_INFINITY;
                for (int i = 0; i < n; i++) {
                    m = Math.max(m, x[base + i * inner]);
                }
                double s = 0;
                for (int i = 0; i < n; i++) {
                    s += Math.exp(x[base + i * inner] - m);
                }
                for (int i = 0; i < n; i++) {
                    double shifted = x[base + i * inner] - m;
                    out[base + i * inner] = log ? shifted - Math.log(s) : Math.exp(shifted) / s;
                }
            }
        }
        return out;
    }

    /**
     * Rows of [outer, n, inner] logits that sit at large offsets (−80, +80, −300, +300 cycling over outer), spread
     * by a few units within a row, so the row's max is large while the log-probabilities are small: the case where
     * rounding m + log s to float before subtracting loses the result's digits.
     */
    public static float[] largeOffsetLogits(long seed, int outer, int n, int inner) {
        float[] offsets = {-80f, 80f, -300f, 300f};
        float[] spread = Rand.uniform(seed, DType.F32, -6, 0, outer, n, inner).toFloatArray();
        for (int i = 0; i < spread.length; i++) {
            spread[i] += offsets[(i / (n * inner)) % offsets.length];
        }
        return spread;
    }
}
