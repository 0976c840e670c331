package org.sgae.tensor.ops;

import java.util.SplittableRandom;
import org.sgae.tensor.DType;
import org.sgae.tensor.Shape;
import org.sgae.tensor.Tensor;
import org.sgae.tensor.attrs.Conv2dAttrs;
import org.sgae.tensor.attrs.Pool2dAttrs;
import org.sgae.tensor.spi.Backends;
import org.sgae.tensor.spi.NnKernels;

/**
 * Convolution, pooling, resampling, batch norm and dropout on NCHW tensors. Each op checks its arguments (messages
 * name the op and the shapes), makes its inputs contiguous, allocates the output and runs the backend's
 * {@link NnKernels}. The {@code *Backward} helpers are the kernels' backward passes for autograd; they are not
 * recorded (double backward is unsupported).
 */
public final class Nn {
    private Nn() {
    }

    /** Saved by max pooling: argmax [N,C,OH,OW] I32 (flat h*W+w in the input plane) and the input shape. */
    public record MaxPoolAttrs(Pool2dAttrs pool, Tensor argmax, Shape inputShape) {
    }

    /** Saved by avg pooling, adaptive pooling and upsampling: the geometry (pool may be null) and input shape. */
    public record ResampleAttrs(Pool2dAttrs pool, Shape inputShape) {
    }

    /** Saved by batch norm: the statistics used, per channel [C], and whether they were batch statistics. */
    public record BatchNormAttrs(boolean training, Tensor mean, Tensor invStd) {
    }

    private static NnKernels kernels(Tensor t) {
        return Backends.of(t.device()).nn();
    }

    // ------------------------------------------------------------------ convolution

    /** x [N,C,H,W] * w [O,C,KH,KW] (+ bias [O], may be null) → [N,O,OH,OW]; groups = 1. */
    public static Tensor conv2d(Tensor x, Tensor w, Tensor bias, Conv2dAttrs a) {
        Checks.rank("conv2d", x, 4);
        Checks.rank("conv2d", w, 4);
        Checks.floating("conv2d", x);
        Checks.sameDevice("conv2d", x, w);
        Checks.check(x.dtype() == w.dtype(), "conv2d: dtypes differ: x " + x.dtype() + " " + x.shape() + ", w "
                + w.dtype() + " " + w.shape());
        Checks.check(w.dim(0) > 0 && w.dim(1) > 0, "conv2d: weight " + w.shape() + " has no channels, x " + x.shape());
        Checks.check(x.dim(1) == w.dim(1), "conv2d: input channels differ: x " + x.shape() + " has " + x.dim(1)
                + ", weight " + w.shape() + " expects " + w.dim(1));
        if (bias != null) {
            Checks.sameDevice("conv2d", x, bias);
            Checks.check(bias.rank() == 1 && bias.dim(0) == w.dim(0) && bias.dtype() == x.dtype(),
                    "conv2d: bias " + bias.shape() + " " + bias.dtype() + " does not match weight " + w.shape());
        }
        int oh = a.outH(x.dim(2), w.dim(2));
        int ow = a.outW(x.dim(3), w.dim(3));
        Checks.check(oh > 0 && ow > 0, "conv2d: output would be empty: x " + x.shape() + ", w " + w.shape() + ", "
                + a);
        Tensor xc = x.contiguous();
        Tensor wc = w.contiguous();
        Tensor bc = bias == null ? null : bias.contiguous();
        Tensor out = Tensor.empty(Shape.of(x.dim(0), w.dim(0), oh, ow), x.dtype(), x.device());
        if (out.numel() > 0) {
            kernels(x).conv2d(xc, wc, bc, a, out);
        }
        return Dispatch.record(Op.CONV2D, a, out, xc, wc, bc);
    }

    /** gradIn [inputShape] of conv2d, from gradOut [N,O,OH,OW] and w [O,C,KH,KW]. */
    public static Tensor conv2dGradInput(Tensor gradOut, Tensor w, Conv2dAttrs a, Shape inputShape) {
        Tensor gi = Tensor.empty(inputShape, gradOut.dtype(), gradOut.device());
        if (gi.numel() > 0) {
            kernels(gradOut).conv2dGradInput(gradOut.contiguous(), w.contiguous(), a, gi);
        }
        return gi;
    }

