package org.sgae.autograd.derivatives;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.sgae.autograd.Engine;
import org.sgae.autograd.GradCheck;
import org.sgae.tensor.Rand;
import org.sgae.tensor.Tensor;
import org.sgae.tensor.attrs.Conv2dAttrs;
import org.sgae.tensor.attrs.Pool2dAttrs;
import org.sgae.tensor.ops.Nn;
import org.sgae.tensor.ops.Op;
import org.sgae.tensor.ops.OpPart.Role;
import org.sgae.tensor.ops.OpPart;

/** F64 finite-difference checks of conv2d, pooling, upsampling, batch norm and dropout (CPU F64 kernels). */
@OpPart(role = Role.GRADIENT_TEST, ops = {Op.CONV2D, Op.MAX_POOL2D, Op.AVG_POOL2D, Op.ADAPTIVE_AVG_POOL2D,
        Op.UPSAMPLE_NEAREST2D, Op.BATCH_NORM})
class NnGradTest {
    private static Tensor x(long seed, int... shape) {
        return Rand.f64(seed, shape).requiresGrad(true);
    }

    /**
     * Distinct values for max pooling: a random permutation of 0..n-1 scaled to [-1, 1), so any two values differ
     * by ≥ 2/n, far above the checker's ε = 1e-6 — no window ever has a tie, before or after perturbation.
     */
    private static Tensor distinct(long seed, int... shape) {
        int n = org.sgae.tensor.Shape.of(shape).numel();
        int[] perm = new int[n];
        SplittableRandom r = new SplittableRandom(seed);
        for (int i = 0; i < n; i++) {
            int j = r.nextInt(i + 1);
            perm[i] = perm[j];
            perm[j] = i;
        }
        double[] d = new double[n];
        for (int i = 0; i < n; i++) {
            d[i] = 2.0 * perm[i] / n - 1;
        }
        return Tensor.of(d, shape).requiresGrad(true);
    }

    @Test
    void conv2dWithStridePadDilationAndBias() {
        for (long seed = 1; seed <= 3; seed++) {
            Conv2dAttrs a = new Conv2dAttrs(2, 1, 1, 2, 1, 2);
            GradCheck.assertGradients("conv2d stride/pad/dilation", in -> Nn.conv2d(in[0], in[1], in[2], a),
                    x(seed, 2, 3, 6, 5), x(seed + 10, 4, 3, 3, 2), x(seed + 20, 4));
            Conv2dAttrs same = Conv2dAttrs.of(1, 1, 1);
            GradCheck.assertGradients("conv2d 3x3 same, no bias", in -> Nn.conv2d(in[0], in[1], null, same),
                    x(seed, 1, 2, 4, 5), x(seed + 10, 3, 2, 3, 3));
            GradCheck.assertGradients("conv2d 1x1", in -> Nn.conv2d(in[0], in[1], in[2], Conv2dAttrs.of(1, 0, 1)),
                    x(seed, 2, 3, 3, 2), x(seed + 10, 2, 3, 1, 1), x(seed + 20, 2));
        }
    }

    @Test
    void conv2dFrozenWeightGetsNoGradient() {
        Tensor in = x(1, 1, 2, 4, 4);
        Tensor w = Rand.f64(2, 3, 2, 3, 3);
        Engine.backward(Nn.conv2d(in, w, null, Conv2dAttrs.of(1, 1, 1)).sum());
        assertNull(w.grad());
        assertArrayEquals(new int[] {1, 2, 4, 4}, in.grad().shape().toArray());
    }

    @Test
    void maxPoolWithoutTies() {
        for (long seed = 1; seed <= 3; seed++) {
            GradCheck.assertGradients("max_pool2d k3 s2 p1", in -> Nn.maxPool2d(in[0], Pool2dAttrs.of(3, 2, 1)),
                    distinct(seed, 2, 3, 7, 6));
            GradCheck.assertGradients("max_pool2d k2 s2", in -> Nn.maxPool2d(in[0], Pool2dAttrs.of(2, 2, 0)),
                    distinct(seed, 1, 2, 5, 4));
            GradCheck.assertGradients("max_pool2d overlapping k3 s1",
                    in -> Nn.maxPool2d(in[0], new Pool2dAttrs(3, 2, 1, 1, 0, 1)), distinct(seed, 1, 2, 5, 4));
        }
    }

