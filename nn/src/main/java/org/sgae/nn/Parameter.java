package org.sgae.nn;

import org.sgae.tensor.Shape;
import org.sgae.tensor.Tensor;
import org.sgae.tensor.memory.MemoryScope;

/**
 * A trainable tensor: a leaf that requires grad and lives outside every MemoryScope (it outlives training steps).
 * The wrapped tensor never changes identity: loading a state dict or an optimiser step writes into it in place, so
 * optimisers and views taken earlier stay valid.
 */
public final class Parameter {
    private final Tensor data;

    /** Takes ownership of {@code data} (escapes it from its scope) and marks it as requiring grad. */
    public Parameter(Tensor data) {
        if (!data.dtype().isFloating()) {
            throw new IllegalArgumentException("Parameter must be floating, got " + data.dtype() + " " + data.shape());
        }
        if (!data.isLeaf()) {
            throw new IllegalArgumentException("Parameter must wrap a leaf tensor, got the result of an op " + data);
        }
        if (!data.isContiguous()) {
            throw new IllegalArgumentException("Parameter must be contiguous, got strides of " + data.shape());
        }
        this.data = MemoryScope.escape(data).requiresGrad(true);
    }

    /** The tensor itself (use it in forward passes). */
    public Tensor data() {
        return data;
    }

    /** The accumulated gradient, or null before the first backward / after {@link #zeroGrad()}. */
    public Tensor grad() {
        return data.grad();
    }

    public Shape shape() {
        return data.shape();
    }

    public int numel() {
        return data.numel();
    }

    /** Drops the gradient (closing its memory); the next backward allocates a fresh one. */
    public void zeroGrad() {
        Tensor g = data.grad();
        if (g != null) {
            data.setGrad(null);
            g.close();
        }
    }

    @Override
    public String toString() {
        return "Parameter" + data.shape() + " " + data.dtype();
    }
}
