package org.sgae.tensor.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * S = A·Bᵀ for the pair scores, with A = [a1 | a2] and B = [b1 | b2] concatenated along the feature axis
 * (a2/b2 optional): S[i,j] = Σ_q a1[i,q] b1[j,q] + Σ_q a2[i,q] b2[j,q]. B is packed once into Bt [d1+d2, N]
 * (reused scratch), then a 6-row × 2-vector register tile accumulates rank-1 updates with FMA; row and column
 * tails fall back to narrower loops. Threads split the row blocks.
 */
final class PairMatmul {
    private static final VectorSpecies<Float> SP = FloatVector.SPECIES_PREFERRED;
    private static final int L = SP.length();
    private static final int ROWS = 6;
    private static final ThreadLocal<float[]> PACK = ThreadLocal.withInitial(() -> new float[0]);
    private static final ThreadLocal<float[]> PACK_A = ThreadLocal.withInitial(() -> new float[0]);

    private PairMatmul() {
    }

    static void abt(float[] a1, int a1o, float[] b1, int b1o, int d1, float[] a2, int a2o, float[] b2, int b2o,
                    int d2, int n, float[] s) {
        int dt = d1 + (a2 == null ? 0 : d2);
        float[] bt = PACK.get();
        if (bt.length < dt * n) {
            bt = new float[dt * n];
            PACK.set(bt);
        }
        for (int j = 0; j < n; j++) {
            for (int q = 0; q < d1; q++) {
                bt[q * n + j] = b1[b1o + j * d1 + q];
            }
            for (int q = d1; q < dt; q++) {
                bt[q * n + j] = b2[b2o + j * d2 + q - d1];
            }
        }
        float[] packed = bt;
        // A as one [N, dt] row-major matrix: a1 itself when there is no second pair, else a packed copy
        float[] a = a1;
        int ao = a1o;
        if (dt != d1) {
            a = PACK_A.get();
            if (a.length < dt * n) {
                a = new float[dt * n];
                PACK_A.set(a);
            }
            for (int i = 0; i < n; i++) {
                System.arraycopy(a1, a1o + i * d1, a, i * dt, d1);
                System.arraycopy(a2, a2o + i * d2, a, i * dt + d1, d2);
            }
            ao = 0;
        }
        float[] aa = a;
        int aOff = ao;
        int blocks = (n + ROWS - 1) / ROWS;
        CpuParallel.forRange(blocks, 1, (from, to) -> {
            for (int blk = from; blk < to; blk++) {
                int i0 = blk * ROWS;
                int rows = Math.min(ROWS, n - i0);
                rowBlock(aa, aOff, dt, packed, n, i0, rows, s);
            }
        });
    }

    private static void rowBlock(float[] a, int ao, int dt, float[] bt,
                                 int n, int i0, int rows, float[] s) {
        int j = 0;
        if (rows == ROWS) {
            // 6 rows x 2 vectors: 12 accumulators + 2 B vectors + 1 broadcast fit the 16 AVX2 registers
            for (; j + 2 * L <= n; j += 2 * L) {
                FloatVector c00 = FloatVector.zero(SP), c01 = c00, c10 = c00, c11 = c00, c20 = c00, c21 = c00;
                FloatVector c30 = c00, c31 = c00, c40 = c00, c41 = c00, c50 = c00, c51 = c00;
                int ar = ao + i0 * dt;
                for (int q = 0; q < dt; q++) {
                    int bo = q * n + j;
                    FloatVector b0 = FloatVector.fromArray(SP, bt, bo);
                    FloatVector b1 = FloatVector.fromArray(SP, bt, bo + L);
                    FloatVector x = FloatVector.broadcast(SP, a[ar + q]);
                    c00 = x.fma(b0, c00);
                    c01 = x.fma(b1, c01);
                    x = FloatVector.broadcast(SP, a[ar + dt + q]);
                    c10 = x.fma(b0, c10);
                    c11 = x.fma(b1, c11);
                    x = FloatVector.broadcast(SP, a[ar + 2 * dt + q]);
                    c20 = x.fma(b0, c20);
                    c21 = x.fma(b1, c21);
                    x = FloatVector.broadcast(SP, a[ar + 3 * dt + q]);
                    c30 = x.fma(b0, c30);
                    c31 = x.fma(b1, c31);
                    x = FloatVector.broadcast(SP, a[ar + 4 * dt + q]);
                    c40 = x.fma(b0, c40);
                    c41 = x.fma(b1, c41);
                    x = FloatVector.broadcast(SP, a[ar + 5 * dt + q]);
                    c50 = x.fma(b0, c50);
                    c51 = x.fma(b1, c51);
                }
                int o = i0 * n + j;
                c00.intoArray(s, o);
                c01.intoArray(s, o + L);
                c10.intoArray(s, o + n);
                c11.intoArray(s, o + n + L);
                c20.intoArray(s, o + 2 * n);
                c21.intoArray(s, o + 2 * n + L);
                c30.intoArray(s, o + 3 * n);
                c31.intoArray(s, o + 3 * n + L);
                c40.intoArray(s, o + 4 * n);
                c41.intoArray(s, o + 4 * n + L);
                c50.intoArray(s, o + 5 * n);
                c51.intoArray(s, o + 5 * n + L);
            }
        }
        // row/column tails: one row at a time, one vector wide, then scalar
        for (int i = i0; i < i0 + rows; i++) {
            int jj = j;
            for (; jj + L <= n; jj += L) {
                FloatVector c = FloatVector.zero(SP);
                for (int q = 0; q < dt; q++) {
                    c = FloatVector.broadcast(SP, a[ao + (i) * dt + q])
                            .fma(FloatVector.fromArray(SP, bt, q * n + jj), c);
                }
                c.intoArray(s, i * n + jj);
            }
            for (; jj < n; jj++) {
                float c = 0f;
                for (int q = 0; q < dt; q++) {
                    c += a[ao + (i) * dt + q] * bt[q * n + jj];
                }
                s[i * n + jj] = c;
            }
        }
    }
}
