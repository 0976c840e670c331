package org.sgae.tensor.ops;

import java.util.ServiceLoader;
import org.sgae.tensor.Tensor;

/** Grad-mode state and the hand-off of finished ops to the autograd recorder. */
public final class Dispatch {
    private static final OpRecorder RECORDER = ServiceLoader.load(OpRecorder.class).findFirst().orElse(null);
    private static final ThreadLocal<boolean[]> GRAD_ENABLED = ThreadLocal.withInitial(() -> new boolean[] {true});

    private Dispatch() {
    }

    public static boolean gradEnabled() {
        return GRAD_ENABLED.get()[0];
    }

    /** Sets grad mode for this thread and returns the previous value (GradMode in autograd wraps this). */
    public static boolean setGradEnabled(boolean enabled) {
        boolean[] s = GRAD_ENABLED.get();
        boolean prev = s[0];
        s[0] = enabled;
        return prev;
    }

    public static boolean recorderInstalled() {
        return RECORDER != null;
    }

    /** Hands a backward call to autograd; a clear error when the autograd module is not on the classpath. */
    public static void backward(Tensor root, Tensor gradRoot, boolean retainGraph) {
        if (RECORDER == null) {
            throw new IllegalStateException("backward() needs the sgae-autograd module on the classpath");
        }
        RECORDER.backward(root, gradRoot, retainGraph);
    }

    /** Records a one-output op; returns {@code out} for chaining. */
    public static Tensor record(Op op, Object attrs, Tensor out, Tensor... inputs) {
        if (needsRecording(op, inputs)) {
            RECORDER.record(op, attrs, inputs, new Tensor[] {out});
        }
        return out;
    }

    /** Records a multi-output op (e.g. topk: values, indices). */
    public static Tensor[] recordAll(Op op, Object attrs, Tensor[] outs, Tensor... inputs) {
        if (needsRecording(op, inputs)) {
            RECORDER.record(op, attrs, inputs, outs);
        }
        return outs;
    }

    private static boolean needsRecording(Op op, Tensor[] inputs) {
        if (RECORDER == null || !op.differentiable() || !gradEnabled()) {
            return false;
        }
        for (Tensor t : inputs) {
            if (t != null && t.requiresGrad()) {
                return true;
            }
        }
        return false;
    }
}
