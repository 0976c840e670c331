package org.sgae.tensor.attrs;

/**
 * How a box's width follows from its corners. torchvision (and this engine's default) uses w = x2 − x1;
 * maskrcnn-benchmark, which GRCNN builds on and model-spec §0 follows, uses the "+1" pixel-count width
 * w = x2 − x1 + 1 (and decodes x2 = cx + ½w − 1). Every box op takes the convention explicitly.
 */
public enum BoxConvention {
    /** w = x2 − x1 (torchvision). */
    TORCHVISION(0),
    /** w = x2 − x1 + 1 (maskrcnn-benchmark, Detectron v1). */
    PLUS_ONE(1);

    private final int offset;

    BoxConvention(int offset) {
        this.offset = offset;
    }

    /** The term added to x2 − x1 to get a width: 0 or 1. */
    public int offset() {
        return offset;
    }
}
