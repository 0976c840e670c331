package org.sgae.kernels.launch;

import java.util.List;
import org.sgae.kernels.device.DeviceRuntime;
import org.sgae.kernels.device.Grid;
import org.sgae.kernels.device.KernelArgs;
import org.sgae.kernels.device.KernelFunction;
import org.sgae.kernels.device.Scratch;
import org.sgae.tensor.DType;
import org.sgae.tensor.Device;
import org.sgae.tensor.Shape;
import org.sgae.tensor.Tensor;
import org.sgae.tensor.attrs.BoxCoderAttrs;
import org.sgae.tensor.attrs.BoxConvention;
import org.sgae.tensor.attrs.LayoutWarpAttrs;
import org.sgae.tensor.attrs.PairScoreAttrs;
import org.sgae.tensor.attrs.RoiAlignAttrs;
import org.sgae.tensor.ops.Assemble;
import org.sgae.tensor.ops.Op;
import org.sgae.tensor.ops.OpPart.Role;
import org.sgae.tensor.ops.OpPart;
import org.sgae.tensor.ops.Views;
import org.sgae.tensor.spi.Backends;
import org.sgae.tensor.spi.DetectionKernels;

/**
 * Launchers of roi_align.k, pair_score.k and nms.k (F32); layout_warp.k is {@link LayoutLauncher}'s. Nothing here
 * reads device memory on the host except the public NMS's kept count (NmsLauncher).
 */
@OpPart(role = Role.DEVICE_LAUNCHER, kernels = "roi_align.k", ops = Op.ROI_ALIGN)
@OpPart(role = Role.DEVICE_LAUNCHER, kernels = "pair_score.k", ops = Op.PAIR_SCORES)
public final class DetectionLauncher implements DetectionKernels {
    static final int BLOCK = 256;
    private final DeviceRuntime rt;
    private final Device device;
    private final NmsLauncher nmsLauncher;
    private final ElementwiseLauncher elementwise;
    private final KernelFunction roiFwd;
    private final KernelFunction roiBwd;
    private final KernelFunction pairKeys;
    private final KernelFunction pairStep;
    private final KernelFunction pairGather;
    private final KernelFunction pairGrad;
    private final KernelFunction iou;
    private final KernelFunction encode;
    private final KernelFunction decode;

    public DetectionLauncher(DeviceRuntime rt) {
        this.rt = rt;
        device = rt.device();
        nmsLauncher = new NmsLauncher(rt);
        elementwise = new ElementwiseLauncher(rt);
        roiFwd = rt.function("roi_align", "roi_align_fwd");
        roiBwd = rt.function("roi_align", "roi_align_bwd");
        pairKeys = rt.function("pair_score", "pair_keys");
        pairStep = rt.function("pair_score", "pair_bitonic_step");
        pairGather = rt.function("pair_score", "pair_gather");
        pairGrad = rt.function("pair_score", "pair_grad");
        iou = rt.function("nms", "box_iou");
        encode = rt.function("nms", "box_encode");
        decode = rt.function("nms", "box_decode");
    }

    private void zero(Tensor t) {
        elementwise.fill(t, 0);
    }

    /** One item per thread, at most 4096 blocks (the kernels loop over the rest); LayoutLauncher shares it. */
    static Grid grid(int items) {
        return Grid.linear(Math.max(1, Math.min(items, BLOCK * 4096)), BLOCK);
    }

    private static KernelArgs roiGeometry(KernelArgs k, int c, int h, int w, int rois, RoiAlignAttrs a) {
        return k.i32(c).i32(h).i32(w).i32(rois).i32(a.outH()).i32(a.outW()).f32((float) a.spatialScale())
                .i32(a.samplingRatio()).i32(a.aligned() ? 1 : 0);
    }

    @Override
    public void roiAlign(Tensor x, Tensor rois, RoiAlignAttrs a, Tensor out) {
        Types.requireF32("roi_align", x, rois, out);
        roiFwd.launch(grid(out.numel()), roiGeometry(new KernelArgs().tensor(x).tensor(rois).tensor(out), x.dim(1),
                x.dim(2), x.dim(3), rois.dim(0), a));
    }

    @Override
    public void roiAlignBackward(Tensor gradOut, Tensor rois, RoiAlignAttrs a, Tensor gradIn) {
        Types.requireF32("roi_align backward", gradOut, rois, gradIn);
        zero(gradIn);
        if (gradOut.numel() == 0) {
            return;
        }
        roiBwd.launch(grid(gradOut.numel()), roiGeometry(new KernelArgs().tensor(gradOut).tensor(rois).tensor(gradIn),
                gradIn.dim(1), gradIn.dim(2), gradIn.dim(3), rois.dim(0), a));
    }

    /** [phiS | pS] as one [N, d1 + d2] matrix (phiS itself when there is no second pair). */
    private static Tensor packed(Tensor first, Tensor second) {
        return second == null ? first : Assemble.cat(List.of(first, second), 1);
    }

