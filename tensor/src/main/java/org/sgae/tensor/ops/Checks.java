package org.sgae.tensor.ops;

import org.sgae.tensor.DType;
import org.sgae.tensor.Tensor;

/** Argument checks at op boundaries; every message names the op and the offending shapes or types. */
public final class Checks {
    private Checks() {
    }

    public static void sameDevice(String op, Tensor a, Tensor b) {
        if (!a.device().equals(b.device())) {
            throw new IllegalArgumentException(op + ": tensors on different devices: " + a.shape() + " on "
                    + a.device() + " and " + b.shape() + " on " + b.device());
        }
    }

    public static void floating(String op, Tensor t) {
        if (!t.dtype().isFloating()) {
            throw new IllegalArgumentException(op + ": expected a floating tensor, got " + t.dtype() + " " + t.shape());
        }
    }

    /** Both floating, on one device, of one dtype (the float inputs of the detection and layout ops). */
    public static void sameFloat(String op, Tensor a, Tensor b) {
        floating(op, a);
        sameDevice(op, a, b);
        check(a.dtype() == b.dtype(), op + ": dtypes differ: " + a.dtype() + " " + a.shape() + " vs " + b.dtype()
                + " " + b.shape());
    }

    public static void dtype(String op, Tensor t, DType expected) {
        if (t.dtype() != expected) {
            throw new IllegalArgumentException(op + ": expected " + expected + ", got " + t.dtype() + " " + t.shape());
        }
    }

    public static void integer(String op, Tensor t) {
        if (t.dtype() != DType.I64 && t.dtype() != DType.I32) {
            throw new IllegalArgumentException(op + ": expected an I64 or I32 index tensor, got " + t.dtype() + " "
                    + t.shape());
        }
    }

    public static void rank(String op, Tensor t, int rank) {
        if (t.rank() != rank) {
            throw new IllegalArgumentException(op + ": expected a rank-" + rank + " tensor, got shape " + t.shape());
        }
    }

    public static void shapeEquals(String op, Tensor a, Tensor b) {
        if (!a.shape().equals(b.shape())) {
            throw new IllegalArgumentException(op + ": shapes differ: " + a.shape() + " vs " + b.shape());
        }
    }

    public static void check(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}
