package org.sgae.kernels;

import java.util.Arrays;

/** A kernel launch (or its argument setup) failed; names the kernel, the geometry and the arguments. */
public final class KernelLaunchException extends RuntimeException {
    private final String kernel;

    public KernelLaunchException(String kernel, int[] grid, int[] block, String argShapes, Throwable cause) {
        super("Kernel '" + kernel + "' failed: grid " + Arrays.toString(grid) + " block " + Arrays.toString(block)
                + " args " + argShapes + ": " + Messages.firstLine(cause), cause);
        this.kernel = kernel;
    }

    public String kernel() {
        return kernel;
    }

}
