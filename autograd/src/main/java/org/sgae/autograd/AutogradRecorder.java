package org.sgae.autograd;

import org.sgae.tensor.Tensor;
import org.sgae.tensor.internal.TensorInternals;
import org.sgae.tensor.ops.Op;
import org.sgae.tensor.ops.OpRecorder;

/** Installed into tensor's dispatch through ServiceLoader: turns each op that needs it into a graph {@link Node}. */
public final class AutogradRecorder implements OpRecorder {
    @Override
    public void record(Op op, Object attrs, Tensor[] inputs, Tensor[] outputs) {
        Derivative d = Derivatives.of(op);
        Node node = new Node(op, d, attrs, inputs.clone(), outputs.clone());
        for (Tensor out : outputs) {
            if (out != null && out.dtype().isFloating()) {
                out.requiresGrad(true);
                TensorInternals.setGradFn(out, node);
            }
        }
    }

    @Override
    public void backward(Tensor root, Tensor gradRoot, boolean retainGraph) {
        Engine.backward(root, gradRoot, retainGraph);
    }
}
