package org.sgae.kernels.device;

import org.sgae.tensor.DType;
import org.sgae.tensor.Shape;
import org.sgae.tensor.Tensor;

/**
 * Temporary device tensors for launchers (col buffers, split-K partials, error flags), taken straight from the
 * runtime's allocator rather than through the global backend registry. Close them (try-with-resources).
 */
public final class Scratch {
    private Scratch() {
    }

    public static Tensor empty(DeviceRuntime rt, DType dtype, int... shape) {
        Shape s = Shape.of(shape);
        DeviceStorage st = new DeviceStorage(rt.device(), dtype, s.numel(),
                rt.allocator().take((long) s.numel() * dtype.byteSize()), rt.allocator());
        return new Tensor(st, s, s.contiguousStrides(), 0);
    }
}
