package org.sgae.tensor.spi;

import org.sgae.tensor.DType;
import org.sgae.tensor.Device;
import org.sgae.tensor.memory.Storage;

/**
 * One open device. Small on purpose: memory, copies, synchronisation, and one accessor per op family. Shape checks,
 * scopes and autograd live above, in the op facades; a backend only runs kernels on tensors of its own device.
 */
public interface Backend {
    Device device();

    /** Uninitialised storage of n elements, from the device's caching allocator. */
    Storage allocate(DType dtype, int n);

    /** Host array (float[], double[], int[], long[] or byte[] matching dtype) into device storage. */
    void copyIn(Object hostArray, int hostOffset, Storage dst, int dstOffset, int n);

    /** Device storage into a host array. Synchronises. */
    void copyOut(Storage src, int srcOffset, Object hostArray, int hostOffset, int n);

    /** Waits until all queued work on the device has finished. */
    void synchronize();

    ElementwiseKernels elementwise();

    ReduceKernels reduce();

    LinalgKernels linalg();

    NnKernels nn();

    IndexKernels index();

    /** ROI Align, pair scoring, NMS and box ops; backends without them keep this default. */
    default DetectionKernels detection() {
        throw Unsupported.op("detection", device());
    }

    /** Layout warping; backends without it keep this default. */
    default LayoutKernels layout() {
        throw Unsupported.op("layout", device());
    }
}
