package org.sgae.autograd.derivatives;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.sgae.autograd.Engine;
import org.sgae.autograd.GradCheck;
import org.sgae.tensor.Rand;
import org.sgae.tensor.Tensor;
import org.sgae.tensor.ops.Assemble;
import org.sgae.tensor.ops.Index;
import org.sgae.tensor.ops.Op;
import org.sgae.tensor.ops.OpPart;
import org.sgae.tensor.ops.OpPart.Role;

/**
 * F64 finite-difference checks of indexing, assembling and ordering. Index tensors deliberately repeat values, so
 * the accumulating backward (index_add, scatter_add) is exercised; topk/sort inputs are well-separated values plus
 * jitter, so no ±ε step can reorder them.
 */
@OpPart(role = Role.GRADIENT_TEST, ops = {Op.INDEX_SELECT, Op.GATHER, Op.SCATTER_ADD, Op.CAT, Op.PAD, Op.TOPK,
        Op.SORT})
class IndexGradTest {
    private static Tensor x(long seed, int... shape) {
        return Rand.f64(seed, shape).requiresGrad(true);
    }

    /** I64 indices in [0, bound) with the given shape; with count > bound, repeats are certain. */
    private static Tensor indices(long seed, int bound, int... shape) {
        SplittableRandom r = new SplittableRandom(seed);
        long[] v = new long[org.sgae.tensor.Shape.of(shape).numel()];
        for (int i = 0; i < v.length; i++) {
            v[i] = r.nextInt(bound);
        }
        return Tensor.ofLongs(v, shape);
    }

