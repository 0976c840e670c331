package org.sgae.tensor.ops;

import java.util.Arrays;
import org.sgae.tensor.Shape;
import org.sgae.tensor.Tensor;
import org.sgae.tensor.spi.Backends;

/** Matrix products with batch broadcasting. Transposed views are passed to the kernel as flags, not copied. */
public final class Linalg {
    private Linalg() {
    }

    /** A matrix operand as the kernel sees it: contiguous storage, maybe transposed, batch stride. */
    private record Operand(Tensor data, boolean trans, int batchStride) {
    }

    /**
     * a [..., M, K] · b [..., K, N] → [..., M, N], batch dims broadcast. Rank-1 operands are treated as a row
     * (for a) or column (for b) vector and that dim is dropped from the result, as in NumPy.
     */
    public static Tensor matmul(Tensor a, Tensor b) {
        Checks.sameDevice("matmul", a, b);
        Checks.check(a.dtype() == b.dtype(), "matmul: dtypes differ: " + a.dtype() + " " + a.shape() + " vs "
                + b.dtype() + " " + b.shape());
        Checks.check(a.rank() >= 1 && b.rank() >= 1, "matmul: scalars are not matrices: " + a.shape() + " · " + b.shape());
        if (a.rank() == 1) {
            Tensor r = matmul(Views.unsqueeze(a, 0), b);
            return Views.squeeze(r, -2);
        }
        if (b.rank() == 1) {
            Tensor r = matmul(a, Views.unsqueeze(b, 1));
            return Views.squeeze(r, -1);
        }
        int m = a.dim(-2);
        int k = a.dim(-1);
        int n = b.dim(-1);
        if (b.dim(-2) != k) {
            throw new IllegalArgumentException("matmul: inner dims differ: " + a.shape() + " · " + b.shape());
        }
        Shape batchA = Shape.of(Arrays.copyOf(a.shape().toArray(), a.rank() - 2));
        Shape batchB = Shape.of(Arrays.copyOf(b.shape().toArray(), b.rank() - 2));
        Shape batch = Shape.broadcast("matmul", batchA, batchB);
        int nb = batch.numel();
        Operand x = operand(a, batch, m, k);
        Operand y = operand(b, batch, k, n);
        int[] outDims = Arrays.copyOf(batch.toArray(), batch.rank() + 2);
        outDims[batch.rank()] = m;
        outDims[batch.rank() + 1] = n;
        Tensor out = Tensor.empty(Shape.of(outDims), a.dtype(), a.device());
        if (k == 0) {
            Backends.of(a.device()).elementwise().fill(out, 0);
        } else {
            Backends.of(a.device()).linalg().matmul(x.data, x.batchStride, x.trans, y.data, y.batchStride, y.trans,
                    nb, m, n, k, out);
        }
        return Dispatch.record(Op.MATMUL, null, out, a, b);
    }

    /** Brings t [..., r, c] into a kernel-friendly layout for the given broadcast batch shape. */
    private static Operand operand(Tensor t, Shape batch, int r, int c) {
        int own = t.shape().prod(0, t.rank() - 2);
        boolean shared = own == 1; // one matrix broadcast over the batch
        if (!shared && own != batch.numel()) {
            int[] dims = Arrays.copyOf(batch.toArray(), batch.rank() + 2);
            dims[batch.rank()] = r;
            dims[batch.rank() + 1] = c;
            t = Views.raw(t, Shape.of(dims), Views.expandStrides(t, Shape.of(dims)), t.offset()).contiguous();
        }
        int rs = t.stride(-2);
        int cs = t.stride(-1);
        boolean batchOk = shared || batchContiguous(t, r * c);
        if (batchOk && (cs == 1 || c == 1) && (rs == c || r == 1)) {
            return new Operand(t, false, shared ? 0 : r * c);
        }
        if (batchOk && (rs == 1 || r == 1) && (cs == r || c == 1)) {
            return new Operand(t, true, shared ? 0 : r * c);
        }
        Tensor copy = Elementwise.copy(t);
        return new Operand(copy, false, shared ? 0 : r * c);
    }

    private static boolean batchContiguous(Tensor t, int matrix) {
        int expected = matrix;
        for (int i = t.rank() - 3; i >= 0; i--) {
            if (t.dim(i) != 1 && t.stride(i) != expected) {
                return false;
            }
            expected *= t.dim(i);
        }
        return true;
    }
}
