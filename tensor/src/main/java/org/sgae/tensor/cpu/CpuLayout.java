package org.sgae.tensor.cpu;

import static org.sgae.tensor.cpu.HostArrays.d;
import static org.sgae.tensor.cpu.HostArrays.f32;
import static org.sgae.tensor.cpu.HostArrays.f;
import static org.sgae.tensor.cpu.HostArrays.ints;
import static org.sgae.tensor.cpu.HostArrays.store;

import org.sgae.tensor.Tensor;
import org.sgae.tensor.attrs.BoxCropAttrs;
import org.sgae.tensor.attrs.LayoutWarpAttrs;
import org.sgae.tensor.cpu.ref.BoxCropRef;
import org.sgae.tensor.cpu.ref.LayoutWarpRef;
import org.sgae.tensor.spi.LayoutKernels;

/**
 * CPU layout warping and box crops. F32 object vectors run the fast path ({@link LayoutWarpCpu}); F64 (gradient
 * checks) and the cold path (warping full maps) run the double reference. Box crops: F32 runs {@link BoxCropCpu},
 * F64 {@link BoxCropRef}. Inputs are contiguous (the facade sees to it); offsets
 * are honoured.
 */
final class CpuLayout implements LayoutKernels {
    @Override
    public void layoutWarp(Tensor src, Tensor boxes, Tensor objToImg, LayoutWarpAttrs a, Tensor out) {
        int o = src.dim(0), dd = src.dim(1);
        int[] img = ints(objToImg);
        if (f32(src) && src.rank() == 2) {
            checkImages(img, a);
            LayoutWarpCpu.forward(f(src), src.offset(), o, dd, f(boxes), boxes.offset(), img, a, f(out),
                    out.offset());
            return;
        }
        double[] r = new double[out.numel()];
        LayoutWarpRef.forward(d(src), src.rank() == 4, o, dd, d(boxes), img, a, r);
        store(r, out);
    }

    @Override
    public void layoutWarpBackward(Tensor gradOut, Tensor src, Tensor boxes, Tensor objToImg, LayoutWarpAttrs a,
                                   Tensor gradSrc, Tensor gradBoxes) {
        int o = src.dim(0), dd = src.dim(1);
        int[] img = ints(objToImg);
        if (f32(src) && src.rank() == 2) {
            checkImages(img, a);
            LayoutWarpCpu.backward(f(gradOut), gradOut.offset(), f(src), src.offset(), o, dd, f(boxes),
                    boxes.offset(), img, a, f(gradSrc), gradSrc.offset(), gradBoxes == null ? null : f(gradBoxes),
                    gradBoxes == null ? 0 : gradBoxes.offset());
            return;
        }
        double[] gs = new double[gradSrc.numel()];
        double[] gb = gradBoxes == null ? null : new double[o * 4];
        LayoutWarpRef.backward(d(gradOut), d(src), src.rank() == 4, o, dd, d(boxes), img, a, gs, gb);
        store(gs, gradSrc);
        if (gb != null) {
            store(gb, gradBoxes);
        }
    }

    @Override
    public void boxCrop(Tensor images, Tensor boxes, Tensor imageIndex, BoxCropAttrs a, Tensor out) {
        int b = images.dim(0), c = images.dim(1), h = images.dim(2), w = images.dim(3);
        int[] idx = ints(imageIndex);
        BoxCropRef.checkIndex(idx, b);
        if (f32(images)) {
            BoxCropCpu.forward(f(images), images.offset(), c, h, w, f(boxes), boxes.offset(), idx, a, f(out),
                    out.offset());
            return;
        }
        double[] r = new double[out.numel()];
        BoxCropRef.forward(d(images), b, c, h, w, d(boxes), idx, a, r);
        store(r, out);
    }

    @Override
    public void boxCropBackward(Tensor gradOut, Tensor images, Tensor boxes, Tensor imageIndex, BoxCropAttrs a,
                                Tensor gradImages, Tensor gradBoxes) {
        int b = images.dim(0), c = images.dim(1), h = images.dim(2), w = images.dim(3);
        int[] idx = ints(imageIndex);
        BoxCropRef.checkIndex(idx, b);
        if (f32(images)) {
            BoxCropCpu.backward(f(gradOut), gradOut.offset(), f(images), images.offset(), b, c, h, w, f(boxes),
                    boxes.offset(), idx, a, gradImages == null ? null : f(gradImages),
                    gradImages == null ? 0 : gradImages.offset(), gradBoxes == null ? null : f(gradBoxes),
                    gradBoxes == null ? 0 : gradBoxes.offset());
            return;
        }
        double[] gi = gradImages == null ? null : new double[gradImages.numel()];
        double[] gb = gradBoxes == null ? null : new double[gradBoxes.numel()];
        BoxCropRef.backward(d(gradOut), d(images), b, c, h, w, d(boxes), idx, a, gi, gb);
        if (gi != null) {
            store(gi, gradImages);
        }
        if (gb != null) {
            store(gb, gradBoxes);
        }
    }

    private static void checkImages(int[] img, LayoutWarpAttrs a) {
        for (int i = 0; i < img.length; i++) {
            if (img[i] < 0 || img[i] >= a.images()) {
                throw new IllegalArgumentException("layout_warp: objToImg[" + i + "] = " + img[i] + " outside [0,"
                        + a.images() + ")");
            }
        }
    }
}
