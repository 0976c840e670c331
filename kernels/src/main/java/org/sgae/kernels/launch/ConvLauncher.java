package org.sgae.kernels.launch;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.sgae.kernels.device.DeviceRuntime;
import org.sgae.kernels.device.Grid;
import org.sgae.kernels.device.KernelArgs;
import org.sgae.kernels.device.KernelFunction;
import org.sgae.kernels.device.Scratch;
import org.sgae.tensor.DType;
import org.sgae.tensor.Shape;
import org.sgae.tensor.Tensor;
import org.sgae.tensor.attrs.Conv2dAttrs;
import org.sgae.tensor.attrs.ReduceOp;
import org.sgae.tensor.ops.Op;
import org.sgae.tensor.ops.OpPart.Role;
import org.sgae.tensor.ops.OpPart;

/**
 * conv2d forward and backward as im2col (conv2d.k) + gemm.k, in chunks of images whose col buffer stays under
 * {@value #COL_BUDGET} floats. 1×1 stride-1 unpadded convolutions use x directly as the col matrix.
 */
@OpPart(role = Role.DEVICE_LAUNCHER, kernels = {"conv2d.k", "gemm.k"}, ops = Op.CONV2D)
final class ConvLauncher {
    static final String FAMILY = "conv2d";
    static final int BLOCK = 256;
    /** 32 M floats = 128 MiB of col per chunk (PoCL's largest single buffer is 1 GiB). */
    static final long COL_BUDGET = 32L << 20;

    private final DeviceRuntime rt;
    private final LinalgLauncher gemm;
    private final ReduceLauncher reduce;
    private final ElementwiseLauncher elementwise;
    private final KernelFunction im2col;
    private final KernelFunction col2im;
    private final KernelFunction biasAdd;

    ConvLauncher(DeviceRuntime rt, LinalgLauncher gemm, ReduceLauncher reduce, ElementwiseLauncher elementwise) {
        this.rt = rt;
        this.gemm = gemm;
        this.reduce = reduce;
        this.elementwise = elementwise;
        im2col = rt.function(FAMILY, "im2col");
        col2im = rt.function(FAMILY, "col2im");
        biasAdd = rt.function(FAMILY, "bias_add");
    }

    /** Dimensions of one call, from x [N,C,H,W] and w [O,C,KH,KW]. */
    private record Dims(int n, int c, int h, int w, int o, int kh, int kw, int oh, int ow, Conv2dAttrs a) {
        static Dims of(Shape x, Shape w, Conv2dAttrs a) {
            return new Dims(x.dim(0), x.dim(1), x.dim(2), x.dim(3), w.dim(0), w.dim(2), w.dim(3),
                    a.outH(x.dim(2), w.dim(2)), a.outW(x.dim(3), w.dim(3)), a);
        }

        int ckk() {
            return c * kh * kw;
        }

        int p() {
            return oh * ow;
        }

        boolean direct() {
            return kh == 1 && kw == 1 && a.strideH() == 1 && a.strideW() == 1 && a.padH() == 0 && a.padW() == 0;
        }

        int chunk() {
            long per = Math.max(1L, (long) ckk() * p());
            return (int) Math.max(1, Math.min(n, COL_BUDGET / per));
        }

        /** ConvGeom struct of conv2d.k: C, H, W, KH, KW, OH, OW, sh, sw, ph, pw, dh, dw. */
        byte[] geometry() {
            ByteBuffer b = ByteBuffer.allocate(13 * 4).order(ByteOrder.LITTLE_ENDIAN);
            b.putInt(c).putInt(h).putInt(w).putInt(kh).putInt(kw).putInt(oh).putInt(ow).putInt(a.strideH())
                    .putInt(a.strideW()).putInt(a.padH()).putInt(a.padW()).putInt(a.dilationH()).putInt(a.dilationW());
            return b.array();
        }
    }

    private Tensor colBuffer(Dims d, Tensor like) {
        return Scratch.empty(rt, DType.F32, d.chunk() * d.ckk() * d.p());
    }

    private void im2col(Dims d, Tensor x, int firstImage, int images, Tensor col) {
        long total = (long) images * d.ckk() * d.p();
        if (total == 0) {
            return;
        }
        im2col.launch(Grid.linear(Math.toIntExact(total), BLOCK), new KernelArgs().struct(d.geometry(), "ConvGeom")
                .i32(images).tensorAt(x, firstImage * d.c() * d.h() * d.w()).tensor(col));
    }