    @Override
    public void pairScores(Tensor phiS, Tensor phiO, Tensor pS, Tensor pO, PairScoreAttrs a, Tensor scores,
                           Tensor pairs) {
        Types.requireF32("pair_scores", phiS, phiO, scores);
        int n = phiS.dim(0);
        int k = scores.dim(0);
        int padded = Integer.highestOneBit(Math.max(2, n * n - 1)) << 1;
        Tensor a1 = packed(phiS, pS);
        Tensor b1 = packed(phiO, pO);
        int dt = a1.dim(1);
        int tiles = (n + 15) / 16;
        try (Tensor keys = Tensor.empty(Shape.of(padded), DType.I64, device)) {
            pairKeys.launch(Grid.linear(Math.min(tiles * tiles, 4096) * BLOCK, BLOCK), new KernelArgs().tensor(a1)
                    .tensor(b1).tensor(keys).i32(n).i32(dt).i32(padded));
            for (int size = 2; size <= padded; size <<= 1) {
                for (int stride = size >> 1; stride > 0; stride >>= 1) {
                    pairStep.launch(grid(padded / 2), new KernelArgs().tensor(keys).i32(padded).i32(size)
                            .i32(stride));
                }
            }
            pairGather.launch(grid(k), new KernelArgs().tensor(keys).tensor(scores).tensor(pairs).i32(n).i32(k));
        } finally {
            closeIfPacked(a1, pS);
            closeIfPacked(b1, pO);
        }
    }

    private static void closeIfPacked(Tensor packed, Tensor second) {
        if (second != null) {
            packed.close();
        }
    }

    @Override
    public void pairScoresBackward(Tensor gradScores, Tensor scores, Tensor pairs, Tensor phiS, Tensor phiO,
                                   Tensor pS, Tensor pO, Tensor gPhiS, Tensor gPhiO, Tensor gPS, Tensor gPO) {
        Types.requireF32("pair_scores backward", gradScores, scores, phiS, phiO, gPhiS, gPhiO);
        int n = phiS.dim(0);
        Tensor a1 = packed(phiS, pS);
        Tensor b1 = packed(phiO, pO);
        int dt = a1.dim(1);
        Tensor ga = pS == null ? gPhiS : Tensor.empty(Shape.of(n, dt), DType.F32, device);
        Tensor gb = pS == null ? gPhiO : Tensor.empty(Shape.of(n, dt), DType.F32, device);
        try {
            pairGrad.launch(grid(2 * n * dt), new KernelArgs().tensor(gradScores).tensor(scores).tensor(pairs)
                    .tensor(a1).tensor(b1).tensor(ga).tensor(gb).i32(n).i32(dt).i32(scores.dim(0)));
            if (pS != null) {
                int d1 = phiS.dim(1);
                var ew = Backends.of(device).elementwise();
                ew.copy(Views.narrow(ga, 1, 0, d1), gPhiS);
                ew.copy(Views.narrow(gb, 1, 0, d1), gPhiO);
                ew.copy(Views.narrow(ga, 1, d1, dt - d1), gPS);
                ew.copy(Views.narrow(gb, 1, d1, dt - d1), gPO);
            }
        } finally {
            closeIfPacked(a1, pS);
            closeIfPacked(b1, pO);
            closeIfPacked(ga, pS);
            closeIfPacked(gb, pS);
        }
    }

    @Override
    public Tensor nms(Tensor boxes, Tensor scores, Tensor classes, double iouThreshold, BoxConvention convention) {
        return nmsLauncher.nms(boxes, scores, classes, iouThreshold, convention);
    }

    @Override
    public void nmsKeep(Tensor boxes, Tensor scores, Tensor classes, double iouThreshold, BoxConvention convention,
                        Tensor keep) {
        nmsLauncher.keep(boxes, scores, classes, iouThreshold, convention, keep);
    }

    @Override
    public void boxIou(Tensor a, Tensor b, BoxConvention convention, Tensor out) {
        Types.requireF32("box_iou", a, b, out);
        iou.launch(grid(out.numel()), new KernelArgs().tensor(a).tensor(b).tensor(out).i32(a.dim(0)).i32(b.dim(0))
                .i32(convention.offset()));
    }

    @Override
    public void boxEncode(Tensor ref, Tensor gt, BoxCoderAttrs a, Tensor out) {
        Types.requireF32("box_encode", ref, gt, out);
        encode.launch(grid(ref.dim(0)), new KernelArgs().tensor(ref).tensor(gt).tensor(out).i32(ref.dim(0))
                .f32((float) a.wx()).f32((float) a.wy()).f32((float) a.ww()).f32((float) a.wh())
                .i32(a.convention().offset()));
    }

    @Override
    public void boxDecode(Tensor deltas, Tensor ref, BoxCoderAttrs a, Tensor out) {
        Types.requireF32("box_decode", deltas, ref, out);
        decode.launch(grid(out.numel() / 4), new KernelArgs().tensor(deltas).tensor(ref).tensor(out).i32(ref.dim(0))
                .i32(deltas.dim(1) / 4).f32((float) a.wx()).f32((float) a.wy()).f32((float) a.ww())
                .f32((float) a.wh()).f32((float) a.clip()).i32(a.convention().offset()));
    }
}
