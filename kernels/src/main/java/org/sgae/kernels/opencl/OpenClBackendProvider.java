package org.sgae.kernels.opencl;

import org.sgae.kernels.Messages;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import org.jocl.CL;
import org.jocl.CLException;
import org.sgae.kernels.device.DeviceBackend;
import org.sgae.tensor.DeviceKind;
import org.sgae.tensor.spi.Availability;
import org.sgae.tensor.spi.Backend;
import org.sgae.tensor.spi.BackendProvider;

/** OpenCL through JOCL 2.0.6 (any ICD; PoCL on the CPU in CI). Probe result cached; never throws. */
public final class OpenClBackendProvider implements BackendProvider {
    private static Availability probed;
    private static final Map<Integer, DeviceBackend> OPEN = new HashMap<>();

    @Override
    public DeviceKind kind() {
        return DeviceKind.OPENCL;
    }

    @Override
    public Availability probe() {
        return probeOnce();
    }

    public static synchronized Availability probeOnce() {
        if (probed == null) {
            probed = doProbe();
        }
        return probed;
    }

    private static Availability doProbe() {
        try {
            CL.setExceptionsEnabled(true);
            int n = ClContext.allDevices(new ArrayList<>()).size();
            return n > 0 ? Availability.yes() : Availability.no("OpenCL unavailable: no OpenCL device on any platform");
        } catch (LinkageError | CLException e) {
            return Availability.no("OpenCL unavailable: " + Messages.firstLine(e));
        }
    }


    @Override
    public Backend open(int index) {
        return backend(index);
    }

    /** The shared backend of OpenCL device {@code index} (tests use it for the allocator's leak check). */
    public static synchronized DeviceBackend backend(int index) {
        return OPEN.computeIfAbsent(index, i -> new DeviceBackend(new ClContext(i)));
    }

}