    void forward(Tensor x, Tensor w, Tensor bias, Conv2dAttrs a, Tensor out) {
        Types.requireF32("conv2d", x, w, bias, out);
        Dims d = Dims.of(x.shape(), w.shape(), a);
        if (out.numel() == 0) {
            return;
        }
        int outImage = d.o() * d.p();
        if (d.direct()) {
            gemm.gemm(w, 0, 0, false, x, 0, d.c() * d.p(), false, d.n(), d.o(), d.p(), d.c(), out, 0, outImage, 0f);
        } else {
            try (Tensor col = colBuffer(d, x)) {
                for (int n0 = 0; n0 < d.n(); n0 += d.chunk()) {
                    int cnt = Math.min(d.chunk(), d.n() - n0);
                    im2col(d, x, n0, cnt, col);
                    gemm.gemm(w, 0, 0, false, col, 0, d.ckk() * d.p(), false, cnt, d.o(), d.p(), d.ckk(),
                            out, n0 * outImage, outImage, 0f);
                }
            }
        }
        if (bias != null) {
            biasAdd.launch(Grid.linear(out.numel(), BLOCK),
                    new KernelArgs().i32(d.o()).i32(d.p()).i32(out.numel()).tensor(bias).tensor(out));
        }
    }

    void gradInput(Tensor gradOut, Tensor w, Conv2dAttrs a, Tensor gradIn) {
        Types.requireF32("conv2d backward", gradOut, w, gradIn);
        Dims d = Dims.of(gradIn.shape(), w.shape(), a);
        if (gradIn.numel() == 0) {
            return;
        }
        int outImage = d.o() * d.p();
        if (d.direct()) {
            // gradIn[n] [C, HW] = wᵀ [C, O] · gradOut[n] [O, HW]
            gemm.gemm(w, 0, 0, true, gradOut, 0, outImage, false, d.n(), d.c(), d.p(), d.o(), gradIn, 0,
                    d.c() * d.p(), 0f);
            return;
        }
        try (Tensor col = colBuffer(d, gradIn)) {
            for (int n0 = 0; n0 < d.n(); n0 += d.chunk()) {
                int cnt = Math.min(d.chunk(), d.n() - n0);
                gemm.gemm(w, 0, 0, true, gradOut, n0 * outImage, outImage, false, cnt, d.ckk(), d.p(), d.o(),
                        col, 0, d.ckk() * d.p(), 0f);
                long total = (long) cnt * d.c() * d.h() * d.w();
                col2im.launch(Grid.linear(Math.toIntExact(total), BLOCK), new KernelArgs()
                        .struct(d.geometry(), "ConvGeom").i32(cnt).tensor(col)
                        .tensorAt(gradIn, n0 * d.c() * d.h() * d.w()));
            }
        }
    }

    void gradWeight(Tensor gradOut, Tensor x, Conv2dAttrs a, Tensor gradW, Tensor gradBias) {
        Types.requireF32("conv2d backward", gradOut, x, gradW, gradBias);
        Dims d = Dims.of(x.shape(), gradW.shape(), a);
        int outImage = d.o() * d.p();
        if (d.n() == 0 || d.p() == 0) {
            elementwise.fill(gradW, 0);
        } else if (d.direct()) {
            // gradW [O, C] = Σ_n gradOut[n] [O, P] · x[n]ᵀ [P, C]
            gemm.gemmSum(gradOut, 0, outImage, false, x, 0, d.c() * d.p(), true, d.n(), d.o(), d.c(), d.p(),
                    gradW, false);
        } else {
            try (Tensor col = colBuffer(d, x)) {
                for (int n0 = 0; n0 < d.n(); n0 += d.chunk()) {
                    int cnt = Math.min(d.chunk(), d.n() - n0);
                    im2col(d, x, n0, cnt, col);
                    // gradW [O, CKK] (+)= Σ_i gradOut[n0 + i] [O, P] · col[i]ᵀ [P, CKK]
                    gemm.gemmSum(gradOut, n0 * outImage, outImage, false, col, 0, d.ckk() * d.p(), true, cnt,
                            d.o(), d.ckk(), d.p(), gradW, n0 > 0);
                }
            }
        }
        if (gradBias != null) {
            biasGrad(gradOut, d, gradBias);
        }
    }

    /** gradBias[o] = Σ_{n, p} gradOut[n, o, p]: a row reduction over p, then a column reduction over n. */
    private void biasGrad(Tensor gradOut, Dims d, Tensor gradBias) {
        if (d.n() == 0 || d.p() == 0) {
            elementwise.fill(gradBias, 0);
            return;
        }
        try (Tensor perImage = Scratch.empty(rt, DType.F32, d.n(), d.o())) {
            reduce.reduce(ReduceOp.SUM, gradOut, d.n() * d.o(), d.p(), 1, perImage);
            reduce.reduce(ReduceOp.SUM, perImage, 1, d.n(), d.o(), gradBias);
        }
    }
}
