package org.sgae.train;

import java.io.PrintStream;
import java.nio.file.Path;

/**
 * What a Ctrl-C (SIGINT, or SIGTERM) during training prints, from a JVM shutdown hook: one line to stderr,
 * {@code interrupted at iteration N; last complete checkpoint: <path>; continue with --resume}. N counts the
 * iterations finished, as checkpoint names do. The hook writes no checkpoint: the step in flight is half applied, and
 * only the last complete checkpoint is a consistent state. {@link #close} removes the hook when the loop ends
 * (normally or by an exception), so a finished or failed run says nothing of an interruption.
 */
final class InterruptNotice implements AutoCloseable {
    private final Thread hook;
    private final PrintStream err;
    private volatile int iteration;
    private volatile Path checkpoint;

    private InterruptNotice(int start, Path checkpoint, PrintStream err) {
        this.iteration = start;
        this.checkpoint = checkpoint;
        this.err = err;
        this.hook = new Thread(this::print, "sgae-interrupt-notice");
    }

    /** Registers the hook for a loop starting at {@code start}, whose newest complete checkpoint is {@code latest}. */
    static InterruptNotice install(int start, Path latest) {
        InterruptNotice n = new InterruptNotice(start, latest, System.err);
        Runtime.getRuntime().addShutdownHook(n.hook);
        return n;
    }

    /** {@code done} iterations are finished. */
    void finished(int done) {
        iteration = done;
    }

    /** {@code dir} is complete on disk (renamed into place). */
    void saved(Path dir) {
        checkpoint = dir;
    }

    /** The line the hook prints. */
    String line() {
        Path c = checkpoint;
        return "interrupted at iteration " + iteration + "; last complete checkpoint: "
                + (c == null ? "none (a resume starts at iteration 0)" : c.toAbsolutePath()) + "; continue with --resume";
    }

    private void print() {
        err.println(line());
        err.flush();
    }

    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the JVM is already stopping (the hook runs or ran): nothing to remove
        }
    }
}
