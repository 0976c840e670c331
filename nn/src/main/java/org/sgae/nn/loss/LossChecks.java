package org.sgae.nn.loss;

import org.sgae.tensor.Tensor;

/** Argument checks shared by the losses; messages name the loss and both shapes. */
final class LossChecks {
    private LossChecks() {
    }

    static void sameShape(String loss, Tensor input, Tensor target) {
        if (!input.shape().equals(target.shape())) {
            throw new IllegalArgumentException(loss + ": input " + input.shape() + " and target " + target.shape()
                    + " must have the same shape");
        }
        if (!input.dtype().isFloating()) {
            throw new IllegalArgumentException(loss + ": input must be floating, got " + input.dtype());
        }
        if (!input.device().equals(target.device())) {
            throw new IllegalArgumentException(loss + ": input on " + input.device() + ", target on " + target.device());
        }
    }

    static void notNull(String loss, Object o, String what) {
        if (o == null) {
            throw new IllegalArgumentException(loss + ": " + what + " is null");
        }
    }

    /** An optional per-element factor must broadcast to the input's shape without growing it. */
    static void broadcastsTo(String loss, String what, Tensor factor, Tensor input) {
        if (factor != null && !org.sgae.tensor.Shape.broadcast(loss, factor.shape(), input.shape()).equals(input.shape())) {
            throw new IllegalArgumentException(loss + ": " + what + " " + factor.shape() + " does not broadcast to input "
                    + input.shape());
        }
    }
}
