package org.sgae.tensor.cpu.gemm;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The calibration behind {@link GemmTiles}: each candidate tile's kernel over one packed block shaped as the
 * driver's (about 96×256 of A, L2-resident, times 256×192 of B, one L1-sized strip at a time), on the calling
 * thread, best time per block.
 *
 * <p>Two phases, the tiles taking turns in each so that a burst of load from other processes hits all of them:
 * warm-up with short calls (kc = 4: the invocation counts that send a method to C2 come fastest) until
 * {@link #WARM_SHARE} of the budget, so that each kernel leaves the
 * interpreter (tens of times slower with the Vector API) and reaches C2; then whole blocks, timed, until the budget
 * is spent. A tile whose short calls still ran at under a quarter of the best tile's rate when the warm-up ended is
 * not compiled yet (likewise under {@link #COMPILED_GFLOPS}/4): it keeps its warm-up rate (and loses) rather than
 * spending the budget on an interpreted block.
 * The data is synthetic (a fixed seed) and only timed: no randomness stream is involved.
 */
final class TileCalibration {
    /** Whole calibration, wall clock (the bound is 1 s). */
    static final long BUDGET_NANOS = 900_000_000L;
    static final double WARM_SHARE = 0.6;
    private static final int KC = 256;
    private static final int WARM_KC = 4;

    private TileCalibration() {
    }

    /** Below this many GFLOP/s a kernel is still interpreted (compiled ones run ≥ 10 on any vector unit). */
    static final double COMPILED_GFLOPS = 2.0;

    /** GFLOP/s per tile name (best block), in the order given. */
    static Map<String, Double> measure(List<GemmTile> tiles) {
        return measure(tiles, BUDGET_NANOS);
    }

    static Map<String, Double> measure(List<GemmTile> tiles, long budgetNanos) {
        long start = System.nanoTime();
        int n = tiles.size();
        Block[] blocks = new Block[n];
        for (int i = 0; i < n; i++) {
            blocks[i] = new Block(tiles.get(i));
        }
        double[] warmRate = new double[n];
        do {
            for (int i = 0; i < n; i++) {
                long t0 = System.nanoTime();
                blocks[i].warm();
                warmRate[i] = blocks[i].warmFlops / (double) Math.max(1, System.nanoTime() - t0);
            }
        } while (System.nanoTime() - start < budgetNanos * WARM_SHARE);
        double bestWarm = Arrays.stream(warmRate).max().orElse(0);
        long[] best = new long[n];
        Arrays.fill(best, Long.MAX_VALUE);
        do {
            for (int i = 0; i < n; i++) {
                if (warmRate[i] >= bestWarm / 4 && warmRate[i] >= COMPILED_GFLOPS / 4) {
                    long t0 = System.nanoTime();
                    blocks[i].run(KC, blocks[i].nStrips);
                    best[i] = Math.min(best[i], System.nanoTime() - t0);
                }
            }
        } while (System.nanoTime() - start < budgetNanos);
        Map<String, Double> out = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            out.put(tiles.get(i).name, best[i] == Long.MAX_VALUE ? warmRate[i] : blocks[i].flops / (double) best[i]);
        }
        return out;
    }

    /** One MC×KC A block times one KC×NC B block (whole tiles only) with one tile's kernel. */
    private static final class Block {
        final GemmTile t;
        final int mStrips;
        final int nStrips;
        final float[] a;
        final float[] b;
        final float[] c;
        final int ldc;
        final double flops;
        final double warmFlops;

        Block(GemmTile t) {
            this.t = t;
            mStrips = (96 + t.mr - 1) / t.mr;
            nStrips = (192 + t.nr - 1) / t.nr;
            a = new float[mStrips * t.as * KC];
            b = new float[nStrips * t.nr * KC];
            ldc = nStrips * t.nr;
            c = new float[mStrips * t.mr * ldc];
            SplittableRandom r = new SplittableRandom(15);
            for (int i = 0; i < a.length; i++) {
                a[i] = (float) r.nextDouble(-1, 1);
            }
            for (int i = 0; i < b.length; i++) {
                b[i] = (float) r.nextDouble(-1, 1);
            }
            flops = 2.0 * mStrips * t.mr * ldc * KC;
            warmFlops = 2.0 * 2 * t.mr * t.nr * WARM_KC;
        }

        /** Two short calls of the first strips. */
        void warm() {
            run(WARM_KC, 1);
            run(WARM_KC, 1);
        }


        /** All A strips times the first {@code strips} B strips, depth kc (≤ KC). */
        void run(int kc, int strips) {
            int mCalls = kc == KC ? mStrips : 1;
            for (int j = 0; j < strips; j++) {
                for (int i = 0; i < mCalls; i++) {
                    t.kernel(kc, a, i * t.as * KC, b, j * t.nr * KC, c, i * t.mr * ldc + j * t.nr, ldc,
                            GemmTile.STORE, 0f);
                }
            }
        }
    }
}
