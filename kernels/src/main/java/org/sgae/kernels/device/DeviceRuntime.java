package org.sgae.kernels.device;

import org.sgae.tensor.Device;

/**
 * What a device backend provides to the shared launchers: compiled kernels by family and name, memory, transfers
 * and synchronisation. Implemented by {@code ClContext} (OpenCL) and {@code CudaContext} (CUDA).
 */
public interface DeviceRuntime {
    Device device();

    /** Kernel {@code kernel} of family {@code family} (the .k file stem); compiles/loads the family once. */
    KernelFunction function(String family, String kernel);

    CachingAllocator allocator();

    /** Host array (float[], int[], long[], byte[], double[]) → device, blocking. Offsets and length in bytes. */
    void write(Object hostArray, long hostByteOffset, Block dst, long dstByteOffset, long bytes);

    /** Device → host array, blocking (waits for queued kernels). */
    void read(Block src, long srcByteOffset, Object hostArray, long hostByteOffset, long bytes);

    void copy(Block src, long srcByteOffset, Block dst, long dstByteOffset, long bytes);

    void synchronize();

    /** The deferred error flag of this device (one per runtime, created with it). */
    DeviceErrors errors();
}
