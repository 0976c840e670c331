package org.sgae.kernels.device;

/** A compiled kernel entry point, looked up once by a launcher and kept in a field. */
public interface KernelFunction {
    String name();

    /** Enqueues the kernel; errors come back as KernelLaunchException naming kernel, grid, block and args. */
    void launch(Grid grid, KernelArgs args);
}