    @Test
    void avgPoolAdaptivePoolAndUpsample() {
        for (long seed = 1; seed <= 3; seed++) {
            GradCheck.assertGradients("avg_pool2d k3 s2 p1", in -> Nn.avgPool2d(in[0], Pool2dAttrs.of(3, 2, 1)),
                    x(seed, 2, 3, 7, 6));
            GradCheck.assertGradients("avg_pool2d k2 s2", in -> Nn.avgPool2d(in[0], Pool2dAttrs.of(2, 2, 0)),
                    x(seed, 1, 2, 4, 6));
            GradCheck.assertGradients("adaptive 7x5 -> 3x2", in -> Nn.adaptiveAvgPool2d(in[0], 3, 2),
                    x(seed, 2, 2, 7, 5));
            GradCheck.assertGradients("adaptive 5x3 -> 4x4 (overlapping bins, upscaling)",
                    in -> Nn.adaptiveAvgPool2d(in[0], 4, 4), x(seed, 1, 2, 5, 3));
            GradCheck.assertGradients("upsample x2", in -> Nn.upsampleNearest2d(in[0], 2, 2), x(seed, 2, 2, 3, 4));
            GradCheck.assertGradients("upsample x(3,1)", in -> Nn.upsampleNearest2d(in[0], 3, 1), x(seed, 1, 2, 2, 3));
        }
    }

    @Test
    void batchNormTrainAndEval() {
        for (long seed = 1; seed <= 3; seed++) {
            Tensor rm = Rand.f64(seed + 30, 3);
            Tensor rv = Rand.uniform(seed + 40, org.sgae.tensor.DType.F64, 0.5, 2, 3);
            GradCheck.assertGradients("batch_norm train 4d", in -> Nn.batchNorm(in[0], in[1], in[2], rm, rv, true,
                    0.1, 1e-5), x(seed, 4, 3, 2, 3), x(seed + 10, 3), x(seed + 20, 3));
            GradCheck.assertGradients("batch_norm train 2d, no affine", in -> Nn.batchNorm(in[0], null, null, null,
                    null, true, 0.1, 1e-5), x(seed, 5, 3));
            GradCheck.assertGradients("batch_norm eval 4d", in -> Nn.batchNorm(in[0], in[1], in[2], rm, rv, false,
                    0.1, 1e-5), x(seed, 2, 3, 2, 2), x(seed + 10, 3), x(seed + 20, 3));
            GradCheck.assertGradients("batch_norm train, weight only", in -> Nn.batchNorm(in[0], in[1], null, null,
                    null, true, 0.1, 1e-3), x(seed, 3, 3, 1, 2), x(seed + 10, 3));
        }
    }

    @Test
    void batchNormEvalBackwardUsesTheStatsOfItsForward() {
        Tensor rm = Rand.f64(50, 3);
        Tensor rv = Rand.uniform(51, org.sgae.tensor.DType.F64, 0.5, 2, 3);
        Tensor[] grads = new Tensor[2];
        for (int k = 0; k < 2; k++) {
            Tensor in = Rand.f64(52, 2, 3, 2, 2).requiresGrad(true);
            Tensor w = Rand.f64(53, 3).requiresGrad(true);
            Tensor y = Nn.batchNorm(in, w, null, rm, rv, false, 0.1, 1e-5);
            if (k == 1) {
                // a training step between forward and backward moves the running mean in place
                org.sgae.tensor.ops.Elementwise.copyInto(Rand.f64(54, 3), rm);
            }
            Engine.backward(y.mul(GradCheck.randomLike(y, 7)).sum());
            grads[k] = w.grad();
        }
        assertArrayEquals(grads[0].toDoubleArray(), grads[1].toDoubleArray(), 0);
    }

    @Test
    void dropoutComposite() {
        for (long seed = 1; seed <= 3; seed++) {
            long s = seed;
            GradCheck.assertGradients("dropout p=0.3", in -> Nn.dropout(in[0], 0.3, true, s), x(seed, 4, 5));
        }
    }

    @Test
    void convBnPoolChain() {
        GradCheck.assertGradients("conv -> bn -> maxpool -> upsample", in -> {
            Tensor y = Nn.conv2d(in[0], in[1], in[2], Conv2dAttrs.of(1, 1, 1));
            y = Nn.batchNorm(y, in[3], in[4], null, null, true, 0.1, 1e-5);
            y = Nn.avgPool2d(y, Pool2dAttrs.of(2, 2, 0));
            return Nn.upsampleNearest2d(y, 2, 2);
        }, x(1, 2, 2, 4, 4), x(2, 3, 2, 3, 3), x(3, 3), x(4, 3), x(5, 3));
    }
}
