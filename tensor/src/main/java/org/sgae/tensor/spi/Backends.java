package org.sgae.tensor.spi;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.ServiceLoader;
import org.sgae.tensor.Device;
import org.sgae.tensor.DeviceKind;
import org.sgae.tensor.cpu.CpuBackend;

/** Finds backends: the CPU one built in, device ones through ServiceLoader. */
public final class Backends {
    private static final Map<DeviceKind, BackendProvider> PROVIDERS = new EnumMap<>(DeviceKind.class);
    private static final Map<Device, Backend> OPEN = new HashMap<>();

    static {
        for (BackendProvider p : ServiceLoader.load(BackendProvider.class)) {
            PROVIDERS.putIfAbsent(p.kind(), p);
        }
    }

    private Backends() {
    }

    /** Whether a device kind can be used here, with the reason when not. Never throws. */
    public static Availability probe(DeviceKind kind) {
        if (kind == DeviceKind.CPU) {
            return Availability.yes();
        }
        BackendProvider p = PROVIDERS.get(kind);
        if (p == null) {
            return Availability.no("no " + kind + " backend on the classpath (module sgae-kernels missing)");
        }
        return p.probe();
    }

    /** The backend for a device; a clear IllegalStateException when it cannot be used here. */
    public static Backend of(Device device) {
        if (device.isCpu()) {
            return CpuBackend.INSTANCE;
        }
        synchronized (OPEN) {
            Backend b = OPEN.get(device);
            if (b == null) {
                Availability a = probe(device.kind());
                if (!a.available()) {
                    throw new IllegalStateException("Device " + device + " is not available: " + a.reason());
                }
                b = PROVIDERS.get(device.kind()).open(device.index());
                OPEN.put(device, b);
            }
            return b;
        }
    }
}
