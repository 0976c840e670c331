package org.sgae.kernels.launch;

import static org.sgae.kernels.launch.DetectionLauncher.grid;

import org.sgae.kernels.device.DeviceErrors;
import org.sgae.kernels.device.DeviceRuntime;
import org.sgae.kernels.device.KernelArgs;
import org.sgae.kernels.device.KernelFunction;
import org.sgae.kernels.device.Scratch;
import org.sgae.tensor.DType;
import org.sgae.tensor.Tensor;
import org.sgae.tensor.attrs.LayoutWarpAttrs;
import org.sgae.tensor.ops.Op;
import org.sgae.tensor.ops.OpPart.Role;
import org.sgae.tensor.ops.OpPart;
import org.sgae.tensor.spi.LayoutKernels;

/**
 * Launchers of layout_warp.k (F32). Nothing here reads device memory on the host: objects are grouped per image on
 * the device (layout_index) and a bad objToImg goes to the deferred error flag. Layout warping takes vectors [O,D]
 * (separable kernels) or full maps [O,D,M,M] (bilinear-tap kernels, layout_map_*).
 */
@OpPart(role = Role.DEVICE_LAUNCHER, kernels = "layout_warp.k", ops = Op.LAYOUT_WARP)
public final class LayoutLauncher implements LayoutKernels {
    private final DeviceRuntime rt;
    private final ElementwiseLauncher elementwise;
    private final KernelFunction layoutIndexI32;
    private final KernelFunction layoutIndexI64;
    private final KernelFunction layoutFwd;
    private final KernelFunction layoutBwd;
    private final KernelFunction layoutMapFwd;
    private final KernelFunction layoutMapBwd;

    public LayoutLauncher(DeviceRuntime rt) {
        this.rt = rt;
        elementwise = new ElementwiseLauncher(rt);
        layoutIndexI32 = rt.function("layout_warp", "layout_index_i32");
        layoutIndexI64 = rt.function("layout_warp", "layout_index_i64");
        layoutFwd = rt.function("layout_warp", "layout_fwd");
        layoutBwd = rt.function("layout_warp", "layout_bwd");
        layoutMapFwd = rt.function("layout_warp", "layout_map_fwd");
        layoutMapBwd = rt.function("layout_warp", "layout_map_bwd");
    }

    private void zero(Tensor t) {
        elementwise.fill(t, 0);
    }

    /**
     * imgStart [B+1], members [max(1,O)] (CSR of objects per image, ascending within an image) and img32
     * [max(1,O)] (-1 for an out-of-range objToImg, which goes to the deferred error flag), built on the device.
     */
    private void index(Tensor objToImg, LayoutWarpAttrs a, DeviceErrors.Op op, Tensor start, Tensor members,
                       Tensor img32) {
        int o = objToImg.numel();
        rt.errors().launch(objToImg.dtype() == DType.I32 ? layoutIndexI32 : layoutIndexI64,
                grid(Math.max(o, a.images() + 1)), new KernelArgs().tensor(objToImg).i32(o).i32(a.images())
                        .tensor(start).tensor(members).tensor(img32), op);
    }

    @Override
    public void layoutWarp(Tensor src, Tensor boxes, Tensor objToImg, LayoutWarpAttrs a, Tensor out) {
        Types.requireF32("layout_warp", src, boxes, out);
        int o = Math.max(1, objToImg.numel());
        try (Tensor s = Scratch.empty(rt, DType.I32, a.images() + 1); Tensor m = Scratch.empty(rt, DType.I32, o);
             Tensor img = Scratch.empty(rt, DType.I32, o)) {
            index(objToImg, a, DeviceErrors.Op.LAYOUT_WARP, s, m, img);
            // src rank 2: vectors [O,D]; rank 4: maps [O,D,M,M] (Layout checked M); same argument list
            (src.rank() == 4 ? layoutMapFwd : layoutFwd).launch(grid(out.numel()), new KernelArgs().tensor(src).tensor(boxes).tensor(s).tensor(m)
                    .tensor(out).i32(a.images()).i32(src.dim(1)).i32(a.height()).i32(a.width()).i32(a.mapSize())
                    .i32(a.grid().ordinal()));
        }
    }

    @Override
    public void layoutWarpBackward(Tensor gradOut, Tensor src, Tensor boxes, Tensor objToImg, LayoutWarpAttrs a,
                                   Tensor gradSrc, Tensor gradBoxes) {
        Types.requireF32("layout_warp backward", gradOut, src, boxes, gradSrc);
        if (gradBoxes != null) {
            zero(gradBoxes);
        }
        boolean maps = src.rank() == 4;
        if (maps) {
            zero(gradSrc); // layout_map_bwd accumulates into the slab each (o, d) item owns
        }
        int o = Math.max(1, objToImg.numel());
        try (Tensor s = Scratch.empty(rt, DType.I32, a.images() + 1); Tensor m = Scratch.empty(rt, DType.I32, o);
             Tensor i32 = Scratch.empty(rt, DType.I32, o)) {
            index(objToImg, a, DeviceErrors.Op.LAYOUT_WARP_BACKWARD, s, m, i32); // range check + img32
            if (src.numel() == 0) {
                return; // D = 0 or M = 0: nothing to launch, gradients stay zero
            }
            // one item per (o, d): O*D = src.dim(0) * src.dim(1) for both forms
            (maps ? layoutMapBwd : layoutBwd).launch(grid(src.dim(0) * src.dim(1)), new KernelArgs().tensor(gradOut)
                    .tensor(src).tensor(boxes).tensor(i32)
                    .tensor(gradSrc).tensor(gradBoxes == null ? gradSrc : gradBoxes).i32(gradBoxes == null ? 0 : 1)
                    .i32(src.dim(0)).i32(src.dim(1)).i32(a.height()).i32(a.width()).i32(a.mapSize())
                    .i32(a.grid().ordinal()));
        }
    }
}