    /** A shuffled ramp with step 0.1 plus jitter below 0.01: distinct values, at least 0.08 apart. */
    private static Tensor separated(long seed, int... shape) {
        SplittableRandom r = new SplittableRandom(seed);
        int n = org.sgae.tensor.Shape.of(shape).numel();
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = (i - n / 2) * 0.1 + r.nextDouble(-0.01, 0.01);
        }
        for (int i = n - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            double t = v[i];
            v[i] = v[j];
            v[j] = t;
        }
        return Tensor.of(v, shape).requiresGrad(true);
    }

    @Test
    void indexSelectAndEmbeddingWithRepeats() {
        for (long seed = 1; seed <= 3; seed++) {
            int[] shape = {4, 3, 5};
            for (int d = 0; d < 3; d++) {
                int dim = d;
                Tensor idx = indices(seed * 10 + d, shape[d], 7);
                GradCheck.assertGradients("index_select dim " + d, in -> Index.indexSelect(in[0], dim, idx),
                        x(seed, shape));
            }
            Tensor idx = indices(seed, 3, 5);
            GradCheck.assertGradients("index_select of a transposed view",
                    in -> Index.indexSelect(in[0].transpose(0, 1), 0, idx), x(seed, 4, 3));
            Tensor ids = Tensor.ofInts(new int[] {1, 1, 5, 0, 5, 5}, 2, 3);
            GradCheck.assertGradients("embedding", in -> Index.embedding(in[0], ids), x(seed, 6, 4));
        }
    }

    @Test
    void gatherWithRepeatsAlongEachDim() {
        for (long seed = 1; seed <= 3; seed++) {
            Tensor rows = indices(seed, 4, 6, 5);
            GradCheck.assertGradients("gather dim 0", in -> Index.gather(in[0], 0, rows), x(seed, 4, 5));
            Tensor cols = indices(seed + 7, 5, 4, 9);
            GradCheck.assertGradients("gather dim 1", in -> Index.gather(in[0], 1, cols), x(seed, 4, 5));
            Tensor smaller = indices(seed + 11, 5, 2, 3);
            GradCheck.assertGradients("gather with an index smaller than x", in -> Index.gather(in[0], 1, smaller),
                    x(seed, 4, 5));
            Tensor deep = indices(seed + 13, 3, 2, 3, 4);
            GradCheck.assertGradients("gather rank 3 middle dim", in -> Index.gather(in[0].permute(1, 0, 2), 1, deep),
                    x(seed, 3, 2, 4));
        }
    }

    @Test
    void scatterAddToBaseAndSource() {
        for (long seed = 1; seed <= 3; seed++) {
            Tensor idx = indices(seed, 4, 6, 3);
            GradCheck.assertGradients("scatter_add dim 0", in -> Index.scatterAdd(in[0], 0, idx, in[1]),
                    x(seed, 4, 3), x(seed + 1, 6, 3));
            Tensor idx1 = indices(seed + 5, 2, 4, 5);
            GradCheck.assertGradients("scatter_add dim 1", in -> Index.scatterAdd(in[0], 1, idx1, in[1]),
                    x(seed, 4, 2), x(seed + 1, 4, 5));
            Tensor part = indices(seed + 9, 4, 5, 2);
            GradCheck.assertGradients("scatter_add with src larger than index",
                    in -> Index.scatterAdd(in[0], 0, part, in[1]), x(seed, 4, 3), x(seed + 1, 6, 3));
        }
    }

    @Test
    void catStackSplitChunk() {
        for (long seed = 1; seed <= 3; seed++) {
            GradCheck.assertGradients("cat dim 0", in -> Assemble.cat(List.of(in[0], in[1], in[2]), 0),
                    x(seed, 2, 3), x(seed + 1, 4, 3), x(seed + 2, 1, 3));
            GradCheck.assertGradients("cat dim 1 with a constant part",
                    in -> Assemble.cat(List.of(in[0], in[1], in[0]), 1), x(seed, 3, 2), Rand.f64(seed + 1, 3, 1));
            GradCheck.assertGradients("stack", in -> Assemble.stack(List.of(in[0], in[1]), 1), x(seed, 3, 2),
                    x(seed + 1, 3, 2));
            GradCheck.assertGradients("split then cat reversed", in -> {
                List<Tensor> p = Assemble.split(in[0], new int[] {1, 3, 1}, 1);
                return Assemble.cat(List.of(p.get(2), p.get(1).mul(p.get(1)), p.get(0)), 1);
            }, x(seed, 2, 5));
            GradCheck.assertGradients("chunk", in -> Assemble.chunk(in[0], 3, 0).get(1).mul(2.0), x(seed, 7, 2));
        }
    }

    @Test
    void padConstantAndCrop() {
        for (long seed = 1; seed <= 3; seed++) {
            GradCheck.assertGradients("pad last dim", in -> Assemble.pad(in[0], new int[] {1, 2}, 0.5), x(seed, 3, 4));
            GradCheck.assertGradients("pad two dims", in -> Assemble.pad(in[0], new int[] {0, 1, 2, 0}, -1),
                    x(seed, 2, 3, 4));
            GradCheck.assertGradients("pad with crop", in -> Assemble.pad(in[0], new int[] {-1, 2, 1, -2}, 0),
                    x(seed, 4, 5));
        }
    }

    @Test
    void topkAndSortValues() {
        for (long seed = 1; seed <= 3; seed++) {
            GradCheck.assertGradients("topk largest dim 1", in -> Index.topk(in[0], 3, 1, Index.Order.DESCENDING)[0],
                    separated(seed, 4, 7));
            GradCheck.assertGradients("topk smallest dim 0", in -> Index.topk(in[0], 2, 0, Index.Order.ASCENDING)[0],
                    separated(seed, 4, 7));
            GradCheck.assertGradients("topk k = n", in -> Index.topk(in[0], 5, -1, Index.Order.DESCENDING)[0],
                    separated(seed, 2, 3, 5));
            GradCheck.assertGradients("sort ascending dim 1", in -> Index.sort(in[0], 1, Index.Order.ASCENDING)[0],
                    separated(seed, 3, 6, 2));
            GradCheck.assertGradients("sort descending dim 0", in -> Index.sort(in[0], 0, Index.Order.DESCENDING)[0],
                    separated(seed, 5, 3));
        }
    }

    @Test
    void topkIndicesCarryNoGradient() {
        Tensor x = separated(4, 3, 5);
        Tensor[] r = Index.topk(x, 2, 1, Index.Order.DESCENDING);
        assertTrue(r[0].requiresGrad());
        assertFalse(r[1].requiresGrad());
        Engine.backward(r[0].sum());
        // each row's two largest get gradient 1, the rest 0
        double[] g = x.grad().toDoubleArray();
        long[] idx = r[1].toLongArray();
        double[] expected = new double[15];
        for (int row = 0; row < 3; row++) {
            for (int j = 0; j < 2; j++) {
                expected[row * 5 + (int) idx[row * 2 + j]] = 1;
            }
        }
        assertArrayEquals(expected, g, 0);
    }

    @Test
    void indexAddRefusesToDropGradients() {
        Tensor base = x(1, 3, 2);
        Tensor idx = Tensor.ofLongs(new long[] {0}, 1);
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> Index.indexAdd(base, 0, idx, Rand.f64(2, 1, 2)));
        assertTrue(e.getMessage().contains("index_add") && e.getMessage().contains("not differentiable"));
        try (org.sgae.autograd.GradMode off = org.sgae.autograd.GradMode.disabled()) {
            assertArrayEquals(Index.indexAdd(base, 0, idx, base.narrow(0, 2, 1)).narrow(0, 0, 1).contiguous()
                    .toDoubleArray(), base.narrow(0, 0, 1).add(base.narrow(0, 2, 1)).toDoubleArray(), 0);
        }
    }

    @Test
    void repeatedIndexAccumulatesExactly() {
        Tensor w = x(3, 3, 2);
        Tensor out = Index.embedding(w, Tensor.ofLongs(new long[] {2, 2, 2, 0}, 4));
        Engine.backward(out.sum());
        assertArrayEquals(new double[] {1, 1, 0, 0, 3, 3}, w.grad().toDoubleArray(), 0);
    }
}
