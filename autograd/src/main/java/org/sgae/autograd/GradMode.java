package org.sgae.autograd;

import org.sgae.tensor.ops.Dispatch;

/**
 * Scoped grad mode for the current thread: {@code try (GradMode g = GradMode.disabled()) { ... }} runs without
 * recording (evaluation, target computation, optimiser steps); the previous mode comes back on close.
 */
public final class GradMode implements AutoCloseable {
    private final boolean previous;
    private boolean closed;

    private GradMode(boolean enabled) {
        this.previous = Dispatch.setGradEnabled(enabled);
    }

    public static GradMode disabled() {
        return new GradMode(false);
    }

    public static GradMode enabled() {
        return new GradMode(true);
    }

    public static boolean isEnabled() {
        return Dispatch.gradEnabled();
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            Dispatch.setGradEnabled(previous);
        }
    }
}
