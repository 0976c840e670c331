package org.sgae.kernels.cuda;

import org.sgae.kernels.device.Grid;
import org.sgae.kernels.device.KernelArgs;

/**
 * The few CUDA driver calls the backend makes, behind an interface so launch geometry and argument order can be
 * unit-tested with a recording fake (no GPU in CI). Handles are opaque: CUdeviceptr/CUmodule/CUfunction in
 * {@link JCudaDriverApi}, whatever the fake likes in tests.
 */
public interface CudaDriver {
    /** cuInit, device and primary context for device {@code index}; made current on the calling thread. */
    void open(int index);

    String deviceName();

    /** Throws DeviceOutOfMemory on CUDA_ERROR_OUT_OF_MEMORY. */
    Object memAlloc(long bytes);

    void memFree(Object ptr);

    void copyHtoD(Object dst, long dstByteOffset, Object hostArray, long hostByteOffset, long bytes);

    void copyDtoH(Object hostArray, long hostByteOffset, Object src, long srcByteOffset, long bytes);

    void copyDtoD(Object dst, long dstByteOffset, Object src, long srcByteOffset, long bytes);

    /** cuModuleLoadData of NUL-terminated PTX text. */
    Object loadModule(byte[] ptx);

    Object function(Object module, String name);

    /** cuLaunchKernel with one kernel parameter per argument, in order; no dynamic shared memory. */
    void launch(Object function, Grid grid, KernelArgs args);

    void synchronize();
}
