package org.sgae.tensor.attrs;

/** Scalar attributes of a unary op (slope, bounds, exponent, addend, factor); meaning per {@link UnaryOp}. */
public record ScalarAttrs(double alpha, double beta) {
}
