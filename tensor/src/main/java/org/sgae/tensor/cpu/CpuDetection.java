package org.sgae.tensor.cpu;

import static org.sgae.tensor.cpu.HostArrays.d;
import static org.sgae.tensor.cpu.HostArrays.f32;
import static org.sgae.tensor.cpu.HostArrays.f;
import static org.sgae.tensor.cpu.HostArrays.store;

import org.sgae.tensor.Tensor;
import org.sgae.tensor.attrs.BoxCoderAttrs;
import org.sgae.tensor.attrs.BoxConvention;
import org.sgae.tensor.attrs.LayoutWarpAttrs;
import org.sgae.tensor.attrs.PairScoreAttrs;
import org.sgae.tensor.attrs.RoiAlignAttrs;
import org.sgae.tensor.cpu.ref.BoxRef;
import org.sgae.tensor.cpu.ref.PairScoreRef;
import org.sgae.tensor.cpu.ref.RoiAlignRef;
import org.sgae.tensor.memory.CpuStorage;
import org.sgae.tensor.spi.DetectionKernels;

/**
 * CPU detection kernels. F32 runs the fast paths ({@link RoiAlignCpu}, {@link PairScoreCpu}, {@link NmsCpu}); F64
 * (gradient checks) and the cold path (the box coder) run the double references. Inputs are contiguous (the facade
 * sees to it); offsets are honoured.
 */
final class CpuDetection implements DetectionKernels {
    @Override
    public void roiAlign(Tensor x, Tensor rois, RoiAlignAttrs a, Tensor out) {
        int n = x.dim(0), c = x.dim(1), h = x.dim(2), w = x.dim(3), k = rois.dim(0);
        if (f32(x)) {
            RoiAlignCpu.forward(f(x), x.offset(), n, c, h, w, f(rois), rois.offset(), k, a, f(out), out.offset());
            return;
        }
        double[] o = new double[out.numel()];
        RoiAlignRef.forward(d(x), n, c, h, w, d(rois), k, a, o);
        store(o, out);
    }

    @Override
    public void roiAlignBackward(Tensor gradOut, Tensor rois, RoiAlignAttrs a, Tensor gradIn) {
        int n = gradIn.dim(0), c = gradIn.dim(1), h = gradIn.dim(2), w = gradIn.dim(3), k = rois.dim(0);
        if (f32(gradOut)) {
            RoiAlignCpu.backward(f(gradOut), gradOut.offset(), f(rois), rois.offset(), k, n, c, h, w, a, f(gradIn),
                    gradIn.offset());
            return;
        }
        double[] g = new double[gradIn.numel()];
        RoiAlignRef.backward(d(gradOut), d(rois), k, n, c, h, w, a, g);
        store(g, gradIn);
    }

    @Override
    public void pairScores(Tensor phiS, Tensor phiO, Tensor pS, Tensor pO, PairScoreAttrs a, Tensor scores,
                           Tensor pairs) {
        int n = phiS.dim(0), d1 = phiS.dim(1), d2 = pS == null ? 0 : pS.dim(1);
        long[] pr = pairs.cpu().i64();
        if (f32(phiS)) {
            PairScoreCpu.forward(f(phiS), phiS.offset(), f(phiO), phiO.offset(), d1, pS == null ? null : f(pS),
                    pS == null ? 0 : pS.offset(), pO == null ? null : f(pO), pO == null ? 0 : pO.offset(), d2, n, a,
                    f(scores), scores.offset(), pr, pairs.offset());
            return;
        }
        int k = a.kept(n);
        double[] s = new double[k];
        long[] p = new long[2 * k];
        PairScoreRef.forward(d(phiS), d(phiO), d1, d(pS), d(pO), d2, n, k, s, p);
        store(s, scores);
        System.arraycopy(p, 0, pr, pairs.offset(), 2 * k);
    }

