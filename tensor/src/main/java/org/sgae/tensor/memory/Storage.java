package org.sgae.tensor.memory;

import java.util.concurrent.atomic.AtomicInteger;
import org.sgae.tensor.DType;
import org.sgae.tensor.Device;

/**
 * A block of elements on one device, shared by every tensor view of it. Reference counted: each live tensor holds
 * one reference; when the last is closed the block goes back to its device's caching allocator. A storage whose
 * tensors are never closed is simply garbage collected (the GC is the safety net, scopes are the normal path).
 */
public abstract class Storage {
    private final DType dtype;
    private final int length;
    private final AtomicInteger refs = new AtomicInteger();
    private volatile boolean freed;

    protected Storage(DType dtype, int length) {
        this.dtype = dtype;
        this.length = length;
    }

    public final DType dtype() {
        return dtype;
    }

    /** Number of elements that belong to this storage (the backing block may be larger). */
    public final int length() {
        return length;
    }

    public abstract Device device();

    public final void retain() {
        if (freed) {
            throw new IllegalStateException("Storage was already released to the allocator");
        }
        refs.incrementAndGet();
    }

    public final void release() {
        if (refs.decrementAndGet() == 0 && !freed) {
            freed = true;
            free();
        }
    }

    public final boolean isFreed() {
        return freed;
    }

    protected final void checkLive() {
        if (freed) {
            throw new IllegalStateException("Tensor data used after its MemoryScope closed it (" + dtype + ", "
                    + length + " elements on " + device() + "); keep() tensors that must outlive the scope");
        }
    }

    /** Returns the block to the allocator. Called once, when the last reference is released. */
    protected abstract void free();
}
