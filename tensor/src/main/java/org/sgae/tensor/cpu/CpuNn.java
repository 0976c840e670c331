package org.sgae.tensor.cpu;

import java.util.Arrays;
import org.sgae.tensor.DType;
import org.sgae.tensor.Tensor;
import org.sgae.tensor.attrs.Conv2dAttrs;
import org.sgae.tensor.attrs.Conv2dShape;
import org.sgae.tensor.attrs.Pool2dAttrs;
import org.sgae.tensor.cpu.ref.BatchNormRef;
import org.sgae.tensor.cpu.ref.Pool2dRef;
import org.sgae.tensor.cpu.ref.UpsampleRef;
import org.sgae.tensor.spi.NnKernels;

/**
 * CPU conv/pool/resample/batch-norm kernels. F32 runs the fast paths (threads + Vector API): {@link PoolCpu},
 * {@link UpsampleCpu}, {@link BatchNormCpu} and the implicit-GEMM {@link Conv2dCpu}. Every other floating dtype
 * (F64, used by the gradient checks) runs the double-accumulating references in {@code cpu.ref} and
 * {@link Conv2dF64}. Inputs are contiguous (the {@code Nn} facade ensures it); they may start at any storage offset.
 */
public final class CpuNn implements NnKernels {
    private static boolean f32(Tensor t) {
        return t.dtype() == DType.F32;
    }

    // ------------------------------------------------------------------ convolution

    private static Conv2dShape geometry(Tensor x, Tensor w, Conv2dAttrs a) {
        return new Conv2dShape(x.dim(0), x.dim(1), x.dim(2), x.dim(3), w.dim(0), w.dim(2), w.dim(3),
                a.strideH(), a.strideW(), a.padH(), a.padW(), a.dilationH(), a.dilationW());
    }

    /** The conv kernels take whole arrays starting at 0: a view at an offset is copied out first. */
    private static float[] floats(Tensor t) {
        if (t == null) {
            return null;
        }
        float[] a = t.cpu().f32();
        return t.offset() == 0 ? a : Arrays.copyOfRange(a, t.offset(), t.offset() + t.numel());
    }

    /** Copies a result computed into {@link #floats} back when that was a copy. */
    private static void writeBack(float[] computed, Tensor t) {
        if (t != null && t.offset() != 0) {
            System.arraycopy(computed, 0, t.cpu().f32(), t.offset(), t.numel());
        }
    }

    private static double[] doubles(Tensor t) {
        return t == null ? null : t.cpu().f64();
    }

    private static int off(Tensor t) {
        return t == null ? 0 : t.offset();
    }

    @Override
    public void conv2d(Tensor x, Tensor w, Tensor bias, Conv2dAttrs a, Tensor out) {
        Conv2dShape s = geometry(x, w, a);
        if (f32(x)) {
            float[] y = floats(out);
            Conv2dCpu.forward(s, floats(x), floats(w), floats(bias), y);
            writeBack(y, out);
        } else {
            Conv2dF64.forward(s, doubles(x), off(x), doubles(w), off(w), doubles(bias), off(bias), doubles(out),
                    off(out));
        }
    }

    @Override
    public void conv2dGradInput(Tensor gradOut, Tensor w, Conv2dAttrs a, Tensor gradIn) {
        Conv2dShape s = geometry(gradIn, w, a);
        if (f32(gradOut)) {
            float[] dx = floats(gradIn);
            Conv2dCpu.backwardInput(s, floats(gradOut), floats(w), dx);
            writeBack(dx, gradIn);
        } else {
            Conv2dF64.backwardInput(s, doubles(gradOut), off(gradOut), doubles(w), off(w), doubles(gradIn),
                    off(gradIn));
        }
    }

    @Override
    public void conv2dGradWeight(Tensor gradOut, Tensor x, Conv2dAttrs a, Tensor gradW, Tensor gradBias) {
        Conv2dShape s = geometry(x, gradW, a);
        if (f32(gradOut)) {
            float[] dw = floats(gradW);
            float[] db = floats(gradBias);
            Conv2dCpu.backwardWeight(s, floats(x), floats(gradOut), dw, db);
            writeBack(dw, gradW);
            writeBack(db, gradBias);
        } else {
            Conv2dF64.backwardWeight(s, doubles(x), off(x), doubles(gradOut), off(gradOut), doubles(gradW),
                    off(gradW), doubles(gradBias), off(gradBias));
        }
    }

