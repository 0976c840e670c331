package org.sgae.tensor.cpu;

import org.sgae.tensor.DeviceKind;
import org.sgae.tensor.spi.Availability;
import org.sgae.tensor.spi.Backend;
import org.sgae.tensor.spi.BackendProvider;
import org.sgae.tensor.spi.Backends;

/**
 * Registers the CPU backend through {@code META-INF/services} like the device backends, so that {@link Backends}
 * needs no import of this package. The CPU backend has one device and is always available.
 */
public final class CpuBackendProvider implements BackendProvider {
    @Override
    public DeviceKind kind() {
        return DeviceKind.CPU;
    }

    @Override
    public Availability probe() {
        return Availability.yes();
    }

    @Override
    public Backend open(int index) {
        if (index != 0) {
            throw new IllegalArgumentException("the CPU backend has one device, index 0; got " + index);
        }
        return CpuBackend.INSTANCE;
    }
}
