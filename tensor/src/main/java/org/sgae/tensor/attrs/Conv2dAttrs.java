package org.sgae.tensor.attrs;

/** conv2d geometry: stride, zero padding and dilation per spatial axis (groups = 1). */
public record Conv2dAttrs(int strideH, int strideW, int padH, int padW, int dilationH, int dilationW) {
    public Conv2dAttrs {
        if (strideH < 1 || strideW < 1 || dilationH < 1 || dilationW < 1 || padH < 0 || padW < 0) {
            throw new IllegalArgumentException("conv2d: bad geometry stride=(" + strideH + "," + strideW + ") pad=("
                    + padH + "," + padW + ") dilation=(" + dilationH + "," + dilationW + ")");
        }
    }

    public static Conv2dAttrs of(int stride, int pad, int dilation) {
        return new Conv2dAttrs(stride, stride, pad, pad, dilation, dilation);
    }

    public int outH(int h, int kh) {
        return (h + 2 * padH - dilationH * (kh - 1) - 1) / strideH + 1;
    }

    public int outW(int w, int kw) {
        return (w + 2 * padW - dilationW * (kw - 1) - 1) / strideW + 1;
    }
}