    /** {gradW [weightShape], gradBias [O] or null} of conv2d, from gradOut and x. */
    public static Tensor[] conv2dGradWeight(Tensor gradOut, Tensor x, Conv2dAttrs a, Shape weightShape,
                                            boolean withBias) {
        Tensor gw = Tensor.empty(weightShape, gradOut.dtype(), gradOut.device());
        Tensor gb = withBias ? Tensor.empty(Shape.of(weightShape.dim(0)), gradOut.dtype(), gradOut.device()) : null;
        if (x.dim(0) == 0) {
            // empty batch: no terms in the sums
            Backends.of(gw.device()).elementwise().fill(gw, 0);
            if (gb != null) {
                Backends.of(gb.device()).elementwise().fill(gb, 0);
            }
        } else {
            kernels(gradOut).conv2dGradWeight(gradOut.contiguous(), x.contiguous(), a, gw, gb);
        }
        return new Tensor[] {gw, gb};
    }

    // ------------------------------------------------------------------ pooling and resampling

    private static void checkPlanes(String op, Tensor x) {
        Checks.rank(op, x, 4);
        Checks.floating(op, x);
    }

    /** Max over windows; padded cells count as −∞. x [N,C,H,W] → [N,C,OH,OW]. */
    public static Tensor maxPool2d(Tensor x, Pool2dAttrs a) {
        checkPlanes("max_pool2d", x);
        Shape os = pooledShape("max_pool2d", x, a);
        Tensor xc = x.contiguous();
        Tensor out = Tensor.empty(os, x.dtype(), x.device());
        Tensor argmax = Tensor.empty(os, DType.I32, x.device());
        if (out.numel() > 0) {
            kernels(x).maxPool2d(xc, a, out, argmax);
        }
        return Dispatch.record(Op.MAX_POOL2D, new MaxPoolAttrs(a, argmax, x.shape()), out, xc);
    }

    public static Tensor maxPool2dBackward(Tensor gradOut, MaxPoolAttrs s) {
        Tensor gi = Tensor.empty(s.inputShape(), gradOut.dtype(), gradOut.device());
        if (gi.numel() > 0) {
            kernels(gi).maxPool2dBackward(gradOut.contiguous(), s.argmax(), gi);
        }
        return gi;
    }

    /** Mean over windows, padded cells counted (divisor kernelH·kernelW, PyTorch's count_include_pad). */
    public static Tensor avgPool2d(Tensor x, Pool2dAttrs a) {
        checkPlanes("avg_pool2d", x);
        Shape os = pooledShape("avg_pool2d", x, a);
        Tensor xc = x.contiguous();
        Tensor out = Tensor.empty(os, x.dtype(), x.device());
        if (out.numel() > 0) {
            kernels(x).avgPool2d(xc, a, out);
        }
        return Dispatch.record(Op.AVG_POOL2D, new ResampleAttrs(a, x.shape()), out, xc);
    }

    public static Tensor avgPool2dBackward(Tensor gradOut, ResampleAttrs s) {
        Tensor gi = Tensor.empty(s.inputShape(), gradOut.dtype(), gradOut.device());
        if (gi.numel() > 0) {
            kernels(gi).avgPool2dBackward(gradOut.contiguous(), s.pool(), gi);
        }
        return gi;
    }

    private static Shape pooledShape(String op, Tensor x, Pool2dAttrs a) {
        int oh = a.outH(x.dim(2));
        int ow = a.outW(x.dim(3));
        Checks.check(x.dim(2) + 2 * a.padH() >= a.kernelH() && x.dim(3) + 2 * a.padW() >= a.kernelW(),
                op + ": window " + a.kernelH() + "x" + a.kernelW() + " larger than padded input " + x.shape()
                        + " with pad (" + a.padH() + "," + a.padW() + ")");
        return Shape.of(x.dim(0), x.dim(1), oh, ow);
    }