    @Override
    public void pairScoresBackward(Tensor gradScores, Tensor scores, Tensor pairs, Tensor phiS, Tensor phiO,
                                   Tensor pS, Tensor pO, Tensor gPhiS, Tensor gPhiO, Tensor gPS, Tensor gPO) {
        int n = phiS.dim(0), d1 = phiS.dim(1), d2 = pS == null ? 0 : pS.dim(1), k = scores.dim(0);
        long[] pr = pairs.toLongArray();
        if (f32(phiS)) {
            boolean two = pS != null;
            PairScoreCpu.backward(f(gradScores), gradScores.offset(), f(scores), scores.offset(), pr, 0, k, f(phiS),
                    phiS.offset(), f(phiO), phiO.offset(), d1, two ? f(pS) : null, two ? pS.offset() : 0,
                    two ? f(pO) : null, two ? pO.offset() : 0, d2, n, f(gPhiS), gPhiS.offset(), f(gPhiO),
                    gPhiO.offset(), two ? f(gPS) : null, two ? gPS.offset() : 0, two ? f(gPO) : null,
                    two ? gPO.offset() : 0);
            return;
        }
        double[] a1 = new double[n * d1], a2 = new double[n * d1];
        double[] b1 = pS == null ? null : new double[n * d2], b2 = pS == null ? null : new double[n * d2];
        PairScoreRef.backward(d(gradScores), d(scores), pr, k, d(phiS), d(phiO), d1, d(pS), d(pO), d2, n, a1, a2,
                b1, b2);
        store(a1, gPhiS);
        store(a2, gPhiO);
        if (pS != null) {
            store(b1, gPS);
            store(b2, gPO);
        }
    }

    /** Kept indices in visit order: the F32 fast path or the double reference. */
    private static int[] kept(Tensor boxes, Tensor scores, Tensor classes, double iouThreshold,
                              BoxConvention convention) {
        int n = boxes.dim(0);
        long[] cls = classes == null ? null : classes.toLongArray();
        if (f32(boxes) && f32(scores)) {
            return NmsCpu.nms(f(boxes), boxes.offset(), f(scores), scores.offset(), cls, 0, n, iouThreshold,
                    convention.offset());
        }
        return BoxRef.nms(d(boxes), d(scores), cls, n, iouThreshold, convention.offset());
    }

    @Override
    public void nmsKeep(Tensor boxes, Tensor scores, Tensor classes, double iouThreshold, BoxConvention convention,
                       Tensor keep) {
        byte[] k = keep.cpu().u8();
        java.util.Arrays.fill(k, keep.offset(), keep.offset() + keep.numel(), (byte) 0);
        for (int i : kept(boxes, scores, classes, iouThreshold, convention)) {
            k[keep.offset() + i] = 1;
        }
    }

    @Override
    public Tensor nms(Tensor boxes, Tensor scores, Tensor classes, double iouThreshold, BoxConvention convention) {
        int[] kept = kept(boxes, scores, classes, iouThreshold, convention);
        long[] l = new long[kept.length];
        for (int i = 0; i < kept.length; i++) {
            l[i] = kept[i];
        }
        return Tensor.ofLongs(l, kept.length);
    }

    @Override
    public void boxIou(Tensor a, Tensor b, BoxConvention convention, Tensor out) {
        int n = a.dim(0), m = b.dim(0);
        if (f32(a)) {
            NmsCpu.iou(f(a), a.offset(), n, f(b), b.offset(), m, convention.offset(), f(out), out.offset());
            return;
        }
        double[] o = new double[n * m];
        BoxRef.iouMatrix(d(a), n, d(b), m, convention.offset(), o);
        store(o, out);
    }

    @Override
    public void boxEncode(Tensor ref, Tensor gt, BoxCoderAttrs a, Tensor out) {
        double[] o = new double[out.numel()];
        BoxRef.encode(d(ref), d(gt), ref.dim(0), a, o);
        store(o, out);
    }

    @Override
    public void boxDecode(Tensor deltas, Tensor ref, BoxCoderAttrs a, Tensor out) {
        double[] o = new double[out.numel()];
        BoxRef.decode(d(deltas), d(ref), ref.dim(0), deltas.dim(1) / 4, a, o);
        store(o, out);
    }
}
