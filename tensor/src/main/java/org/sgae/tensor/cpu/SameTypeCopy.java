package org.sgae.tensor.cpu;

/** Strided copy of n elements between two arrays of the same primitive type. */
final class SameTypeCopy {
    private SameTypeCopy() {
    }

    static void run(Object src, int so, int ss, Object dst, int dOff, int ds, int n) {
        if (ss == 1 && ds == 1) {
            System.arraycopy(src, so, dst, dOff, n);
            return;
        }
        if (src instanceof float[]) {
            float[] s = (float[]) src;
            float[] d = (float[]) dst;
            for (int i = 0; i < n; i++) {
                d[dOff + i * ds] = s[so + i * ss];
            }
        } else if (src instanceof double[]) {
            double[] s = (double[]) src;
            double[] d = (double[]) dst;
            for (int i = 0; i < n; i++) {
                d[dOff + i * ds] = s[so + i * ss];
            }
        } else if (src instanceof int[]) {
            int[] s = (int[]) src;
            int[] d = (int[]) dst;
            for (int i = 0; i < n; i++) {
                d[dOff + i * ds] = s[so + i * ss];
            }
        } else if (src instanceof long[]) {
            long[] s = (long[]) src;
            long[] d = (long[]) dst;
            for (int i = 0; i < n; i++) {
                d[dOff + i * ds] = s[so + i * ss];
            }
        } else {
            byte[] s = (byte[]) src;
            byte[] d = (byte[]) dst;
            for (int i = 0; i < n; i++) {
                d[dOff + i * ds] = s[so + i * ss];
            }
        }
    }
}
