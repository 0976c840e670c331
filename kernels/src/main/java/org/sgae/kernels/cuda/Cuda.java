package org.sgae.kernels.cuda;

/** For {@code @EnabledIf("org.sgae.kernels.cuda.Cuda#available")}: whether a CUDA device can be used here. */
public final class Cuda {
    private Cuda() {
    }

    public static boolean available() {
        return CudaBackendProvider.probeOnce().available();
    }
}
