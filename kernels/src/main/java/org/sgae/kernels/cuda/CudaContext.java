package org.sgae.kernels.cuda;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import org.sgae.kernels.KernelLaunchException;
import org.sgae.kernels.device.Block;
import org.sgae.kernels.device.CachingAllocator;
import org.sgae.kernels.device.DeviceErrors;
import org.sgae.kernels.device.DeviceRuntime;
import org.sgae.kernels.device.Grid;
import org.sgae.kernels.device.KernelArgs;
import org.sgae.kernels.device.KernelFunction;
import org.sgae.kernels.device.RawMemory;
import org.sgae.tensor.Device;

/**
 * One CUDA device behind a {@link CudaDriver}: primary context, one module per .k family (PTX via
 * {@link PtxSource}, loaded once), functions looked up once, and the caching allocator. All work goes to the
 * default stream, so launches are ordered and {@link #read} (a synchronous cuMemcpyDtoH) waits for them.
 */
public final class CudaContext implements DeviceRuntime {
    /**
     * SGAE_CUDA_SYNC=1: synchronise after every launch, so an asynchronous kernel fault is reported as a
     * KernelLaunchException of the kernel that caused it (debugging and compute-sanitizer runs; slow). Read once.
     */
    static final boolean SYNC_EACH_LAUNCH = "1".equals(System.getenv("SGAE_CUDA_SYNC"));

    private final Device device;
    private final CudaDriver driver;
    private final Function<String, byte[]> ptx;
    private final Map<String, Object> modules = new HashMap<>();
    private final Map<String, KernelFunction> functions = new HashMap<>();
    private final CachingAllocator allocator;
    private final DeviceErrors errors;

    /** Real device; PTX from resources or nvcc. */
    CudaContext(int index) {
        this(index, new JCudaDriverApi(), PtxSource::load);
    }

    /** Any driver (tests pass a recording fake and canned PTX). */
    public CudaContext(int index, CudaDriver driver, Function<String, byte[]> ptx) {
        this.device = Device.cuda(index);
        this.driver = driver;
        this.ptx = ptx;
        driver.open(index);
        this.allocator = new CachingAllocator(device + " (" + driver.deviceName() + ")", new RawMemory() {
            @Override
            public Object malloc(long bytes) {
                return driver.memAlloc(bytes);
            }

            @Override
            public void free(Object handle) {
                driver.memFree(handle);
            }
        });
        this.errors = new DeviceErrors(this); // last: it allocates and writes through this context
    }

    @Override
    public Device device() {
        return device;
    }

    @Override
    public synchronized KernelFunction function(String family, String kernel) {
        String key = family + "/" + kernel;
        KernelFunction f = functions.get(key);
        if (f == null) {
            Object module = modules.computeIfAbsent(family, fam -> driver.loadModule(ptx.apply(fam)));
            f = new CudaKernel(kernel, driver.function(module, kernel));
            functions.put(key, f);
        }
        return f;
    }

    @Override
    public CachingAllocator allocator() {
        return allocator;
    }

    @Override
    public void write(Object hostArray, long hostByteOffset, Block dst, long dstByteOffset, long bytes) {
        driver.copyHtoD(dst.handle(), dstByteOffset, hostArray, hostByteOffset, bytes);
    }

    @Override
    public void read(Block src, long srcByteOffset, Object hostArray, long hostByteOffset, long bytes) {
        driver.copyDtoH(hostArray, hostByteOffset, src.handle(), srcByteOffset, bytes);
    }

    @Override
    public void copy(Block src, long srcByteOffset, Block dst, long dstByteOffset, long bytes) {
        if (bytes > 0) {
            driver.copyDtoD(dst.handle(), dstByteOffset, src.handle(), srcByteOffset, bytes);
        }
    }

    @Override
    public DeviceErrors errors() {
        return errors;
    }

    @Override
    public void synchronize() {
        driver.synchronize();
    }

    private final class CudaKernel implements KernelFunction {
        private final String name;
        private final Object function;

        CudaKernel(String name, Object function) {
            this.name = name;
            this.function = function;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public void launch(Grid grid, KernelArgs args) {
            try {
                driver.launch(function, grid, args);
                if (SYNC_EACH_LAUNCH) {
                    driver.synchronize();
                }
            } catch (RuntimeException e) {
                throw new KernelLaunchException(name, grid.groups(), grid.block(), args.describe(), e);
            }
        }
    }
}
