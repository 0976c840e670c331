package org.sgae.tensor.spi;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.ServiceLoader;
import org.sgae.tensor.Device;
import org.sgae.tensor.DeviceKind;

/**
 * Finds backends through ServiceLoader: the CPU one from this module's own {@code META-INF/services}, the device
 * ones from {@code sgae-kernels}. The CPU backend is the default device and must always be found; when it is not
 * (a repackaged jar that dropped the service file), every CPU call fails with a message that says so.
 */
public final class Backends {
    private static final String SERVICE_FILE = "META-INF/services/" + BackendProvider.class.getName();
    private static final Map<DeviceKind, BackendProvider> PROVIDERS = new EnumMap<>(DeviceKind.class);
    private static final Map<Device, Backend> OPEN = new HashMap<>();
    /** Resolved once: the CPU backend is looked up on every op, so it must not take the lock below. */
    private static final Backend CPU;

    static {
        // The context loader sees the application's jars; this class's own loader always sees the CPU provider,
        // even where the context loader is a foreign one (plugin hosts, the two-loader A/B harness in tensor/dev).
        load(ServiceLoader.load(BackendProvider.class));
        load(ServiceLoader.load(BackendProvider.class, Backends.class.getClassLoader()));
        BackendProvider cpu = PROVIDERS.get(DeviceKind.CPU);
        CPU = cpu == null ? null : cpu.open(0);
    }

    private Backends() {
    }

    private static void load(ServiceLoader<BackendProvider> loader) {
        for (BackendProvider p : loader) {
            PROVIDERS.putIfAbsent(p.kind(), p);
        }
    }

    /** Whether a device kind can be used here, with the reason when not. Never throws. */
    public static Availability probe(DeviceKind kind) {
        BackendProvider p = PROVIDERS.get(kind);
        if (p == null) {
            return Availability.no(kind == DeviceKind.CPU
                    ? "no CPU backend registered: " + SERVICE_FILE + " of module sgae-tensor is missing from the classpath"
                    : "no " + kind + " backend on the classpath (module sgae-kernels missing)");
        }
        return p.probe();
    }

    /** The backend for a device; a clear IllegalStateException when it cannot be used here. */
    public static Backend of(Device device) {
        if (device.isCpu()) {
            if (CPU == null) {
                throw new IllegalStateException("Device " + device + " is not available: " + probe(DeviceKind.CPU).reason());
            }
            return CPU;
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
