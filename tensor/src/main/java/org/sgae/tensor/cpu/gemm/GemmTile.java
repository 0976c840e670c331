package org.sgae.tensor.cpu.gemm;

import jdk.incubator.vector.VectorSpecies;

/**
 * One register tile of the GEMM micro-kernel: C[MR×NR] (+)= Ap·Bp over one packed A strip (kc rows of AS floats,
 * MR used, row p at {@code ao + p·AS}) and one packed B strip (kc×NR, row p at {@code bo + p·NR}), NR = NV vectors
 * of the tile's species. The kernels are {@link TileKernels}; {@link GemmTiles} picks the one the process uses.
 */
public abstract class GemmTile {
    /** Store modes: overwrite, {@code C = acc + beta·C}, {@code C += acc}. */
    public static final int STORE = 0;
    static final int SCALE = 1;
    static final int ADD = 2;

    /** Rows of C per tile. */
    public final int mr;
    /** Vectors per row of the tile. */
    public final int nv;
    /** Vector width in bits. */
    public final int bits;
    /** Columns of C per tile: nv vectors of bits/32 floats. */
    public final int nr;
    /** Packed A row stride (≥ mr, a power of two dividing nr: the B index stays linear in the A index). */
    public final int as;
    /** e.g. {@code 8x2v512}: 8 rows × 2 vectors of 512 bits (8×32 floats). */
    public final String name;

    GemmTile(int mr, int nv, int bits, int as) {
        this.mr = mr;
        this.nv = nv;
        this.bits = bits;
        this.nr = nv * bits / 32;
        this.as = as;
        this.name = mr + "x" + nv + "v" + bits;
    }

    /** The species of the tile's vectors (SPECIES_256 or SPECIES_512; wider than the hardware runs emulated). */
    public abstract VectorSpecies<Float> species();

    /** Vector registers the kernel keeps live: mr·nv accumulators, nv B vectors, one broadcast A value. */
    public int registers() {
        return mr * nv + nv + 1;
    }

    /** See the class comment; {@code mode}: {@link #STORE}, SCALE ({@code acc + beta·C}) or ADD. */
    public abstract void kernel(int kc, float[] ap, int ao, float[] bp, int bo, float[] c, int co, int ldc,
                                int mode, float beta);

    @Override
    public String toString() {
        return name + " (" + mr + "x" + nr + " floats)";
    }
}
