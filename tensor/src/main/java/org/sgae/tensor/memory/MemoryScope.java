package org.sgae.tensor.memory;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import org.sgae.tensor.Tensor;
import org.sgae.tensor.internal.TensorInternals;

/**
 * A region of code whose tensors are released when it closes, returning their memory to the device's caching
 * allocator. Scopes nest per thread. Typical use: one {@code stepScope} per training iteration for activations,
 * saved tensors and non-leaf gradients, while parameters and optimiser state live outside any scope.
 *
 * <pre>{@code
 * try (MemoryScope step = MemoryScope.open()) {
 *     Tensor loss = model.forward(batch);
 *     loss.backward();
 *     lossValue = loss.item();
 * } // every tensor made in the step is closed here
 * }</pre>
 */
public final class MemoryScope implements AutoCloseable {
    private static final ThreadLocal<ArrayDeque<MemoryScope>> STACK = ThreadLocal.withInitial(ArrayDeque::new);
    private final Set<Tensor> owned = Collections.newSetFromMap(new IdentityHashMap<>());
    private final MemoryScope parent;
    private final Thread thread = Thread.currentThread();
    private boolean closed;

    private MemoryScope(MemoryScope parent) {
        this.parent = parent;
    }

    public static MemoryScope open() {
        ArrayDeque<MemoryScope> stack = STACK.get();
        MemoryScope s = new MemoryScope(stack.peek());
        stack.push(s);
        return s;
    }

    /** The innermost open scope of this thread, or null. */
    public static MemoryScope current() {
        return STACK.get().peek();
    }

    /** Called by tensors as they are created. */
    public static void register(Tensor t) {
        MemoryScope s = current();
        if (s != null) {
            s.owned.add(t);
            TensorInternals.setScope(t, s);
        }
    }

    /** Moves a tensor out of its scope to the enclosing one (or out of all scopes), so it outlives this scope. */
    public static Tensor keep(Tensor t) {
        MemoryScope s = t.scope();
        if (s != null) {
            s.owned.remove(t);
            TensorInternals.setScope(t, null);
            if (s.parent != null && !s.parent.closed) {
                s.parent.owned.add(t);
                TensorInternals.setScope(t, s.parent);
            }
        }
        return t;
    }

    /** Removes a tensor from every scope: it lives until closed by hand or collected (parameters, grads, state). */
    public static Tensor escape(Tensor t) {
        MemoryScope s = t.scope();
        if (s != null) {
            s.owned.remove(t);
            TensorInternals.setScope(t, null);
        }
        return t;
    }

    public int size() {
        return owned.size();
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        if (Thread.currentThread() != thread) {
            throw new IllegalStateException("MemoryScope closed on thread " + Thread.currentThread().getName()
                    + " but opened on " + thread.getName());
        }
        ArrayDeque<MemoryScope> stack = STACK.get();
        if (stack.peek() != this) {
            throw new IllegalStateException("MemoryScopes must close innermost first");
        }
        stack.pop();
        closed = true;
        List<Tensor> list = new ArrayList<>(owned);
        owned.clear();
        for (Tensor t : list) {
            TensorInternals.setScope(t, null);
            TensorInternals.closeFromScope(t);
        }
    }
}
