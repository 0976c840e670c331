package org.sgae.autograd;

import org.sgae.tensor.Tensor;
import org.sgae.tensor.internal.GradFn;
import org.sgae.tensor.ops.Op;

/**
 * One recorded op in the dynamic graph: what ran, on which inputs, with which attributes, and what it produced.
 * Everything is released after the node's backward ran (unless the graph is retained), so saved activations are
 * freed as early as possible.
 */
public final class Node implements GradFn {
    private final Op op;
    private final Derivative derivative;
    private Object attrs;
    private Tensor[] inputs;
    private Tensor[] outputs;
    private boolean released;

    Node(Op op, Derivative derivative, Object attrs, Tensor[] inputs, Tensor[] outputs) {
        this.op = op;
        this.derivative = derivative;
        this.attrs = attrs;
        this.inputs = inputs;
        this.outputs = outputs;
    }

    public Op op() {
        return op;
    }

    Derivative derivative() {
        return derivative;
    }

    public Tensor input(int i) {
        checkLive();
        return inputs[i];
    }

    public int inputCount() {
        checkLive();
        return inputs.length;
    }

    public Tensor output(int i) {
        checkLive();
        return outputs[i];
    }

    public int outputCount() {
        checkLive();
        return outputs.length;
    }

    /** The op's attribute record, cast to its type. */
    public <T> T attrs(Class<T> type) {
        checkLive();
        return type.cast(attrs);
    }

    boolean isReleased() {
        return released;
    }

    void release() {
        released = true;
        attrs = null;
        inputs = null;
        outputs = null;
    }

    private void checkLive() {
        if (released) {
            throw new IllegalStateException("Backward through '" + op.name().toLowerCase() + "' a second time: the graph"
                    + " was freed by the first backward; pass retainGraph=true to keep it");
        }
    }

    @Override
    public String toString() {
        return "Node(" + op.name().toLowerCase() + ")";
    }
}
