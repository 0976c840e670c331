package org.sgae.kernels.cuda;

import static jcuda.driver.JCudaDriver.*;

import java.util.List;
import jcuda.CudaException;
import jcuda.Pointer;
import jcuda.driver.CUcontext;
import jcuda.driver.CUdevice;
import jcuda.driver.CUdeviceptr;
import jcuda.driver.CUfunction;
import jcuda.driver.CUmodule;
import jcuda.driver.CUresult;
import jcuda.driver.JCudaDriver;
import org.sgae.kernels.device.Block;
import org.sgae.kernels.device.DeviceOutOfMemory;
import org.sgae.kernels.device.Grid;
import org.sgae.kernels.device.KernelArgs;

/** The real driver: JCuda 12.6.0 driver API with exceptions on (no NVRTC, no JCuda PTX compiler). */
final class JCudaDriverApi implements CudaDriver {
    private CUcontext context;
    private String name = "?";

    @Override
    public void open(int index) {
        JCudaDriver.setExceptionsEnabled(true);
        cuInit(0);
        CUdevice dev = new CUdevice();
        cuDeviceGet(dev, index);
        byte[] buf = new byte[256];
        cuDeviceGetName(buf, buf.length, dev);
        int end = 0;
        while (end < buf.length && buf[end] != 0) {
            end++;
        }
        name = new String(buf, 0, end);
        context = new CUcontext();
        cuDevicePrimaryCtxRetain(context, dev);
        cuCtxSetCurrent(context);
    }

    private void current() {
        // Launches may come from any Java thread; the primary context must be current on it.
        cuCtxSetCurrent(context);
    }

    @Override
    public String deviceName() {
        return name;
    }

    @Override
    public Object memAlloc(long bytes) {
        current();
        CUdeviceptr p = new CUdeviceptr();
        try {
            cuMemAlloc(p, bytes);
        } catch (CudaException e) {
            if (String.valueOf(e.getMessage()).contains(CUresult.stringFor(CUresult.CUDA_ERROR_OUT_OF_MEMORY))) {
                throw new DeviceOutOfMemory(e.getMessage(), e);
            }
            throw e;
        }
        return p;
    }

    @Override
    public void memFree(Object ptr) {
        current();
        cuMemFree((CUdeviceptr) ptr);
    }

    private static Pointer host(Object a) {
        if (a instanceof float[]) {
            return Pointer.to((float[]) a);
        } else if (a instanceof int[]) {
            return Pointer.to((int[]) a);
        } else if (a instanceof long[]) {
            return Pointer.to((long[]) a);
        } else if (a instanceof byte[]) {
            return Pointer.to((byte[]) a);
        } else if (a instanceof double[]) {
            return Pointer.to((double[]) a);
        }
        throw new IllegalArgumentException("Unsupported host array " + a.getClass().getSimpleName());
    }

    private static CUdeviceptr at(Object ptr, long byteOffset) {
        return byteOffset == 0 ? (CUdeviceptr) ptr : ((CUdeviceptr) ptr).withByteOffset(byteOffset);
    }

    @Override
    public void copyHtoD(Object dst, long dstByteOffset, Object hostArray, long hostByteOffset, long bytes) {
        current();
        cuMemcpyHtoD(at(dst, dstByteOffset), host(hostArray).withByteOffset(hostByteOffset), bytes);
    }

    @Override
    public void copyDtoH(Object hostArray, long hostByteOffset, Object src, long srcByteOffset, long bytes) {
        current();
        cuMemcpyDtoH(host(hostArray).withByteOffset(hostByteOffset), at(src, srcByteOffset), bytes);
    }

    @Override
    public void copyDtoD(Object dst, long dstByteOffset, Object src, long srcByteOffset, long bytes) {
        current();
        cuMemcpyDtoD(at(dst, dstByteOffset), at(src, srcByteOffset), bytes);
    }

    @Override
    public Object loadModule(byte[] ptx) {
        current();
        CUmodule m = new CUmodule();
        cuModuleLoadData(m, ptx);
        return m;
    }

    @Override
    public Object function(Object module, String fname) {
        CUfunction f = new CUfunction();
        cuModuleGetFunction(f, (CUmodule) module, fname);
        return f;
    }

    @Override
    public void launch(Object function, Grid g, KernelArgs args) {
        current();
        List<KernelArgs.Arg> list = args.list();
        Pointer[] params = new Pointer[list.size()];
        for (int i = 0; i < params.length; i++) {
            KernelArgs.Arg a = list.get(i);
            switch (a.kind()) {
                case BUFFER:
                    params[i] = Pointer.to((CUdeviceptr) ((Block) a.value()).handle());
                    break;
                case I32:
                    params[i] = Pointer.to(new int[] {(Integer) a.value()});
                    break;
                case I64:
                    params[i] = Pointer.to(new long[] {(Long) a.value()});
                    break;
                case F32:
                    params[i] = Pointer.to(new float[] {(Float) a.value()});
                    break;
                default:
                    params[i] = Pointer.to((byte[]) a.value());
            }
        }
        cuLaunchKernel((CUfunction) function, g.gx(), g.gy(), g.gz(), g.bx(), g.by(), g.bz(), 0, null,
                Pointer.to(params), null);
    }

    @Override
    public void synchronize() {
        current();
        cuCtxSynchronize();
    }
}
