package org.sgae.nn.optim;

import org.sgae.tensor.Tensor;
import org.sgae.tensor.attrs.BinaryOp;
import org.sgae.tensor.attrs.UnaryOp;
import org.sgae.tensor.spi.Backends;
import org.sgae.tensor.spi.ElementwiseKernels;

/**
 * In-place elementwise updates for optimisers: direct kernel calls on same-shaped contiguous tensors, so nothing is
 * recorded or allocated. Output aliasing an input is fine (each element is read before it is written at the same
 * index).
 */
final class InPlace {
    private InPlace() {
    }

    private static ElementwiseKernels k(Tensor t) {
        return Backends.of(t.device()).elementwise();
    }

    /** out = x · s. */
    static void scale(Tensor x, double s, Tensor out) {
        k(out).unary(UnaryOp.MUL_SCALAR, x, s, 0, out);
    }

    /** out = x + s. */
    static void addScalar(Tensor x, double s, Tensor out) {
        k(out).unary(UnaryOp.ADD_SCALAR, x, s, 0, out);
    }

    /** out = √x. */
    static void sqrt(Tensor x, Tensor out) {
        k(out).unary(UnaryOp.SQRT, x, 0, 0, out);
    }

    /** out = a op b. */
    static void binary(BinaryOp op, Tensor a, Tensor b, Tensor out) {
        k(out).binary(op, a, b, out);
    }

    static void copy(Tensor src, Tensor dst) {
        k(dst).copy(src, dst);
    }

    static void fill(Tensor t, double v) {
        k(t).fill(t, v);
    }
}
