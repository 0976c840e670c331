package org.sgae.kernels.device;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import org.sgae.kernels.launch.DetectionLauncher;
import org.sgae.kernels.launch.ElementwiseLauncher;
import org.sgae.kernels.launch.IndexLauncher;
import org.sgae.kernels.launch.LayoutLauncher;
import org.sgae.kernels.launch.LinalgLauncher;
import org.sgae.kernels.launch.NnLauncher;
import org.sgae.kernels.launch.ReduceLauncher;
import org.sgae.tensor.DType;
import org.sgae.tensor.Device;
import org.sgae.tensor.memory.Storage;
import org.sgae.tensor.spi.Backend;
import org.sgae.tensor.spi.DetectionKernels;
import org.sgae.tensor.spi.ElementwiseKernels;
import org.sgae.tensor.spi.IndexKernels;
import org.sgae.tensor.spi.LayoutKernels;
import org.sgae.tensor.spi.LinalgKernels;
import org.sgae.tensor.spi.NnKernels;
import org.sgae.tensor.spi.ReduceKernels;

/**
 * The Backend of one OpenCL or CUDA device: memory and copies through its {@link DeviceRuntime}, op families through
 * the shared launchers in {@code org.sgae.kernels.launch} (one launcher class per family serves both backends; the
 * kernels come from the same .k source). Families are created at first use, so only used programs get compiled.
 */
public final class DeviceBackend implements Backend {
    private final DeviceRuntime rt;
    private final Lazy<ElementwiseLauncher> elementwise;
    private final Lazy<ReduceLauncher> reduce;
    private final Lazy<LinalgLauncher> linalg;
    private final Lazy<NnLauncher> nn;
    private final Lazy<IndexLauncher> index;
    private final Map<Class<?>, Object> families = new HashMap<>();

    public DeviceBackend(DeviceRuntime rt) {
        this.rt = rt;
        this.elementwise = new Lazy<>(rt, ElementwiseLauncher::new);
        this.reduce = new Lazy<>(rt, ReduceLauncher::new);
        this.linalg = new Lazy<>(rt, LinalgLauncher::new);
        this.nn = new Lazy<>(rt, NnLauncher::new);
        this.index = new Lazy<>(rt, IndexLauncher::new);
    }

    public DeviceRuntime runtime() {
        return rt;
    }

    /**
     * The launcher of a family outside the SPI's five (e.g. detection kernels), created once per device at first
     * use: {@code backend.family(DetectionLauncher.class, DetectionLauncher::new)}.
     */
    public synchronized <T> T family(Class<T> type, Function<DeviceRuntime, T> make) {
        Object f = families.get(type);
        if (f == null) {
            f = make.apply(rt);
            families.put(type, f);
        }
        return type.cast(f);
    }

    @Override
    public Device device() {
        return rt.device();
    }

    @Override
    public Storage allocate(DType dtype, int n) {
        return new DeviceStorage(rt.device(), dtype, n, rt.allocator().take((long) n * dtype.byteSize()), rt.allocator());
    }

    @Override
    public void copyIn(Object hostArray, int hostOffset, Storage dst, int dstOffset, int n) {
        if (n == 0) {
            return;
        }
        int bs = dst.dtype().byteSize();
        rt.write(hostArray, (long) hostOffset * bs, ((DeviceStorage) dst).block(), (long) dstOffset * bs, (long) n * bs);
    }

    @Override
    public void copyOut(Storage src, int srcOffset, Object hostArray, int hostOffset, int n) {
        if (n == 0) {
            return;
        }
        int bs = src.dtype().byteSize();
        rt.read(((DeviceStorage) src).block(), (long) srcOffset * bs, hostArray, (long) hostOffset * bs, (long) n * bs);
        rt.errors().check(); // the host waited anyway: report a deferred kernel error here
    }

    /** Waits for the device, then reports a deferred kernel error (an out-of-range index) if one was flagged. */
    @Override
    public void synchronize() {
        rt.synchronize();
        rt.errors().check();
    }

    @Override
    public ElementwiseKernels elementwise() {
        return elementwise.get();
    }

    @Override
    public ReduceKernels reduce() {
        return reduce.get();
    }

    @Override
    public LinalgKernels linalg() {
        return linalg.get();
    }

    @Override
    public NnKernels nn() {
        return nn.get();
    }

    @Override
    public IndexKernels index() {
        return index.get();
    }

    @Override
    public DetectionKernels detection() {
        return family(DetectionLauncher.class, DetectionLauncher::new);
    }

    @Override
    public LayoutKernels layout() {
        return family(LayoutLauncher.class, LayoutLauncher::new);
    }

    private static final class Lazy<T> {
        private final DeviceRuntime rt;
        private final Function<DeviceRuntime, T> make;
        private T value;

        Lazy(DeviceRuntime rt, Function<DeviceRuntime, T> make) {
            this.rt = rt;
            this.make = make;
        }

        synchronized T get() {
            if (value == null) {
                value = make.apply(rt);
            }
            return value;
        }
    }
}
