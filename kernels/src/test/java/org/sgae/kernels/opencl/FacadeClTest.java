package org.sgae.kernels.opencl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.sgae.kernels.ParityBase;
import org.sgae.tensor.Device;
import org.sgae.tensor.Tensor;
import org.sgae.tensor.TensorAsserts;
import org.sgae.tensor.Tolerances;
import org.sgae.tensor.ops.Elementwise;
import org.sgae.tensor.ops.Linalg;
import org.sgae.tensor.ops.Reduce;

/**
 * The whole stack on OpenCL through the tensor facades (ServiceLoader → provider → backend → launchers): a small
 * MLP-like chain with a batched, transposed matmul, broadcasting, reductions and a transfer back, against the same
 * chain on the CPU.
 */
@EnabledIf(value = "org.sgae.kernels.opencl.OpenCl#available", disabledReason = "no OpenCL device (install pocl-opencl-icd)")
class FacadeClTest extends ParityBase {
    @Override
    protected Device device() {
        return Device.opencl(0);
    }

    private static Tensor chain(Tensor x, Tensor w, Tensor b) {
        Tensor h = Elementwise.relu(Linalg.matmul(x, w.transpose(0, 1)).add(b)); // [B, N, O]
        Tensor p = Reduce.softmax(h.mul(0.5), -1);
        return Reduce.sum(p.mul(h), new int[] {1}, false).add(Reduce.max(h, 1, false)); // [B, O]
    }

    @Test
    void chainMatchesCpu() {
        for (long seed : SEEDS) {
            Tensor x = randn(seed, 3, 37, 20);
            Tensor w = randn(seed + 1, 9, 20);
            Tensor b = randn(seed + 2, 9);
            Tensor ref = chain(x, w, b);
            Tensor out = chain(on(x), on(w), on(b));
            assertEquals(device(), out.device());
            TensorAsserts.assertClose(out.to(Device.cpu()), ref, Tolerances.f32Reduction(37 * 20), "chain seed " + seed);
        }
    }
}
