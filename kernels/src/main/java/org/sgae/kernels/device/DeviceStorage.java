package org.sgae.kernels.device;

import java.lang.ref.Cleaner;
import java.util.concurrent.atomic.AtomicBoolean;
import org.sgae.tensor.DType;
import org.sgae.tensor.Device;
import org.sgae.tensor.memory.Storage;

/**
 * Storage in one device block. {@link #free()} (last reference released) returns the block to the caching
 * allocator. If the storage is garbage collected without being released, a Cleaner queues the block on the
 * allocator's deferred list; it never calls the driver itself (it runs on a thread without the context).
 */
public final class DeviceStorage extends Storage {
    private static final Cleaner CLEANER = Cleaner.create();

    private final Device device;
    private final Block block;
    private final Reclaim reclaim;
    private final Cleaner.Cleanable cleanable;

    public DeviceStorage(Device device, DType dtype, int length, Block block, CachingAllocator allocator) {
        super(dtype, length);
        this.device = device;
        this.block = block;
        this.reclaim = new Reclaim(block, allocator);
        this.cleanable = CLEANER.register(this, reclaim);
    }

    @Override
    public Device device() {
        return device;
    }

    /** The device block; fails if the storage was already released. */
    public Block block() {
        checkLive();
        return block;
    }

    @Override
    protected void free() {
        reclaim.direct = true;
        cleanable.clean();
    }

    /** Holds no reference to the storage, so the storage can become unreachable. */
    private static final class Reclaim implements Runnable {
        private final Block block;
        private final CachingAllocator allocator;
        private final AtomicBoolean done = new AtomicBoolean();
        private volatile boolean direct;

        Reclaim(Block block, CachingAllocator allocator) {
            this.block = block;
            this.allocator = allocator;
        }

        @Override
        public void run() {
            if (done.compareAndSet(false, true)) {
                if (direct) {
                    allocator.give(block);
                } else {
                    allocator.giveDeferred(block);
                }
            }
        }
    }
}
