package org.sgae.kernels.launch;

import static org.sgae.kernels.launch.DetectionLauncher.grid;

import org.sgae.kernels.device.DeviceErrors;
import org.sgae.kernels.device.DeviceRuntime;
import org.sgae.kernels.device.KernelArgs;
import org.sgae.kernels.device.KernelFunction;
import org.sgae.kernels.device.Scratch;
import org.sgae.tensor.DType;
import org.sgae.tensor.Tensor;
import org.sgae.tensor.attrs.BoxCropAttrs;
import org.sgae.tensor.attrs.LayoutWarpAttrs;
import org.sgae.tensor.ops.Op;
import org.sgae.tensor.ops.OpPart.Role;
import org.sgae.tensor.ops.OpPart;
import org.sgae.tensor.spi.LayoutKernels;

/**
 * Launchers of layout_warp.k (F32). Nothing here reads device memory on the host: objects are grouped per image on
 * the device (layout_index) and a bad objToImg goes to the deferred error flag. Layout warping takes vectors [O,D]
 * (separable kernels) or full maps [O,D,M,M] (bilinear-tap kernels, layout_map_*). Box crops (box_crop.k) use
 * the same device-built index (layout_index: validated image per box and the CSR of boxes per image) and a
 * deterministic backward: a gather for the images and a two-pass fixed-order reduction for the boxes.
 */
@OpPart(role = Role.DEVICE_LAUNCHER, kernels = "layout_warp.k", ops = Op.LAYOUT_WARP)
@OpPart(role = Role.DEVICE_LAUNCHER, kernels = {"box_crop.k", "layout_warp.k"}, ops = Op.BOX_CROP)
public final class LayoutLauncher implements LayoutKernels {
    private final DeviceRuntime rt;
    private final ElementwiseLauncher elementwise;
    private final KernelFunction layoutIndexI32;
    private final KernelFunction layoutIndexI64;
    private final KernelFunction layoutFwd;
    private final KernelFunction layoutBwd;
    private final KernelFunction layoutMapFwd;
    private final KernelFunction layoutMapBwd;
    private final KernelFunction cropFwd;
    private final KernelFunction cropBwdImages;
    private final KernelFunction cropBwdRows;
    private final KernelFunction cropBwdBoxes;

    public LayoutLauncher(DeviceRuntime rt) {
        this.rt = rt;
        elementwise = new ElementwiseLauncher(rt);
        layoutIndexI32 = rt.function("layout_warp", "layout_index_i32");
        layoutIndexI64 = rt.function("layout_warp", "layout_index_i64");
        layoutFwd = rt.function("layout_warp", "layout_fwd");
        layoutBwd = rt.function("layout_warp", "layout_bwd");
        layoutMapFwd = rt.function("layout_warp", "layout_map_fwd");
        layoutMapBwd = rt.function("layout_warp", "layout_map_bwd");
        cropFwd = rt.function("box_crop", "box_crop_fwd");
        cropBwdImages = rt.function("box_crop", "box_crop_bwd_images");
        cropBwdRows = rt.function("box_crop", "box_crop_bwd_rows");
        cropBwdBoxes = rt.function("box_crop", "box_crop_bwd_boxes");
    }

    private void zero(Tensor t) {
        elementwise.fill(t, 0);
    }

    /**
     * imgStart [B+1], members [max(1,O)] (CSR of objects per image, ascending within an image) and img32
     * [max(1,O)] (-1 for an out-of-range objToImg, which goes to the deferred error flag), built on the device.
     */
    private void index(Tensor objToImg, int images, DeviceErrors.Op op, Tensor start, Tensor members,
                       Tensor img32) {
        int o = objToImg.numel();
        rt.errors().launch(objToImg.dtype() == DType.I32 ? layoutIndexI32 : layoutIndexI64,
                grid(Math.max(o, images + 1)), new KernelArgs().tensor(objToImg).i32(o).i32(images)
                        .tensor(start).tensor(members).tensor(img32), op);
    }

    @Override
    public void layoutWarp(Tensor src, Tensor boxes, Tensor objToImg, LayoutWarpAttrs a, Tensor out) {
        Types.requireF32("layout_warp", src, boxes, out);
        int o = Math.max(1, objToImg.numel());
        try (Tensor s = Scratch.empty(rt, DType.I32, a.images() + 1); Tensor m = Scratch.empty(rt, DType.I32, o);
             Tensor img = Scratch.empty(rt, DType.I32, o)) {
            index(objToImg, a.images(), DeviceErrors.Op.LAYOUT_WARP, s, m, img);
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
            index(objToImg, a.images(), DeviceErrors.Op.LAYOUT_WARP_BACKWARD, s, m, i32); // range check + img32
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

    @Override
    public void boxCrop(Tensor images, Tensor boxes, Tensor imageIndex, BoxCropAttrs a, Tensor out) {
        Types.requireF32("box_crop", images, boxes, out);
        int nObj = boxes.dim(0);
        int o = Math.max(1, nObj);
        try (Tensor s = Scratch.empty(rt, DType.I32, images.dim(0) + 1); Tensor m = Scratch.empty(rt, DType.I32, o);
             Tensor img = Scratch.empty(rt, DType.I32, o)) {
            index(imageIndex, images.dim(0), DeviceErrors.Op.BOX_CROP, s, m, img);
            cropFwd.launch(grid(out.numel()), new KernelArgs().tensor(images).tensor(boxes).tensor(img).tensor(out)
                    .i32(nObj).i32(images.dim(1)).i32(images.dim(2)).i32(images.dim(3)).i32(a.size()));
        }
    }

    @Override
    public void boxCropBackward(Tensor gradOut, Tensor images, Tensor boxes, Tensor imageIndex, BoxCropAttrs a,
                                Tensor gradImages, Tensor gradBoxes) {
        Types.requireF32("box_crop backward", gradOut, images, boxes);
        int b = images.dim(0), c = images.dim(1), h = images.dim(2), w = images.dim(3), sz = a.size();
        int nObj = boxes.dim(0);
        int o = Math.max(1, nObj);
        try (Tensor s = Scratch.empty(rt, DType.I32, b + 1); Tensor m = Scratch.empty(rt, DType.I32, o);
             Tensor img = Scratch.empty(rt, DType.I32, o)) {
            index(imageIndex, b, DeviceErrors.Op.BOX_CROP_BACKWARD, s, m, img);
            if (gradImages != null && gradImages.numel() > 0) {
                cropBwdImages.launch(grid(gradImages.numel()), new KernelArgs().tensor(gradOut).tensor(boxes)
                        .tensor(s).tensor(m).tensor(gradImages).i32(b).i32(c).i32(h).i32(w).i32(sz));
            }
            if (gradBoxes == null || nObj == 0) {
                return;
            }
            if (c == 0) {
                zero(gradBoxes);
                return;
            }
            // partial [O*C*S, 4]: one row of box terms per (o, c, v), summed per box in order by box_crop_bwd_boxes
            try (Tensor partial = Scratch.empty(rt, DType.F32, nObj * c * sz, 4)) {
                cropBwdRows.launch(grid(nObj * c * sz), new KernelArgs().tensor(gradOut).tensor(images)
                        .tensor(boxes).tensor(img).tensor(partial).i32(nObj).i32(c).i32(h).i32(w).i32(sz));
                cropBwdBoxes.launch(grid(nObj), new KernelArgs().tensor(partial).tensor(gradBoxes).i32(nObj)
                        .i32(c * sz));
            }
        }
    }
}
