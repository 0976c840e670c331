package org.sgae.tensor.attrs;

/** Reductions along one axis of an [outer, n, inner] view. */
public enum ReduceOp {
    SUM, MEAN, MAX, MIN, LOGSUMEXP
}
