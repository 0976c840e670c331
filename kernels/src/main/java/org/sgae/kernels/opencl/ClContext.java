package org.sgae.kernels.opencl;

import static org.jocl.CL.*;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jocl.CLException;
import org.jocl.Pointer;
import org.jocl.cl_command_queue;
import org.jocl.cl_context;
import org.jocl.cl_context_properties;
import org.jocl.cl_device_id;
import org.jocl.cl_mem;
import org.jocl.cl_platform_id;
import org.jocl.cl_program;
import org.jocl.cl_queue_properties;
import org.sgae.kernels.KernelSource;
import org.sgae.kernels.device.Block;
import org.sgae.kernels.device.CachingAllocator;
import org.sgae.kernels.device.DeviceOutOfMemory;
import org.sgae.kernels.device.DeviceErrors;
import org.sgae.kernels.device.DeviceRuntime;
import org.sgae.kernels.device.KernelFunction;
import org.sgae.kernels.device.RawMemory;
import org.sgae.tensor.Device;

/**
 * One OpenCL device: context, one in-order queue, a program cache (one program per .k family, built from the
 * spliced source at first use) and the caching allocator. JOCL exceptions are on; a failed build throws with the
 * build log. Kernels are built with -cl-single-precision-constant (unsuffixed literals stay float) and never with
 * -cl-fast-relaxed-math (the parity tests compare against IEEE references).
 */
public final class ClContext implements DeviceRuntime {
    static final String BUILD_OPTIONS = "-cl-single-precision-constant";

    private final Device device;
    private final cl_device_id deviceId;
    private final String deviceName;
    private final cl_context context;
    private final cl_command_queue queue;
    private final Map<String, cl_program> programs = new HashMap<>();
    private final Map<String, ClKernel> kernels = new HashMap<>();
    private final CachingAllocator allocator;
    private final DeviceErrors errors;

    ClContext(int index) {
        setExceptionsEnabled(true);
        List<cl_platform_id> owners = new ArrayList<>();
        List<cl_device_id> devices = allDevices(owners);
        if (index < 0 || index >= devices.size()) {
            throw new IllegalArgumentException("No OpenCL device " + index + " (found " + devices.size() + ")");
        }
        this.device = Device.opencl(index);
        this.deviceId = devices.get(index);
        this.deviceName = deviceString(deviceId, CL_DEVICE_NAME);
        cl_context_properties props = new cl_context_properties();
        props.addProperty(CL_CONTEXT_PLATFORM, owners.get(index));
        this.context = clCreateContext(props, 1, new cl_device_id[] {deviceId}, null, null, null);
        this.queue = clCreateCommandQueueWithProperties(context, deviceId, new cl_queue_properties(), null);
        this.allocator = new CachingAllocator(device + " (" + deviceName + ")", new RawMemory() {
            @Override
            public Object malloc(long bytes) {
                try {
                    return clCreateBuffer(context, CL_MEM_READ_WRITE, bytes, null, null);
                } catch (CLException e) {
                    if (e.getStatus() == CL_MEM_OBJECT_ALLOCATION_FAILURE || e.getStatus() == CL_OUT_OF_RESOURCES
                            || e.getStatus() == CL_OUT_OF_HOST_MEMORY || e.getStatus() == CL_INVALID_BUFFER_SIZE) {
                        throw new DeviceOutOfMemory(e.getMessage(), e);
                    }
                    throw e;
                }
            }

            @Override
            public void free(Object handle) {
                clReleaseMemObject((cl_mem) handle);
            }
        });
        this.errors = new DeviceErrors(this); // last: it allocates and writes through this context
    }

