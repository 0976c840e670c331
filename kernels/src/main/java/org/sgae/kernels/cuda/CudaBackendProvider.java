package org.sgae.kernels.cuda;

import org.sgae.kernels.Messages;

import java.util.HashMap;
import java.util.Map;
import org.sgae.kernels.device.DeviceBackend;
import org.sgae.tensor.DeviceKind;
import org.sgae.tensor.spi.Availability;
import org.sgae.tensor.spi.Backend;
import org.sgae.tensor.spi.BackendProvider;

/**
 * CUDA through the JCuda driver API. Without libcuda.so.1 the first touch of JCudaDriver throws
 * UnsatisfiedLinkError (then NoClassDefFoundError); both are LinkageErrors, caught once here and reduced to one
 * line (the original message is several KB of nested traces). The JVM stays usable.
 */
public final class CudaBackendProvider implements BackendProvider {
    private static Availability probed;
    private static final Map<Integer, DeviceBackend> OPEN = new HashMap<>();

    @Override
    public DeviceKind kind() {
        return DeviceKind.CUDA;
    }

    @Override
    public Availability probe() {
        return probeOnce();
    }

    static synchronized Availability probeOnce() {
        if (probed == null) {
            probed = doProbe();
        }
        return probed;
    }

    private static Availability doProbe() {
        try {
            jcuda.driver.JCudaDriver.setExceptionsEnabled(true);
            jcuda.driver.JCudaDriver.cuInit(0);
            int[] n = new int[1];
            jcuda.driver.JCudaDriver.cuDeviceGetCount(n);
            return n[0] > 0 ? Availability.yes() : Availability.no("CUDA unavailable: no CUDA device");
        } catch (LinkageError e) {
            return Availability.no(reason(e));
        } catch (RuntimeException e) {
            return Availability.no("CUDA unavailable: " + Messages.firstLine(e));
        }
    }

    static String reason(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (String.valueOf(t.getMessage()).contains("libcuda.so")) {
                return "CUDA unavailable: libcuda.so.1 not found";
            }
        }
        return "CUDA unavailable: " + Messages.firstLine(e);
    }


    @Override
    public Backend open(int index) {
        return backend(index);
    }

    /** The shared backend of CUDA device {@code index}. */
    public static synchronized DeviceBackend backend(int index) {
        return OPEN.computeIfAbsent(index, i -> new DeviceBackend(new CudaContext(i)));
    }
}
