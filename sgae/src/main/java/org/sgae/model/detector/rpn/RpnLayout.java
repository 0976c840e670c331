package org.sgae.model.detector.rpn;

import org.sgae.tensor.Tensor;

/**
 * Puts the RPN head's NCHW outputs into the anchors' flat (y, x, a) order (model-spec §3.1), as maskrcnn-benchmark's
 * {@code permute_and_flatten}. Views and one copy; differentiable.
 */
public final class RpnLayout {
    private RpnLayout() {
    }

    /** objectness [B,A,h,w] → [B, h·w·A]: entry (y·w + x)·A + a is channel a at (y, x). */
    public static Tensor objectness(Tensor logits) {
        if (logits.rank() != 4) {
            throw new IllegalArgumentException("objectness: must be [B,A,h,w], got " + logits.shape());
        }
        int b = logits.dim(0);
        return logits.permute(0, 2, 3, 1).contiguous().reshape(b, -1); // [B,h,w,A] → [B,h·w·A]
    }

    /** deltas [B,4A,h,w] (channel a·4 + k) → [B, h·w·A, 4]. */
    public static Tensor deltas(Tensor deltas, int anchorsPerLocation) {
        if (deltas.rank() != 4 || deltas.dim(1) != 4 * anchorsPerLocation) {
            throw new IllegalArgumentException("deltas: must be [B, 4A = " + 4 * anchorsPerLocation + ", h, w], got "
                    + deltas.shape());
        }
        int b = deltas.dim(0);
        int h = deltas.dim(2);
        int w = deltas.dim(3);
        return deltas.reshape(b, anchorsPerLocation, 4, h, w) // [B,A,4,h,w]
                .permute(0, 3, 4, 1, 2).contiguous()          // [B,h,w,A,4]
                .reshape(b, -1, 4);                           // [B,h·w·A,4]
    }
}
