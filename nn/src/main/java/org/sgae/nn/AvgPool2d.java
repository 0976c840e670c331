package org.sgae.nn;

import org.sgae.tensor.Tensor;
import org.sgae.tensor.attrs.Pool2dAttrs;
import org.sgae.tensor.ops.Nn;

/** Average pooling over square windows (padded cells count, PyTorch's default); no parameters. */
public final class AvgPool2d extends Layer {
    private final Pool2dAttrs attrs;

    public AvgPool2d(int kernel, int stride, int padding) {
        this.attrs = Pool2dAttrs.of(kernel, stride, padding);
    }

    /** x [N, C, H, W] → [N, C, (H + 2·pad − k) / stride + 1, (W + 2·pad − k) / stride + 1]. */
    @Override
    public Tensor forward(Tensor x) {
        return Nn.avgPool2d(x, attrs);
    }
}
