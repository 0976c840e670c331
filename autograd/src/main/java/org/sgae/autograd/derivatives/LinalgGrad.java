package org.sgae.autograd.derivatives;

import java.util.Map;
import org.sgae.autograd.Derivative;
import org.sgae.tensor.Tensor;
import org.sgae.tensor.ops.Linalg;
import org.sgae.tensor.ops.Op;
import org.sgae.tensor.ops.OpPart;
import org.sgae.tensor.ops.OpPart.Role;
import org.sgae.tensor.ops.Reduce;

/**
 * matmul backward: for C = A·B, dA = dC·Bᵀ and dB = Aᵀ·dC, summed over batch dims that were broadcast. The
 * transposes are views; the kernel takes them as flags, so no copies are made.
 */
@OpPart(role = Role.DERIVATIVE, ops = Op.MATMUL)
public final class LinalgGrad {
    private LinalgGrad() {
    }

    public static void register(Map<Op, Derivative> t) {
        t.put(Op.MATMUL, (n, g) -> {
            Tensor a = n.input(0);
            Tensor b = n.input(1);
            Tensor ga = a.requiresGrad() ? Reduce.sumTo(Linalg.matmul(g[0], b.transpose(-1, -2)), a.shape()) : null;
            Tensor gb = b.requiresGrad() ? Reduce.sumTo(Linalg.matmul(a.transpose(-1, -2), g[0]), b.shape()) : null;
            return new Tensor[] {ga, gb};
        });
    }
}
