package org.sgae.autograd;

import org.sgae.tensor.Tensor;

/**
 * The backward rule of one op: given the gradients of the node's outputs (null where no gradient flowed), returns
 * the gradient of each input, in input order, shaped like that input (null for inputs that take none: indices,
 * masks, boxes of a non-differentiable argument). Runs with grad mode off.
 */
@FunctionalInterface
public interface Derivative {
    Tensor[] apply(Node node, Tensor[] gradOutputs);
}
