package org.sgae.kernels.device;

/**
 * Launch geometry in CUDA terms: number of groups (blocks) and group (local) size per axis. OpenCL's global size is
 * groups × local. Local sizes are fixed per kernel (PoCL compiles once per kernel and local size).
 */
public record Grid(int gx, int gy, int gz, int bx, int by, int bz) {
    public Grid {
        if (gx < 1 || gy < 1 || gz < 1 || bx < 1 || by < 1 || bz < 1) {
            throw new IllegalArgumentException("Bad grid " + gx + "x" + gy + "x" + gz + " block " + bx + "x" + by + "x" + bz);
        }
    }

    /** Enough groups of {@code block} threads to cover n (n ≥ 1). */
    public static Grid linear(int n, int block) {
        return new Grid(ceilDiv(n, block), 1, 1, block, 1, 1);
    }

    public static Grid of2d(int gx, int gy, int bx, int by) {
        return new Grid(gx, gy, 1, bx, by, 1);
    }

    public static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }

    public int[] groups() {
        return new int[] {gx, gy, gz};
    }

    public int[] block() {
        return new int[] {bx, by, bz};
    }

    public int dims() {
        return gz > 1 || bz > 1 ? 3 : gy > 1 || by > 1 ? 2 : 1;
    }
}
