package org.sgae.tensor.internal;

/**
 * The graph node that autograd attaches to each tensor it records (autograd's {@code Node}). Tensor only stores
 * it, since {@code tensor} must not import {@code autograd}; this marker keeps the slot typed.
 */
public interface GradFn {
}