    /** PyTorch's adaptive average pooling to [N,C,oh,ow]; bins overlap when sizes do not divide. */
    public static Tensor adaptiveAvgPool2d(Tensor x, int oh, int ow) {
        checkPlanes("adaptive_avg_pool2d", x);
        Checks.check(oh > 0 && ow > 0, "adaptive_avg_pool2d: output size " + oh + "x" + ow + " must be positive, input "
                + x.shape());
        Checks.check(x.dim(2) > 0 && x.dim(3) > 0, "adaptive_avg_pool2d: empty planes in input " + x.shape());
        Tensor xc = x.contiguous();
        Tensor out = Tensor.empty(Shape.of(x.dim(0), x.dim(1), oh, ow), x.dtype(), x.device());
        if (out.numel() > 0) {
            kernels(x).adaptiveAvgPool2d(xc, out);
        }
        return Dispatch.record(Op.ADAPTIVE_AVG_POOL2D, new ResampleAttrs(null, x.shape()), out, xc);
    }

    public static Tensor adaptiveAvgPool2dBackward(Tensor gradOut, ResampleAttrs s) {
        Tensor gi = Tensor.empty(s.inputShape(), gradOut.dtype(), gradOut.device());
        if (gi.numel() > 0) {
            kernels(gi).adaptiveAvgPool2dBackward(gradOut.contiguous(), gi);
        }
        return gi;
    }

    /** Nearest upsampling by integer factors: [N,C,H,W] → [N,C,H·scaleH,W·scaleW]. */
    public static Tensor upsampleNearest2d(Tensor x, int scaleH, int scaleW) {
        checkPlanes("upsample_nearest2d", x);
        Checks.check(scaleH >= 1 && scaleW >= 1, "upsample_nearest2d: scales (" + scaleH + "," + scaleW
                + ") must be >= 1, input " + x.shape());
        Tensor xc = x.contiguous();
        Shape os = Shape.of(x.dim(0), x.dim(1), x.dim(2) * scaleH, x.dim(3) * scaleW);
        Tensor out = Tensor.empty(os, x.dtype(), x.device());
        if (out.numel() > 0) {
            kernels(x).upsampleNearest2d(xc, out);
        }
        return Dispatch.record(Op.UPSAMPLE_NEAREST2D, new ResampleAttrs(null, x.shape()), out, xc);
    }

    public static Tensor upsampleNearest2dBackward(Tensor gradOut, ResampleAttrs s) {
        Tensor gi = Tensor.empty(s.inputShape(), gradOut.dtype(), gradOut.device());
        if (gi.numel() > 0) {
            kernels(gi).upsampleNearest2dBackward(gradOut.contiguous(), gi);
        }
        return gi;
    }

    // ------------------------------------------------------------------ batch norm

    /**
     * Batch norm over dim 1 of x [N,C,H,W] or [N,C]. training: normalises with the batch mean and biased variance
     * and, when running stats are given, updates them in place: r = (1−momentum)·r + momentum·stat, with the
     * UNBIASED variance (as PyTorch). eval: normalises with the running stats. weight/bias [C] may be null
     * (affine = false). Returns y shaped like x.
     */
    public static Tensor batchNorm(Tensor x, Tensor weight, Tensor bias, Tensor runningMean, Tensor runningVar,
                                   boolean training, double momentum, double eps) {
        Checks.check(x.rank() == 2 || x.rank() == 4, "batch_norm: expected [N,C] or [N,C,H,W], got " + x.shape());
        Checks.floating("batch_norm", x);
        int c = x.dim(1);
        for (Tensor p : new Tensor[] {weight, bias, runningMean, runningVar}) {
            if (p != null) {
                Checks.sameDevice("batch_norm", x, p);
                Checks.check(p.rank() == 1 && p.dim(0) == c && p.dtype() == x.dtype(), "batch_norm: parameter "
                        + p.shape() + " " + p.dtype() + " does not match " + c + " channels of input " + x.shape()
                        + " " + x.dtype());
            }
        }
        Checks.check((runningMean == null) == (runningVar == null),
                "batch_norm: give both running mean and running var, or neither");
        Checks.check(training || runningMean != null, "batch_norm: eval mode needs running stats, input " + x.shape());
        Checks.check(eps > 0, "batch_norm: eps " + eps + " must be > 0");
        Tensor xc = x.contiguous();
        Tensor mean;
        Tensor var;
        int m = x.numel() / Math.max(1, c);
        if (training) {
            Checks.check(m > 1, "batch_norm: training needs more than one value per channel, input " + x.shape());
            mean = Tensor.empty(Shape.of(c), x.dtype(), x.device());
            var = Tensor.empty(Shape.of(c), x.dtype(), x.device());
            kernels(x).batchNormStats(xc, mean, var);
            if (runningMean != null) {
                try (NoGrad g = new NoGrad()) {
                    blendInto(runningMean, mean, momentum);
                    blendInto(runningVar, Elementwise.mulScalar(var, (double) m / (m - 1)), momentum);
                }
            }
        } else {
            mean = null;
            var = runningVar;
        }
        Tensor invStd;
        try (NoGrad g = new NoGrad()) {
            // eval: a snapshot [C], so backward sees the stats this forward used even if the running stats are
            // updated in place before it runs
            mean = mean != null ? mean : Elementwise.copy(runningMean);
            invStd = Elementwise.powScalar(Elementwise.addScalar(var, eps), -0.5);
        }
        Tensor out = Tensor.empty(x.shape(), x.dtype(), x.device());
        if (out.numel() > 0) {
            kernels(x).batchNormApply(xc, mean, invStd, contiguousOrNull(weight), contiguousOrNull(bias), out);
        }
        return Dispatch.record(Op.BATCH_NORM, new BatchNormAttrs(training, mean, invStd), out, xc, weight, bias);
    }

