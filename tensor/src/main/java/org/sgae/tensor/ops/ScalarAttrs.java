package org.sgae.tensor.ops;

/** Scalar attributes of a unary op (slope, bounds, exponent, addend, factor); meaning per {@link UnaryOp}. */
public record ScalarAttrs(double alpha, double beta) {
}
