package org.sgae.tensor;

/**
 * Softmax, log-softmax and logsumexp of float data computed in double, as the math defines them: along n of a
 * row-major [outer, n, inner] array, with m the line's max and s = Σ exp(x − m), p = exp(x − m) / s,
 * log p = (x − m) − log s and logsumexp = m + log s. The oracle of the large-logit tests (CPU and device),
 * independent of every backend's own code.
 */
public final class ExactSoftmax {
    private ExactSoftmax() {
    }

    /** Called once per line with its first index, max and shifted exp-sum. */
    private interface Line {
        void accept(int line, int base, double m, double s);
    }

    private static void forEachLine(float[] x, int outer, int n, int inner, Line f) {
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
                f.accept(b * inner + c, base, m, s);
            }
        }
    }

    public static double[] of(float[] x, int outer, int n, int inner, boolean log) {
        double[] out = new double[x.length];
        forEachLine(x, outer, n, inner, (line, base, m, s) -> {
            for (int i = 0; i < n; i++) {
                double shifted = x[base + i * inner] - m;
                out[base + i * inner] = log ? shifted - Math.log(s) : Math.exp(shifted) / s;
            }
        });
        return out;
    }

    /** logsumexp along n: [outer, inner]. */
    public static double[] logSumExp(float[] x, int outer, int n, int inner) {
        double[] out = new double[outer * inner];
        forEachLine(x, outer, n, inner, (line, base, m, s) -> out[line] = m + Math.log(s));
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
