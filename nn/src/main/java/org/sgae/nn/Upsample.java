package org.sgae.nn;

import org.sgae.tensor.Tensor;
import org.sgae.tensor.ops.Nn;

/** Nearest-neighbour upsampling by integer factors; no parameters. */
public final class Upsample extends Layer {
    private final int scaleH;
    private final int scaleW;

    public Upsample(int scale) {
        this(scale, scale);
    }

    public Upsample(int scaleH, int scaleW) {
        if (scaleH < 1 || scaleW < 1) {
            throw new IllegalArgumentException("Upsample: scale factors must be >= 1, got " + scaleH + "x" + scaleW);
        }
        this.scaleH = scaleH;
        this.scaleW = scaleW;
    }

    /** x [N, C, H, W] → [N, C, H·scaleH, W·scaleW]. */
    @Override
    public Tensor forward(Tensor x) {
        return Nn.upsampleNearest2d(x, scaleH, scaleW);
    }
}
