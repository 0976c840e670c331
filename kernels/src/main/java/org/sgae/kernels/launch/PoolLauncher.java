package org.sgae.kernels.launch;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.sgae.kernels.device.DeviceRuntime;
import org.sgae.kernels.device.Grid;
import org.sgae.kernels.device.KernelArgs;
import org.sgae.kernels.device.KernelFunction;
import org.sgae.tensor.Tensor;
import org.sgae.tensor.attrs.Pool2dAttrs;
import org.sgae.tensor.ops.Op;
import org.sgae.tensor.ops.OpPart.Role;
import org.sgae.tensor.ops.OpPart;

/** pool.k and upsample.k launchers: one thread per output (forward) or input element (gather backward). */
@OpPart(role = Role.DEVICE_LAUNCHER, kernels = "pool.k", ops = {Op.MAX_POOL2D, Op.AVG_POOL2D, Op.ADAPTIVE_AVG_POOL2D})
@OpPart(role = Role.DEVICE_LAUNCHER, kernels = "upsample.k", ops = Op.UPSAMPLE_NEAREST2D)
final class PoolLauncher {
    static final int BLOCK = 256;

    private final ElementwiseLauncher elementwise;
    private final KernelFunction maxFwd;
    private final KernelFunction maxBwd;
    private final KernelFunction avgFwd;
    private final KernelFunction avgBwd;
    private final KernelFunction adaptiveFwd;
    private final KernelFunction adaptiveBwd;
    private final KernelFunction upFwd;
    private final KernelFunction upBwd;

    PoolLauncher(DeviceRuntime rt, ElementwiseLauncher elementwise) {
        this.elementwise = elementwise;
        maxFwd = rt.function("pool", "maxpool_fwd");
        maxBwd = rt.function("pool", "maxpool_bwd");
        avgFwd = rt.function("pool", "avgpool_fwd");
        avgBwd = rt.function("pool", "avgpool_bwd");
        adaptiveFwd = rt.function("pool", "adaptive_fwd");
        adaptiveBwd = rt.function("pool", "adaptive_bwd");
        upFwd = rt.function("upsample", "upsample_fwd");
        upBwd = rt.function("upsample", "upsample_bwd");
    }

    /** PoolGeom of pool.k from the input [.., H, W] and output [.., OH, OW] shapes. */
    private static byte[] geometry(Tensor in, Tensor out, Pool2dAttrs a) {
        int r = in.rank();
        ByteBuffer b = ByteBuffer.allocate(10 * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(in.dim(r - 2)).putInt(in.dim(r - 1)).putInt(out.dim(r - 2)).putInt(out.dim(r - 1));
        if (a == null) {
            b.putInt(1).putInt(1).putInt(1).putInt(1).putInt(0).putInt(0);
        } else {
            b.putInt(a.kernelH()).putInt(a.kernelW()).putInt(a.strideH()).putInt(a.strideW()).putInt(a.padH())
                    .putInt(a.padW());
        }
        return b.array();
    }

    /** UpGeom of upsample.k: H, W, OH, OW. */
    private static byte[] upGeometry(Tensor in, Tensor out) {
        int r = in.rank();
        ByteBuffer b = ByteBuffer.allocate(4 * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(in.dim(r - 2)).putInt(in.dim(r - 1)).putInt(out.dim(r - 2)).putInt(out.dim(r - 1));
        return b.array();
    }

    private static void run(KernelFunction k, byte[] geom, Tensor src, Tensor dst) {
        int total = dst.numel();
        if (total == 0) {
            return;
        }
        k.launch(Grid.linear(total, BLOCK), new KernelArgs().struct(geom, "geometry").i32(total).tensor(src).tensor(dst));
    }

    void maxPool(Tensor x, Pool2dAttrs a, Tensor out, Tensor argmax) {
        Types.requireF32("max_pool2d", x, out);
        int total = out.numel();
        if (total == 0) {
            return;
        }
        maxFwd.launch(Grid.linear(total, BLOCK), new KernelArgs().struct(geometry(x, out, a), "PoolGeom").i32(total)
                .tensor(x).tensor(out).tensor(argmax));
    }

    void maxPoolBackward(Tensor gradOut, Tensor argmax, Tensor gradIn) {
        Types.requireF32("max_pool2d backward", gradOut, gradIn);
        elementwise.fill(gradIn, 0);
        int total = gradOut.numel();
        if (total == 0) {
            return;
        }
        int r = gradIn.rank();
        int hw = gradIn.dim(r - 2) * gradIn.dim(r - 1);
        int ohw = gradOut.dim(r - 2) * gradOut.dim(r - 1);
        maxBwd.launch(Grid.linear(total, BLOCK), new KernelArgs().i32(hw).i32(ohw).i32(total).tensor(gradOut)
                .tensor(argmax).tensor(gradIn));
    }

    void avgPool(Tensor x, Pool2dAttrs a, Tensor out) {
        Types.requireF32("avg_pool2d", x, out);
        run(avgFwd, geometry(x, out, a), x, out);
    }

    void avgPoolBackward(Tensor gradOut, Pool2dAttrs a, Tensor gradIn) {
        Types.requireF32("avg_pool2d backward", gradOut, gradIn);
        run(avgBwd, geometry(gradIn, gradOut, a), gradOut, gradIn);
    }

    void adaptive(Tensor x, Tensor out) {
        Types.requireF32("adaptive_avg_pool2d", x, out);
        run(adaptiveFwd, geometry(x, out, null), x, out);
    }

    void adaptiveBackward(Tensor gradOut, Tensor gradIn) {
        Types.requireF32("adaptive_avg_pool2d backward", gradOut, gradIn);
        run(adaptiveBwd, geometry(gradIn, gradOut, null), gradOut, gradIn);
    }

    void upsample(Tensor x, Tensor out) {
        Types.requireF32("upsample_nearest2d", x, out);
        run(upFwd, upGeometry(x, out), x, out);
    }

    void upsampleBackward(Tensor gradOut, Tensor gradIn) {
        Types.requireF32("upsample_nearest2d backward", gradOut, gradIn);
        run(upBwd, upGeometry(gradIn, gradOut), gradOut, gradIn);
    }
}
