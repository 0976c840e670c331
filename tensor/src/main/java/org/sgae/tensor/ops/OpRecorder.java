package org.sgae.tensor.ops;

import org.sgae.tensor.Tensor;

/**
 * Autograd's hook into op dispatch (found through ServiceLoader, so that {@code tensor} never imports
 * {@code autograd}). Called after an op ran, only when grad mode is on and some input requires grad.
 */
public interface OpRecorder {
    /**
     * @param op      the op that ran
     * @param attrs   its attribute record (or null)
     * @param inputs  the tensor inputs, in the op's argument order (null for absent optional inputs)
     * @param outputs the outputs; the recorder marks the differentiable ones as requiring grad
     */
    void record(Op op, Object attrs, Tensor[] inputs, Tensor[] outputs);

    /** Runs reverse-mode differentiation from root (see autograd's Engine). */
    void backward(Tensor root, Tensor gradRoot, boolean retainGraph);
}
