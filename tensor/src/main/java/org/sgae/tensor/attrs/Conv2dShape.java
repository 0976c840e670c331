package org.sgae.tensor.attrs;

/**
 * Geometry of an NCHW fp32 2-D convolution with groups = 1.
 * Input x: [n, cin, h, w]; weight: [cout, cin, kh, kw]; output y: [n, cout, outH(), outW()].
 * {@code outH = (h + 2·padH − dilH·(kh − 1) − 1) / strideH + 1} (likewise for width), as in PyTorch.
 */
public record Conv2dShape(int n, int cin, int h, int w, int cout, int kh, int kw,
                          int strideH, int strideW, int padH, int padW, int dilH, int dilW) {
    public Conv2dShape {
        if (n < 0 || cin < 1 || h < 0 || w < 0 || cout < 1 || kh < 1 || kw < 1) {
            throw new IllegalArgumentException("bad conv2d sizes: " + this);
        }
        if (strideH < 1 || strideW < 1 || dilH < 1 || dilW < 1 || padH < 0 || padW < 0) {
            throw new IllegalArgumentException("bad conv2d stride/padding/dilation: " + this);
        }
        if (h + 2 * padH < dilH * (kh - 1) + 1 || w + 2 * padW < dilW * (kw - 1) + 1) {
            throw new IllegalArgumentException("conv2d kernel larger than padded input: " + this);
        }
    }

    /** Square kernel, same stride/padding/dilation in both directions. */
    public static Conv2dShape of(int n, int cin, int h, int w, int cout, int k, int stride, int pad, int dil) {
        return new Conv2dShape(n, cin, h, w, cout, k, k, stride, stride, pad, pad, dil, dil);
    }

    public int outH() {
        return (h + 2 * padH - dilH * (kh - 1) - 1) / strideH + 1;
    }

    public int outW() {
        return (w + 2 * padW - dilW * (kw - 1) - 1) / strideW + 1;
    }

    public long inputSize() {
        return (long) n * cin * h * w;
    }

    public long weightSize() {
        return (long) cout * cin * kh * kw;
    }

    public long outputSize() {
        return (long) n * cout * outH() * outW();
    }

    /** Multiply-adds ×2 of the forward pass. */
    public double forwardFlops() {
        return 2.0 * n * cout * outH() * outW() * cin * kh * kw;
    }
}
