package org.sgae.tensor.attrs;

/** Pooling window, stride and zero padding (avg pooling counts padded cells, as PyTorch's default). */
public record Pool2dAttrs(int kernelH, int kernelW, int strideH, int strideW, int padH, int padW) {
    public Pool2dAttrs {
        if (kernelH < 1 || kernelW < 1 || strideH < 1 || strideW < 1 || padH < 0 || padW < 0
                || padH > kernelH / 2 || padW > kernelW / 2) {
            throw new IllegalArgumentException("pool2d: bad geometry kernel=(" + kernelH + "," + kernelW + ") stride=("
                    + strideH + "," + strideW + ") pad=(" + padH + "," + padW + "); pad must be <= kernel/2");
        }
    }

    public static Pool2dAttrs of(int kernel, int stride, int pad) {
        return new Pool2dAttrs(kernel, kernel, stride, stride, pad, pad);
    }

    public int outH(int h) {
        return (h + 2 * padH - kernelH) / strideH + 1;
    }

    public int outW(int w) {
        return (w + 2 * padW - kernelW) / strideW + 1;
    }
}
