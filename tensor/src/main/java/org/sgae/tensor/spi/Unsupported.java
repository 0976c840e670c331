package org.sgae.tensor.spi;

import org.sgae.tensor.Device;

/** Thrown when a backend has no kernel for an op; the message names both. */
public final class Unsupported extends UnsupportedOperationException {
    private Unsupported(String message) {
        super(message);
    }

    public static Unsupported op(String op, Device device) {
        return new Unsupported("Op '" + op + "' has no kernel on " + device + "; move the tensors to another device");
    }
}
