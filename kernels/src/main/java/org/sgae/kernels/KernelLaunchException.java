package org.sgae.kernels;

import java.util.Arrays;

/** A kernel launch (or its argument setup) failed; names the kernel, the geometry and the arguments. */
public final class KernelLaunchException extends RuntimeException {
    private final String kernel;

    public KernelLaunchException(String kernel, int[] grid, int[] block, String argShapes, Throwable cause) {
        super("Kernel '" + kernel + "' failed: grid " + Arrays.toString(grid) + " block " + Arrays.toString(block)
                + " args " + argShapes + ": " + firstLine(cause), cause);
        this.kernel = kernel;
    }

    public String kernel() {
        return kernel;
    }

    static String firstLine(Throwable t) {
        if (t == null || t.getMessage() == null) {
            return t == null ? "" : t.getClass().getSimpleName();
        }
        String m = t.getMessage();
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
