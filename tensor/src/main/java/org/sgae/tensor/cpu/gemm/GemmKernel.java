package org.sgae.tensor.cpu.gemm;

import jdk.incubator.vector.VectorSpecies;

/**
 * The process's GEMM micro-kernel: the register tile {@link GemmTiles} chose ({@link GemmTile}), with its sizes as
 * constants for the packers and loop nests ({@link GemmDriver}, {@link Panels}, the direct and Winograd convolutions).
 * Static finals, so that C2 folds them and calls the one kernel class directly: the tile is fixed for the life of
 * the process (tests of other tiles run in child JVMs with {@code -Dsgae.gemm.tile}).
 */
public final class GemmKernel {
    /** The chosen tile. */
    public static final GemmTile TILE = GemmTiles.choice().tile();
    /** Its species (all B packing copies whole vectors of it). */
    public static final VectorSpecies<Float> S = TILE.species();
    public static final int L = S.length();
    public static final int MR = TILE.mr;
    public static final int NR = TILE.nr;
    /** Packed A row stride (≥ MR; a power of two dividing NR keeps the index arithmetic a shift). */
    public static final int AS = TILE.as;

    /** Store modes: overwrite, {@code C = acc + beta·C}, {@code C += acc}. */
    public static final int STORE = GemmTile.STORE;
    static final int SCALE = GemmTile.SCALE;
    static final int ADD = GemmTile.ADD;

    private GemmKernel() {
    }

    /** C[MR×NR] (+)= Ap·Bp with the chosen tile; see {@link GemmTile#kernel}. */
    public static void kernel(int kc, float[] ap, int ao, float[] bp, int bo, float[] c, int co, int ldc,
                              int mode, float beta) {
        TILE.kernel(kc, ap, ao, bp, bo, c, co, ldc, mode, beta);
    }
}