    // ------------------------------------------------------------------ pooling and resampling

    @Override
    public void maxPool2d(Tensor x, Pool2dAttrs a, Tensor out, Tensor argmax) {
        if (f32(x)) {
            PoolCpu.maxPool2d(x, a, out, argmax);
        } else {
            Pool2dRef.maxPool2d(x, a, out, argmax);
        }
    }

    @Override
    public void maxPool2dBackward(Tensor gradOut, Tensor argmax, Tensor gradIn) {
        if (f32(gradOut)) {
            PoolCpu.maxPool2dBackward(gradOut, argmax, gradIn);
        } else {
            Pool2dRef.maxPool2dBackward(gradOut, argmax, gradIn);
        }
    }

    @Override
    public void avgPool2d(Tensor x, Pool2dAttrs a, Tensor out) {
        if (f32(x)) {
            PoolCpu.avgPool2d(x, a, out);
        } else {
            Pool2dRef.avgPool2d(x, a, out);
        }
    }

    @Override
    public void avgPool2dBackward(Tensor gradOut, Pool2dAttrs a, Tensor gradIn) {
        if (f32(gradOut)) {
            PoolCpu.avgPool2dBackward(gradOut, a, gradIn);
        } else {
            Pool2dRef.avgPool2dBackward(gradOut, a, gradIn);
        }
    }

    @Override
    public void adaptiveAvgPool2d(Tensor x, Tensor out) {
        if (f32(x)) {
            PoolCpu.adaptiveAvgPool2d(x, out);
        } else {
            Pool2dRef.adaptiveAvgPool2d(x, out);
        }
    }

    @Override
    public void adaptiveAvgPool2dBackward(Tensor gradOut, Tensor gradIn) {
        if (f32(gradOut)) {
            PoolCpu.adaptiveAvgPool2dBackward(gradOut, gradIn);
        } else {
            Pool2dRef.adaptiveAvgPool2dBackward(gradOut, gradIn);
        }
    }

    @Override
    public void upsampleNearest2d(Tensor x, Tensor out) {
        if (f32(x)) {
            UpsampleCpu.upsampleNearest2d(x, out);
        } else {
            UpsampleRef.upsampleNearest2d(x, out);
        }
    }

    @Override
    public void upsampleNearest2dBackward(Tensor gradOut, Tensor gradIn) {
        if (f32(gradOut)) {
            UpsampleCpu.upsampleNearest2dBackward(gradOut, gradIn);
        } else {
            UpsampleRef.upsampleNearest2dBackward(gradOut, gradIn);
        }
    }

    // ------------------------------------------------------------------ batch norm

    @Override
    public void batchNormStats(Tensor x, Tensor mean, Tensor var) {
        if (f32(x)) {
            BatchNormCpu.stats(x, mean, var);
        } else {
            BatchNormRef.stats(x, mean, var);
        }
    }

    @Override
    public void batchNormApply(Tensor x, Tensor mean, Tensor invStd, Tensor weight, Tensor bias, Tensor out) {
        if (f32(x)) {
            BatchNormCpu.apply(x, mean, invStd, weight, bias, out);
        } else {
            BatchNormRef.apply(x, mean, invStd, weight, bias, out);
        }
    }

    @Override
    public void batchNormBackward(Tensor gradOut, Tensor x, Tensor mean, Tensor invStd, Tensor weight,
                                  boolean training, Tensor gradIn, Tensor gradWeight, Tensor gradBias) {
        if (f32(x)) {
            BatchNormCpu.backward(gradOut, x, mean, invStd, weight, training, gradIn, gradWeight, gradBias);
        } else {
            BatchNormRef.backward(gradOut, x, mean, invStd, weight, training, gradIn, gradWeight, gradBias);
        }
    }
}
