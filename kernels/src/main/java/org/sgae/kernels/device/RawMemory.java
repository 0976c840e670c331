package org.sgae.kernels.device;

/** The driver's allocation calls, below the caching allocator. */
public interface RawMemory {
    /** A new device block of exactly {@code bytes}; throws {@link DeviceOutOfMemory} when the device is full. */
    Object malloc(long bytes);

    void free(Object handle);
}
