package org.sgae.kernels.device;

/**
 * One device allocation: the backend's handle (a cl_mem or a CUdeviceptr; a Long in the test fakes) and its size in
 * bytes (the rounded size the allocator asked the driver for).
 */
public final class Block {
    private final Object handle;
    private final long bytes;

    public Block(Object handle, long bytes) {
        this.handle = handle;
        this.bytes = bytes;
    }

    public Object handle() {
        return handle;
    }

    public long bytes() {
        return bytes;
    }
}