    /** {gradIn, gradWeight, gradBias} of batch norm (gradients of null weight/bias are null). */
    public static Tensor[] batchNormBackward(Tensor gradOut, Tensor x, Tensor weight, boolean withBias,
                                             BatchNormAttrs s) {
        Tensor gi = Tensor.empty(x.shape(), x.dtype(), x.device());
        Shape cs = Shape.of(x.dim(1));
        Tensor gw = weight == null ? null : Tensor.empty(cs, x.dtype(), x.device());
        Tensor gb = withBias ? Tensor.empty(cs, x.dtype(), x.device()) : null;
        kernels(x).batchNormBackward(gradOut.contiguous(), x.contiguous(), s.mean(), s.invStd(),
                contiguousOrNull(weight), s.training(), gi, gw, gb);
        return new Tensor[] {gi, gw, gb};
    }

    /** running ← (1−m)·running + m·stat, in place (running may be any view). */
    private static void blendInto(Tensor running, Tensor stat, double m) {
        Tensor blended = Elementwise.add(Elementwise.mulScalar(running, 1 - m), Elementwise.mulScalar(stat, m));
        Elementwise.copyInto(blended, running);
    }

    private static Tensor contiguousOrNull(Tensor t) {
        return t == null ? null : t.contiguous();
    }

    /** Grad mode off for statistics bookkeeping (running stats never require grad). */
    private static final class NoGrad implements AutoCloseable {
        private final boolean prev = Dispatch.setGradEnabled(false);

        @Override
        public void close() {
            Dispatch.setGradEnabled(prev);
        }
    }

    // ------------------------------------------------------------------ dropout (composite)

    /**
     * Inverted dropout: x·mask/(1−p) with mask ~ Bernoulli(1−p) drawn on the host from {@code rng}, so a seed fixes
     * the mask. Composed from MUL and MUL_SCALAR, so its gradient is mask/(1−p) with no derivative of its own.
     * Returns x itself when not training or p = 0.
     */
    public static Tensor dropout(Tensor x, double p, boolean training, SplittableRandom rng) {
        Checks.check(p >= 0 && p <= 1, "dropout: p " + p + " must be in [0, 1], input " + x.shape());
        Checks.floating("dropout", x);
        if (!training || p == 0) {
            return x;
        }
        if (p == 1) {
            return Elementwise.mulScalar(x, 0);
        }
        double[] keep = new double[x.numel()];
        for (int i = 0; i < keep.length; i++) {
            keep[i] = rng.nextDouble() < p ? 0 : 1;
        }
        Tensor mask = Tensor.of(keep, x.shape().toArray()).to(x.dtype()).to(x.device());
        return Elementwise.mulScalar(Elementwise.mul(x, mask), 1 / (1 - p));
    }

    public static Tensor dropout(Tensor x, double p, boolean training, long seed) {
        return dropout(x, p, training, new SplittableRandom(seed));
    }
}
