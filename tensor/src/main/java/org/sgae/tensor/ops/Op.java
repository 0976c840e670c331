package org.sgae.tensor.ops;

/**
 * The op catalog: every operation that records into autograd has one constant here. The classes that implement,
 * test and benchmark an op declare it with {@link OpPart}; OpMapTest (module tests) walks {@code values()} and fails
 * for each op that lacks a part, and renders tensor/OPS.md.
 * Composite ops (dropout, stack, split, losses, sigmoid-based losses) are built from these and need no entry.
 */
public enum Op {
    // elementwise binary (broadcasting)
    ADD(true), SUB(true), MUL(true), DIV(true), POW(true), MAXIMUM(true), MINIMUM(true),
    // elementwise unary; scalar attributes in ScalarAttrs
    NEG(true), EXP(true), LOG(true), SQRT(true), ABS(true), RELU(true), LEAKY_RELU(true), SIGMOID(true), TANH(true),
    CLAMP(true), ADD_SCALAR(true), MUL_SCALAR(true), POW_SCALAR(true),
    CAST(true), COPY(true), TO_DEVICE(true),
    // comparisons and selection
    EQ(false), NE(false), LT(false), LE(false), GT(false), GE(false), WHERE(true),
    // reductions along dims
    SUM(true), MEAN(true), MAX(true), MIN(true), ARGMAX(false), ARGMIN(false), LOGSUMEXP(true),
    SOFTMAX(true), LOG_SOFTMAX(true),
    // softmax over the rows of each CSR segment (graph attention over a receiver's neighbours, model-spec §5)
    SEGMENT_SOFTMAX(true),
    // views
    RESHAPE(true), PERMUTE(true), NARROW(true), EXPAND(true),
    // linear algebra and convolution
    MATMUL(true), CONV2D(true),
    // pooling and resampling
    MAX_POOL2D(true), AVG_POOL2D(true), ADAPTIVE_AVG_POOL2D(true), UPSAMPLE_NEAREST2D(true),
    // normalisation
    BATCH_NORM(true),
    // indexing
    INDEX_SELECT(true), GATHER(true), SCATTER_ADD(true),
    // assembling
    CAT(true), PAD(true),
    // ordering
    TOPK(true), SORT(true),
    // detection and layout (attrs: RoiAlignAttrs, LayoutWarpAttrs, PairScoreAttrs); NMS, IoU and the box coder
    // are not recorded: they work on detached boxes
    ROI_ALIGN(true), LAYOUT_WARP(true), PAIR_SCORES(true),
    // differentiable bilinear crops at boxes (BoxCropAttrs; the generator's D_obj crops, model-spec §9)
    BOX_CROP(true);

    private final boolean differentiable;

    Op(boolean differentiable) {
        this.differentiable = differentiable;
    }

    /** False for ops whose outputs carry no gradient (comparisons, argmax): autograd never records them. */
    public boolean differentiable() {
        return differentiable;
    }
}
