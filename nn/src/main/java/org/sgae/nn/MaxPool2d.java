package org.sgae.nn;

import org.sgae.tensor.Tensor;
import org.sgae.tensor.attrs.Pool2dAttrs;
import org.sgae.tensor.ops.Nn;

/** Max pooling over square windows; no parameters. */
public final class MaxPool2d extends Layer {
    private final Pool2dAttrs attrs;

    public MaxPool2d(int kernel, int stride, int padding) {
        this.attrs = Pool2dAttrs.of(kernel, stride, padding);
    }

    /** x [N, C, H, W] → [N, C, (H + 2·pad − k) / stride + 1, (W + 2·pad − k) / stride + 1]. */
    @Override
    public Tensor forward(Tensor x) {
        return Nn.maxPool2d(x, attrs);
    }
}
