package org.sgae.nn;

import org.sgae.tensor.Tensor;
import org.sgae.tensor.ops.Nn;

/** Average pooling to a fixed output size (PyTorch's adaptive bins); no parameters. */
public final class AdaptiveAvgPool2d extends Layer {
    private final int outH;
    private final int outW;

    public AdaptiveAvgPool2d(int outH, int outW) {
        if (outH < 1 || outW < 1) {
            throw new IllegalArgumentException("AdaptiveAvgPool2d: output size must be >= 1, got " + outH + "x" + outW);
        }
        this.outH = outH;
        this.outW = outW;
    }

    /** x [N, C, H, W] → [N, C, outH, outW]. */
    @Override
    public Tensor forward(Tensor x) {
        return Nn.adaptiveAvgPool2d(x, outH, outW);
    }
}
