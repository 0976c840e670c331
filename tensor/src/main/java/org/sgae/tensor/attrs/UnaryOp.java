package org.sgae.tensor.attrs;

/** Elementwise unary kernels; {@code alpha}/{@code beta} carry the scalar attributes named here. */
public enum UnaryOp {
    NEG, EXP, LOG, SQRT, ABS, RELU,
    /** alpha = negative slope. */
    LEAKY_RELU,
    SIGMOID, TANH,
    /** alpha = min, beta = max (either may be infinite). */
    CLAMP,
    /** x + alpha. */
    ADD_SCALAR,
    /** x * alpha. */
    MUL_SCALAR,
    /** x ^ alpha. */
    POW_SCALAR,
    /** Copy (and convert to the output's dtype). */
    COPY,
    /** 1 where x != 0 (for masks), as the output's dtype. */
    NONZERO,
    /** sign(x): -1, 0, 1. */
    SIGN
}
