package org.sgae.nn.loss;

import org.sgae.tensor.DType;
import org.sgae.tensor.Device;
import org.sgae.tensor.Tensor;
import org.sgae.tensor.attrs.BinaryOp;
import org.sgae.tensor.ops.Elementwise;
import org.sgae.tensor.ops.Reduce;

/**
 * Cross-entropy of class logits against integer targets (PyTorch's cross_entropy with class weights and an ignore
 * index). Per sample i: ℓᵢ = −w[yᵢ]·log softmax(xᵢ)[yᵢ], and 0 with weight 0 where yᵢ = ignoreIndex.
 * MEAN divides the sum by Σ w[yᵢ] over non-ignored samples (not by N), as PyTorch does; if every sample is ignored
 * the mean is 0/0 = NaN and its gradient 0, also as PyTorch (see {@link #weightedMean}).
 *
 * <p>The target's log-probability is picked with a one-hot mask (targets == arange(C)), so everything stays on the
 * device and differentiable through log_softmax; this costs O(N·C), the same as the softmax itself.
 */
public final class CrossEntropy {
    public static final int DEFAULT_IGNORE_INDEX = -100;

    private final Tensor classWeight;
    private final long ignoreIndex;
    private final Reduction reduction;

    /**
     * @param classWeight [C] floating weights per class, or null for all ones
     * @param ignoreIndex target value whose samples contribute nothing (PyTorch's default is −100)
     */
    public CrossEntropy(Tensor classWeight, long ignoreIndex, Reduction reduction) {
        if (classWeight != null && (classWeight.rank() != 1 || !classWeight.dtype().isFloating())) {
            throw new IllegalArgumentException("cross_entropy: class weights must be a floating [C] tensor, got "
                    + classWeight.dtype() + " " + classWeight.shape());
        }
        LossChecks.notNull("cross_entropy", reduction, "reduction");
        this.classWeight = classWeight;
        this.ignoreIndex = ignoreIndex;
        this.reduction = reduction;
    }

    /** Unweighted, ignore index −100, mean. */
    public static Tensor loss(Tensor logits, Tensor targets) {
        return new CrossEntropy(null, DEFAULT_IGNORE_INDEX, Reduction.MEAN).apply(logits, targets);
    }

    /**
     * logits [N, C] or [N, C, d1, ...] (class dim 1), targets [N] or [N, d1, ...] (I64/I32) → scalar (MEAN, SUM)
     * or per-sample losses shaped like targets (NONE).
     */
    public Tensor apply(Tensor logits, Tensor targets) {
        checkArgs(logits, targets);
        int c = logits.dim(1);
        Tensor x = logits;
        if (logits.rank() > 2) {
            // [N, C, d...] → [N, d..., C] → [M, C]: the class dim last, one row per target element
            x = logits.permute(permuteClassLast(logits.rank())).reshape(-1, c);
        }
        Tensor t = targets.reshape(-1, 1).to(DType.I64);                          // [M, 1]
        Tensor classes = Tensor.arange(c, DType.I64, logits.device());            // [C]
        Tensor oneHot = Elementwise.eq(t, classes).to(logits.dtype());            // [M, C]; all 0 on ignored rows
        Tensor valid = Elementwise.compareScalar(BinaryOp.NE, t, ignoreIndex).to(logits.dtype()); // [M, 1]
        Tensor w = classWeight == null ? valid
                : oneHot.mul(classWeight.to(logits.dtype())).sum(1, true).mul(valid); // [M, 1]
        Tensor logp = Reduce.logSoftmax(x, 1);                                     // [M, C]
        Tensor picked = oneHot.mul(logp).sum(1, true);                             // [M, 1]
        Tensor perSample = picked.mul(w).neg();                                    // [M, 1]
        switch (reduction) {
            case NONE:
                return perSample.reshape(targets.shape().toArray());
            case SUM:
                return perSample.sum();
            default:
                return weightedMean(perSample.sum(), w.sum());
        }
    }

    /**
     * sum / total, NaN where total = 0, with a gradient that is 0 there. NOTE: a plain sum.div(total) would send
     * g / 0 = ∞ back into the per-sample losses, whose zero weights turn it into 0·∞ = NaN. Dividing by a total
     * that is never 0 keeps every backward factor finite; the NaN is put in by where(), which passes no gradient to
     * the branch it did not take.
     */
    private static Tensor weightedMean(Tensor sum, Tensor total) {
        Tensor none = Elementwise.compareScalar(BinaryOp.EQ, total, 0);
        Tensor one = Tensor.scalar(1, total.dtype(), total.device());
        Tensor mean = sum.div(Elementwise.where(none, one, total));
        return Elementwise.where(none, Tensor.scalar(Double.NaN, sum.dtype(), sum.device()), mean);
    }

    private static int[] permuteClassLast(int rank) {
        int[] order = new int[rank];
        order[0] = 0;
        for (int i = 1; i < rank - 1; i++) {
            order[i] = i + 1;
        }
        order[rank - 1] = 1;
        return order;
    }

    private void checkArgs(Tensor logits, Tensor targets) {
        if (logits.rank() < 2 || !logits.dtype().isFloating()) {
            throw new IllegalArgumentException("cross_entropy: logits must be floating [N, C, ...], got "
                    + logits.dtype() + " " + logits.shape());
        }
        if (targets.dtype() != DType.I64 && targets.dtype() != DType.I32) {
            throw new IllegalArgumentException("cross_entropy: targets must be I64 or I32 class indices, got "
                    + targets.dtype() + " " + targets.shape());
        }
        int[] ld = logits.shape().toArray();
        int[] expected = new int[ld.length - 1];
        expected[0] = ld[0];
        System.arraycopy(ld, 2, expected, 1, ld.length - 2);
        if (!targets.shape().equals(org.sgae.tensor.Shape.of(expected))) {
            throw new IllegalArgumentException("cross_entropy: logits " + logits.shape() + " need targets of shape "
                    + org.sgae.tensor.Shape.of(expected) + ", got " + targets.shape());
        }
        if (!logits.device().equals(targets.device())) {
            throw new IllegalArgumentException("cross_entropy: logits on " + logits.device() + ", targets on "
                    + targets.device());
        }
        if (classWeight != null && (classWeight.dim(0) != logits.dim(1) || !classWeight.device().equals(logits.device()))) {
            throw new IllegalArgumentException("cross_entropy: class weights " + classWeight.shape() + " on "
                    + classWeight.device() + " do not match " + logits.dim(1) + " classes on " + logits.device());
        }
        if (logits.device().equals(Device.cpu())) {
            // Out-of-range targets would silently get a zero one-hot row; on the CPU checking is free of syncs.
            int c = logits.dim(1);
            for (long v : targets.toLongArray()) {
                if (v != ignoreIndex && (v < 0 || v >= c)) {
                    throw new IllegalArgumentException("cross_entropy: target " + v + " out of range [0, " + c
                            + ") (ignore index is " + ignoreIndex + ")");
                }
            }
        }
    }
}
