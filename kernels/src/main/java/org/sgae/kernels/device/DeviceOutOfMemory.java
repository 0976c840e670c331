package org.sgae.kernels.device;

/** The device could not satisfy an allocation (after the allocator flushed its cache and retried once). */
public final class DeviceOutOfMemory extends RuntimeException {
    public DeviceOutOfMemory(String message, Throwable cause) {
        super(message, cause);
    }
}
