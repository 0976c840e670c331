package org.sgae.tensor.attrs;

/**
 * Faster R-CNN box coder: deltas t = (wx·dx/wa, wy·dy/ha, ww·ln(w/wa), wh·ln(h/ha)). Decoding clamps dw, dh at
 * {@code clip} (ln(1000/16) by default) before exp, so a wild regression cannot overflow.
 */
public record BoxCoderAttrs(double wx, double wy, double ww, double wh, double clip, BoxConvention convention) {
    public static final double DEFAULT_CLIP = Math.log(1000.0 / 16);

    public BoxCoderAttrs {
        if (!(wx > 0 && wy > 0 && ww > 0 && wh > 0) || Double.isNaN(clip) || convention == null) {
            throw new IllegalArgumentException("box_coder: weights must be > 0, got (" + wx + "," + wy + "," + ww
                    + "," + wh + ") clip=" + clip + " convention=" + convention);
        }
    }

    /** Weights with the default clamp, torchvision's width convention. */
    public static BoxCoderAttrs of(double wx, double wy, double ww, double wh) {
        return new BoxCoderAttrs(wx, wy, ww, wh, DEFAULT_CLIP, BoxConvention.TORCHVISION);
    }

    public BoxCoderAttrs withConvention(BoxConvention c) {
        return new BoxCoderAttrs(wx, wy, ww, wh, clip, c);
    }
}
