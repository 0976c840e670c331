package org.sgae.tensor.cpu.ref;

import org.sgae.tensor.Tensor;
import org.sgae.tensor.memory.CpuStorage;
import org.sgae.tensor.ops.Op;
import org.sgae.tensor.ops.OpPart;
import org.sgae.tensor.ops.OpPart.Role;

/**
 * Plain-loop reference of batch norm over dim 1 of a contiguous x [N,C,H,W] or [N,C] (hw = 1), double
 * accumulators, forward and backward adjacent. Per channel c, over its M = N·H·W values:
 * mean = Σx/M, var = Σ(x−mean)²/M (biased), y = (x−mean)·invStd·w + b.
 */
@OpPart(role = Role.REFERENCE, ops = Op.BATCH_NORM)
public final class BatchNormRef {
    private BatchNormRef() {
    }

    private static int hw(Tensor x) {
        return x.rank() == 2 ? 1 : x.dim(2) * x.dim(3);
    }

    /** Two-pass mean and biased variance per channel into mean [C], var [C]. */
    public static void stats(Tensor x, Tensor mean, Tensor var) {
        CpuStorage xs = x.cpu();
        int n = x.dim(0);
        int c = x.dim(1);
        int hw = hw(x);
        double m = (double) n * hw;
        for (int ch = 0; ch < c; ch++) {
            double s = 0;
            for (int b = 0; b < n; b++) {
                int base = x.offset() + (b * c + ch) * hw;
                for (int i = 0; i < hw; i++) {
                    s += xs.getDouble(base + i);
                }
            }
            double mu = s / m;
            double q = 0;
            for (int b = 0; b < n; b++) {
                int base = x.offset() + (b * c + ch) * hw;
                for (int i = 0; i < hw; i++) {
                    double d = xs.getDouble(base + i) - mu;
                    q += d * d;
                }
            }
            mean.cpu().setDouble(mean.offset() + ch, mu);
            var.cpu().setDouble(var.offset() + ch, q / m);
        }
    }

    /** out = (x − mean[c])·invStd[c]·weight[c] + bias[c]; null weight = 1, null bias = 0. */
    public static void apply(Tensor x, Tensor mean, Tensor invStd, Tensor weight, Tensor bias, Tensor out) {
        CpuStorage xs = x.cpu();
        CpuStorage os = out.cpu();
        int n = x.dim(0);
        int c = x.dim(1);
        int hw = hw(x);
        for (int b = 0; b < n; b++) {
            for (int ch = 0; ch < c; ch++) {
                double mu = get(mean, ch, 0);
                double is = get(invStd, ch, 1);
                double wt = get(weight, ch, 1);
                double bs = get(bias, ch, 0);
                int base = (b * c + ch) * hw;
                for (int i = 0; i < hw; i++) {
                    double v = (xs.getDouble(x.offset() + base + i) - mu) * is * wt + bs;
                    os.setDouble(out.offset() + base + i, v);
                }
            }
        }
    }

    /**
     * With xhat = (x−mean)·invStd: gradBias = Σg, gradWeight = Σg·xhat. training (batch stats depend on x):
     * gradIn = w·invStd·(g − gradBias/M − xhat·gradWeight/M); else gradIn = g·w·invStd. gradWeight/gradBias may
     * be null (not wanted).
     */
    public static void backward(Tensor gradOut, Tensor x, Tensor mean, Tensor invStd, Tensor weight,
                                boolean training, Tensor gradIn, Tensor gradWeight, Tensor gradBias) {
        CpuStorage gs = gradOut.cpu();
        CpuStorage xs = x.cpu();
        CpuStorage is = gradIn.cpu();
        int n = x.dim(0);
        int c = x.dim(1);
        int hw = hw(x);
        double m = (double) n * hw;
        for (int ch = 0; ch < c; ch++) {
            double mu = get(mean, ch, 0);
            double inv = get(invStd, ch, 1);
            double wt = get(weight, ch, 1);
            double sg = 0;
            double sgx = 0;
            for (int b = 0; b < n; b++) {
                int base = (b * c + ch) * hw;
                for (int i = 0; i < hw; i++) {
                    double g = gs.getDouble(gradOut.offset() + base + i);
                    sg += g;
                    sgx += g * (xs.getDouble(x.offset() + base + i) - mu) * inv;
                }
            }
            if (gradBias != null) {
                gradBias.cpu().setDouble(gradBias.offset() + ch, sg);
            }
            if (gradWeight != null) {
                gradWeight.cpu().setDouble(gradWeight.offset() + ch, sgx);
            }
            for (int b = 0; b < n; b++) {
                int base = (b * c + ch) * hw;
                for (int i = 0; i < hw; i++) {
                    double g = gs.getDouble(gradOut.offset() + base + i);
                    double v;
                    if (training) {
                        double xhat = (xs.getDouble(x.offset() + base + i) - mu) * inv;
                        v = wt * inv * (g - sg / m - xhat * sgx / m);
                    } else {
                        v = g * wt * inv;
                    }
                    is.setDouble(gradIn.offset() + base + i, v);
                }
            }
        }
    }

    private static double get(Tensor t, int i, double absent) {
        return t == null ? absent : t.cpu().getDouble(t.offset() + i);
    }
}
