package org.sgae.autograd;

import java.lang.ref.WeakReference;
import org.sgae.tensor.DType;
import org.sgae.tensor.Shape;
import org.sgae.tensor.Tensor;
import org.sgae.tensor.internal.GradFn;
import org.sgae.tensor.internal.TensorInternals;
import org.sgae.tensor.ops.Op;

/**
 * One recorded op in the dynamic graph: what ran, with which attributes, where each input's gradient goes (an
 * {@link Edge}), each input's shape and dtype, and the input/output tensors its {@link Derivative} declared it reads
 * (only those: an output is otherwise referenced weakly, for identity, and an unread input not at all). Everything
 * is released after the node's backward ran (unless the graph is retained), so saved activations are freed as early
 * as possible.
 */
public final class Node implements GradFn {
    /** Where an input's gradient goes: into output {@code index} of {@code producer}, or into {@code leaf}.grad. */
    record Edge(Node producer, int index, Tensor leaf) {
    }

    private final Op op;
    private final String name;
    private final Derivative derivative;
    private Edge[] edges;
    private final Shape[] inputShapes;
    private final DType[] inputDtypes;
    private final boolean[] inputPresent;
    private final Shape[] outputShapes;
    private final WeakReference<?>[] outputRefs;
    private Object attrs;
    private Tensor[] inputs;
    private Tensor[] outputs;
    private boolean released;

    Node(Op op, Derivative derivative, Object attrs, Tensor[] in, Tensor[] out) {
        this(op, op.name().toLowerCase(), derivative, attrs, in, out);
    }

    /**
     * A node of an autograd-only rule that is no catalog op (op = null), such as {@link GradScale}: the name stands
     * in for the op's in messages.
     */
    Node(Op op, String name, Derivative derivative, Object attrs, Tensor[] in, Tensor[] out) {
        this.op = op;
        this.name = name;
        this.derivative = derivative;
        this.attrs = attrs;
        int n = in.length;
        edges = new Edge[n];
        inputShapes = new Shape[n];
        inputDtypes = new DType[n];
        inputPresent = new boolean[n];
        inputs = new Tensor[n];
        for (int i = 0; i < n; i++) {
            Tensor t = in[i];
            if (t == null) {
                continue;
            }
            inputPresent[i] = true;
            inputShapes[i] = t.shape();
            inputDtypes[i] = t.dtype();
            edges[i] = edgeTo(t);
            inputs[i] = derivative.savesInput(i) ? t : null;
        }
        outputShapes = new Shape[out.length];
        outputRefs = new WeakReference<?>[out.length];
        outputs = new Tensor[out.length];
        for (int i = 0; i < out.length; i++) {
            outputShapes[i] = out[i] == null ? null : out[i].shape();
            outputRefs[i] = new WeakReference<>(out[i]);
            outputs[i] = derivative.savesOutput(i) ? out[i] : null;
        }
    }

    private static Edge edgeTo(Tensor t) {
        if (TensorInternals.gradFn(t) instanceof Node) {
            Node producer = (Node) TensorInternals.gradFn(t);
            return new Edge(producer, producer.outputIndexOf(t), null);
        }
        return t.requiresGrad() ? new Edge(null, -1, t) : null;
    }

    /** The catalog op; null for an autograd-only node (see {@link #name}). */
    public Op op() {
        return op;
    }

    /** The op's name in lower case ("matmul"), or the autograd-only rule's ("grad_scale"). */
    public String name() {
        return name;
    }

    Derivative derivative() {
        return derivative;
    }

    /** Input i's values; null for an absent optional input. Fails if the derivative did not declare reading it. */
    public Tensor input(int i) {
        checkLive();
        if (inputPresent[i] && inputs[i] == null) {
            throw new IllegalStateException("Derivative of '" + name() + "' reads input " + i
                    + ", which it did not declare saved (Derivative.saving)");
        }
        return inputs[i];
    }

    public int inputCount() {
        return inputShapes.length;
    }

    public Shape inputShape(int i) {
        return inputShapes[i];
    }

    public DType inputDtype(int i) {
        return inputDtypes[i];
    }

    /** Whether input i was given (optional inputs such as a bias may be null). */
    public boolean hasInput(int i) {
        return inputPresent[i];
    }

    /** Whether a gradient computed for input i goes anywhere (it requires grad). */
    public boolean needsGrad(int i) {
        checkLive();
        return edges[i] != null;
    }

    Edge edge(int i) {
        checkLive();
        return edges[i];
    }

    /** Output i's values. Fails if the derivative did not declare reading it. */
    public Tensor output(int i) {
        checkLive();
        if (outputs[i] == null && outputShapes[i] != null) {
            throw new IllegalStateException("Derivative of '" + name() + "' reads output " + i
                    + ", which it did not declare saved (Derivative.saving)");
        }
        return outputs[i];
    }

    public int outputCount() {
        return outputShapes.length;
    }

    /** Which output t is (by identity); outputs are referenced weakly, and t itself keeps its own entry alive. */
    int outputIndexOf(Tensor t) {
        for (int i = 0; i < outputRefs.length; i++) {
            if (outputRefs[i].get() == t) {
                return i;
            }
        }
        throw new IllegalStateException(t + " is not an output of " + this);
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
        edges = null;
        inputs = null;
        outputs = null;
    }

    void checkLive() {
        if (released) {
            throw new IllegalStateException("Backward through '" + name() + "' a second time: the graph"
                    + " was freed by the first backward; pass retainGraph=true to keep it");
        }
    }

    @Override
    public String toString() {
        return "Node(" + name() + ")";
    }
}
