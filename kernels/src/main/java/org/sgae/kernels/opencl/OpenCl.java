package org.sgae.kernels.opencl;

/** For {@code @EnabledIf("org.sgae.kernels.opencl.OpenCl#available")}: whether an OpenCL device can be used here. */
public final class OpenCl {
    private OpenCl() {
    }

    public static boolean available() {
        return OpenClBackendProvider.probeOnce().available();
    }
}
