package org.sgae.autograd.derivatives;

import org.junit.jupiter.api.Test;
import org.sgae.autograd.GradCheck;
import org.sgae.tensor.Rand;
import org.sgae.tensor.Tensor;
import org.sgae.tensor.ops.Linalg;
import org.sgae.tensor.ops.Op;
import org.sgae.tensor.ops.OpPart;
import org.sgae.tensor.ops.OpPart.Role;
import org.sgae.tensor.ops.Reduce;

/** F64 finite-difference checks of reductions, softmax, segment softmax, views and matmul. */
@OpPart(role = Role.GRADIENT_TEST, ops = {Op.SUM, Op.MEAN, Op.MAX, Op.MIN, Op.LOGSUMEXP, Op.SOFTMAX, Op.LOG_SOFTMAX,
        Op.SEGMENT_SOFTMAX, Op.RESHAPE, Op.PERMUTE, Op.NARROW, Op.EXPAND, Op.MATMUL})
class ReduceViewLinalgGradTest {
    private static Tensor x(long seed, int... shape) {
        return Rand.f64(seed, shape).requiresGrad(true);
    }

    @Test
    void reductions() {
        for (long seed = 1; seed <= 3; seed++) {
            for (int d = 0; d < 3; d++) {
                int dim = d;
                GradCheck.assertGradients("sum", in -> Reduce.sum(in[0], new int[] {dim}, false), x(seed, 2, 3, 4));
                GradCheck.assertGradients("mean", in -> Reduce.mean(in[0], new int[] {dim}, true), x(seed, 2, 3, 4));
                GradCheck.assertGradients("max", in -> Reduce.max(in[0], dim, false), x(seed, 2, 3, 4));
                GradCheck.assertGradients("min", in -> Reduce.min(in[0], dim, true), x(seed, 2, 3, 4));
                GradCheck.assertGradients("logsumexp", in -> Reduce.logsumexp(in[0], dim, false), x(seed, 2, 3, 4));
                GradCheck.assertGradients("softmax", in -> Reduce.softmax(in[0], dim), x(seed, 2, 3, 4));
                GradCheck.assertGradients("log_softmax", in -> Reduce.logSoftmax(in[0], dim), x(seed, 2, 3, 4));
            }
            GradCheck.assertGradients("sum over dims 0,2", in -> Reduce.sum(in[0], new int[] {2, 0}, false), x(seed, 2, 3, 4));
            GradCheck.assertGradients("mean all", in -> in[0].mean(), x(seed, 2, 3, 4));
        }
    }

    /** Segment softmax of [E] and [E,H] over CSR segments with empty and one-row segments (I32 and I64 offsets). */
    @Test
    void segmentSoftmax() {
        Tensor off = Tensor.ofInts(new int[] {0, 3, 3, 4, 9, 9, 11}, 7);
        Tensor off64 = Tensor.ofLongs(new long[] {0, 3, 3, 4, 9, 9, 11}, 7);
        for (long seed = 1; seed <= 3; seed++) {
            GradCheck.assertGradients("segment_softmax [E]", in -> Reduce.segmentSoftmax(in[0], off), x(seed, 11));
            GradCheck.assertGradients("segment_softmax [E,H]", in -> Reduce.segmentSoftmax(in[0], off64),
                    x(seed, 11, 4));
            // logits near 1e3 (exp would overflow without the max shift): the gradient is still the softmax one
            GradCheck.assertGradients("segment_softmax large", in -> Reduce.segmentSoftmax(in[0], off),
                    Rand.f64(seed, 11, 2).mul(3).add(1e3).requiresGrad(true));
        }
    }

    @Test
    void views() {
        for (long seed = 1; seed <= 3; seed++) {
            GradCheck.assertGradients("reshape", in -> in[0].reshape(4, 6).mul(in[0].reshape(4, 6)), x(seed, 2, 3, 4));
            GradCheck.assertGradients("permute", in -> in[0].permute(2, 0, 1).contiguous(), x(seed, 2, 3, 4));
            GradCheck.assertGradients("narrow", in -> in[0].narrow(1, 1, 2), x(seed, 2, 3, 4));
            GradCheck.assertGradients("expand", in -> in[0].expand(5, 3, 4).mul(in[0]), x(seed, 1, 3, 4));
            GradCheck.assertGradients("squeeze/unsqueeze", in -> in[0].unsqueeze(0).squeeze(0), x(seed, 3, 4));
        }
    }

    @Test
    void matmulPlainBatchedAndBroadcast() {
        for (long seed = 1; seed <= 3; seed++) {
            GradCheck.assertGradients("matmul", in -> Linalg.matmul(in[0], in[1]), x(seed, 3, 4), x(seed + 1, 4, 5));
            GradCheck.assertGradients("bmm broadcast", in -> Linalg.matmul(in[0], in[1]), x(seed, 2, 3, 4),
                    x(seed + 1, 4, 2));
            GradCheck.assertGradients("matmul transposed views", in -> Linalg.matmul(in[0].transpose(0, 1), in[1]),
                    x(seed, 4, 3), x(seed + 1, 4, 2));
            GradCheck.assertGradients("matvec", in -> Linalg.matmul(in[0], in[1]), x(seed, 3, 4), x(seed + 1, 4));
        }
    }
}
