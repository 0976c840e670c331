package org.sgae.tensor.spi;

import org.sgae.tensor.DeviceKind;

/** Found through {@code META-INF/services/org.sgae.tensor.spi.BackendProvider}; one per device kind. */
public interface BackendProvider {
    DeviceKind kind();

    /** Whether the backend can run here; cached by the implementation; never throws. */
    Availability probe();

    /** Opens (or returns the already open) backend for device {@code index}. */
    Backend open(int index);
}
