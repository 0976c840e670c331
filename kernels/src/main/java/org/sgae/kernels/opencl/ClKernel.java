package org.sgae.kernels.opencl;

import static org.jocl.CL.clEnqueueNDRangeKernel;
import static org.jocl.CL.clSetKernelArg;

import java.util.List;
import org.jocl.CLException;
import org.jocl.Pointer;
import org.jocl.Sizeof;
import org.jocl.cl_kernel;
import org.jocl.cl_mem;
import org.sgae.kernels.KernelLaunchException;
import org.sgae.kernels.device.Block;
import org.sgae.kernels.device.Grid;
import org.sgae.kernels.device.KernelArgs;
import org.sgae.kernels.device.KernelFunction;

/** A cl_kernel plus the typed-argument binding. Arguments and enqueue are done under the context lock. */
final class ClKernel implements KernelFunction {
    private final ClContext ctx;
    private final String name;
    private final cl_kernel kernel;

    ClKernel(ClContext ctx, String name, cl_kernel kernel) {
        this.ctx = ctx;
        this.name = name;
        this.kernel = kernel;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void launch(Grid g, KernelArgs args) {
        synchronized (ctx) {
            try {
                List<KernelArgs.Arg> list = args.list();
                for (int i = 0; i < list.size(); i++) {
                    KernelArgs.Arg a = list.get(i);
                    switch (a.kind()) {
                        case BUFFER:
                            clSetKernelArg(kernel, i, Sizeof.cl_mem, Pointer.to((cl_mem) ((Block) a.value()).handle()));
                            break;
                        case I32:
                            clSetKernelArg(kernel, i, Sizeof.cl_int, Pointer.to(new int[] {(Integer) a.value()}));
                            break;
                        case I64:
                            clSetKernelArg(kernel, i, Sizeof.cl_long, Pointer.to(new long[] {(Long) a.value()}));
                            break;
                        case F32:
                            clSetKernelArg(kernel, i, Sizeof.cl_float, Pointer.to(new float[] {(Float) a.value()}));
                            break;
                        default:
                            byte[] b = (byte[]) a.value();
                            clSetKernelArg(kernel, i, b.length, Pointer.to(b));
                    }
                }
                int dims = g.dims();
                long[] local = {g.bx(), g.by(), g.bz()};
                long[] global = {(long) g.gx() * g.bx(), (long) g.gy() * g.by(), (long) g.gz() * g.bz()};
                clEnqueueNDRangeKernel(ctx.queue(), kernel, dims, null, global, local, 0, null, null);
            } catch (CLException e) {
                throw new KernelLaunchException(name, g.groups(), g.block(), args.describe(), e);
            }
        }
    }
}
