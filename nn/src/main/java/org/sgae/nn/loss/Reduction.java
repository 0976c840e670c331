package org.sgae.nn.loss;

import org.sgae.tensor.Tensor;

/** How a per-element loss becomes the returned tensor. */
public enum Reduction {
    /** Per-element losses, unreduced. */
    NONE,
    /** Sum of all elements (a scalar). */
    SUM,
    /** Mean over elements (a scalar); cross-entropy weights it, see there. */
    MEAN;

    /** Applies SUM/MEAN/NONE to per-element losses. */
    Tensor apply(Tensor perElement) {
        switch (this) {
            case SUM:
                return perElement.sum();
            case MEAN:
                return perElement.mean();
            default:
                return perElement;
        }
    }
}
