package org.sgae.tensor.cpu;

import org.sgae.tensor.DType;
import org.sgae.tensor.Device;
import org.sgae.tensor.memory.CpuStorage;
import org.sgae.tensor.memory.Storage;
import org.sgae.tensor.spi.Backend;
import org.sgae.tensor.spi.DetectionKernels;
import org.sgae.tensor.spi.ElementwiseKernels;
import org.sgae.tensor.spi.IndexKernels;
import org.sgae.tensor.spi.LayoutKernels;
import org.sgae.tensor.spi.LinalgKernels;
import org.sgae.tensor.spi.NnKernels;
import org.sgae.tensor.spi.ReduceKernels;

/** The built-in CPU backend: pooled Java arrays, {@link CpuParallel} threads, Vector API hot loops. */
public final class CpuBackend implements Backend {
    public static final CpuBackend INSTANCE = new CpuBackend();
    private final ElementwiseKernels elementwise = new CpuElementwise();
    private final ReduceKernels reduce = new CpuReduce();
    private final LinalgKernels linalg = new CpuLinalg();
    private final NnKernels nn = new CpuNn();
    private final IndexKernels index = new CpuIndex();
    private final DetectionKernels detection = new CpuDetection();
    private final LayoutKernels layout = new CpuLayout();

    private CpuBackend() {
    }

    @Override
    public Device device() {
        return Device.cpu();
    }

    @Override
    public Storage allocate(DType dtype, int n) {
        return CpuStorage.allocate(dtype, n);
    }

    @Override
    public void copyIn(Object hostArray, int hostOffset, Storage dst, int dstOffset, int n) {
        System.arraycopy(hostArray, hostOffset, ((CpuStorage) dst).array(), dstOffset, n);
    }

    @Override
    public void copyOut(Storage src, int srcOffset, Object hostArray, int hostOffset, int n) {
        System.arraycopy(((CpuStorage) src).array(), srcOffset, hostArray, hostOffset, n);
    }

    @Override
    public void synchronize() {
        // CPU kernels complete before they return.
    }

    @Override
    public ElementwiseKernels elementwise() {
        return elementwise;
    }

    @Override
    public ReduceKernels reduce() {
        return reduce;
    }

    @Override
    public LinalgKernels linalg() {
        return linalg;
    }

    @Override
    public NnKernels nn() {
        return nn;
    }

    @Override
    public IndexKernels index() {
        return index;
    }

    @Override
    public DetectionKernels detection() {
        return detection;
    }

    @Override
    public LayoutKernels layout() {
        return layout;
    }
}
