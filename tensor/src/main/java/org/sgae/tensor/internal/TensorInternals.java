package org.sgae.tensor.internal;

import org.sgae.tensor.Tensor;
import org.sgae.tensor.memory.MemoryScope;

/**
 * The parts of {@link Tensor} that only memory scopes and autograd may touch: scope membership, closing by a scope,
 * and the autograd node. Java 17 has no friend packages, so Tensor installs an implementation here when it
 * initialises and keeps these out of its public API. Not for use outside {@code org.sgae.tensor.memory} and
 * {@code org.sgae.autograd}.
 */
public final class TensorInternals {
    /** What Tensor hands over; implemented by a private class inside Tensor. */
    public interface Access {
        void setScope(Tensor t, MemoryScope scope);

        void closeFromScope(Tensor t);

        GradFn gradFn(Tensor t);

        void setGradFn(Tensor t, GradFn fn);
    }

    // Written once in Tensor's static initialiser; every caller holds a Tensor, so Tensor (and this field) is
    // initialised before it is read, and class initialisation publishes the write to all threads.
    private static Access access;

    private TensorInternals() {
    }

    /** Called once, by Tensor; a second call means someone else tries to take over the accessor. */
    public static synchronized void install(Access a) {
        if (access != null) {
            throw new IllegalStateException("TensorInternals already installed");
        }
        access = a;
    }

    /** Records which scope owns t (null: none); kept in the tensor so that keep/escape find it without a lookup. */
    public static void setScope(Tensor t, MemoryScope scope) {
        access.setScope(t, scope);
    }

    /** Releases t's storage when its scope closes, without telling the (closing) scope back. */
    public static void closeFromScope(Tensor t) {
        access.closeFromScope(t);
    }

    /** The autograd node that produced t, or null for a leaf. */
    public static GradFn gradFn(Tensor t) {
        return access.gradFn(t);
    }

    public static void setGradFn(Tensor t, GradFn fn) {
        access.setGradFn(t, fn);
    }
}