    /** Every device of every platform, in platform order; fills the owning platform of each. */
    static List<cl_device_id> allDevices(List<cl_platform_id> owners) {
        int[] n = new int[1];
        clGetPlatformIDs(0, null, n);
        cl_platform_id[] platforms = new cl_platform_id[n[0]];
        clGetPlatformIDs(platforms.length, platforms, null);
        List<cl_device_id> out = new ArrayList<>();
        for (cl_platform_id p : platforms) {
            int[] nd = new int[1];
            try {
                clGetDeviceIDs(p, CL_DEVICE_TYPE_ALL, 0, null, nd);
            } catch (CLException e) {
                continue; // CL_DEVICE_NOT_FOUND on an empty platform
            }
            cl_device_id[] ds = new cl_device_id[nd[0]];
            clGetDeviceIDs(p, CL_DEVICE_TYPE_ALL, ds.length, ds, null);
            for (cl_device_id d : ds) {
                out.add(d);
                owners.add(p);
            }
        }
        return out;
    }

    static String deviceString(cl_device_id d, int param) {
        long[] size = new long[1];
        clGetDeviceInfo(d, param, 0, null, size);
        byte[] buf = new byte[(int) size[0]];
        clGetDeviceInfo(d, param, buf.length, Pointer.to(buf), null);
        return new String(buf, 0, Math.max(0, buf.length - 1));
    }

    public String deviceName() {
        return deviceName;
    }

    @Override
    public Device device() {
        return device;
    }

    @Override
    public synchronized KernelFunction function(String family, String kernel) {
        String key = family + "/" + kernel;
        ClKernel k = kernels.get(key);
        if (k == null) {
            k = new ClKernel(this, kernel, clCreateKernel(program(family), kernel, null));
            kernels.put(key, k);
        }
        return k;
    }

    private cl_program program(String family) {
        cl_program p = programs.get(family);
        if (p != null) {
            return p;
        }
        p = clCreateProgramWithSource(context, 1, new String[] {KernelSource.openCl(family)}, null, null);
        try {
            clBuildProgram(p, 1, new cl_device_id[] {deviceId}, BUILD_OPTIONS, null, null);
        } catch (CLException e) {
            throw new IllegalStateException("OpenCL build of kernels/" + family + ".k failed on " + deviceName
                    + ":\n" + buildLog(p), e);
        }
        programs.put(family, p);
        return p;
    }

    private String buildLog(cl_program p) {
        long[] size = new long[1];
        clGetProgramBuildInfo(p, deviceId, CL_PROGRAM_BUILD_LOG, 0, null, size);
        byte[] buf = new byte[(int) size[0]];
        clGetProgramBuildInfo(p, deviceId, CL_PROGRAM_BUILD_LOG, buf.length, Pointer.to(buf), null);
        return new String(buf, 0, Math.max(0, buf.length - 1));
    }

    cl_command_queue queue() {
        return queue;
    }

    @Override
    public CachingAllocator allocator() {
        return allocator;
    }

    @Override
    public void write(Object hostArray, long hostByteOffset, Block dst, long dstByteOffset, long bytes) {
        clEnqueueWriteBuffer(queue, (cl_mem) dst.handle(), CL_TRUE, dstByteOffset, bytes,
                host(hostArray).withByteOffset(hostByteOffset), 0, null, null);
    }

    @Override
    public void read(Block src, long srcByteOffset, Object hostArray, long hostByteOffset, long bytes) {
        clEnqueueReadBuffer(queue, (cl_mem) src.handle(), CL_TRUE, srcByteOffset, bytes,
                host(hostArray).withByteOffset(hostByteOffset), 0, null, null);
    }

    @Override
    public void copy(Block src, long srcByteOffset, Block dst, long dstByteOffset, long bytes) {
        if (bytes > 0) {
            clEnqueueCopyBuffer(queue, (cl_mem) src.handle(), (cl_mem) dst.handle(), srcByteOffset, dstByteOffset,
                    bytes, 0, null, null);
        }
    }

    /** JOCL pins a Java array for the duration of a blocking call. */
    static Pointer host(Object a) {
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

    @Override
    public DeviceErrors errors() {
        return errors;
    }

    @Override
    public void synchronize() {
        clFinish(queue);
    }
}
