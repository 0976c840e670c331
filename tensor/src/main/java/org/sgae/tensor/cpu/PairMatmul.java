package org.sgae.tensor.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * S = A·Bᵀ for the pair scores, with A = [a1 | a2] and B = [b1 | b2] concatenated along the feature axis
 * (a2/b2 optional): S[i,j] = Σ_q a1[i,q] b1[j,q] + Σ_q a2[i,q] b2[j,q]. B is packed once into Bt [d1+d2, N]
 * (reused scratch), then a 4-row × 4-vector register tile accumulates rank-1 updates with FMA; row and column
 * tails fall back to narrower loops. Threads split the row blocks.
 */
final class PairMatmul {
    private static final VectorSpecies<Float> SP = FloatVector.SPECIES_PREFERRED;
    private static final int L = SP.length();
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
        int blocks = (n + 3) / 4;
        CpuParallel.forRange(blocks, 1, (from, to) -> {
            for (int blk = from; blk < to; blk++) {
                int i0 = blk * 4;
                int rows = Math.min(4, n - i0);
                rowBlock(aa, aOff, dt, packed, n, i0, rows, s);
            }
        });
    }

    private static void rowBlock(float[] a, int ao, int dt, float[] bt,
                                 int n, int i0, int rows, float[] s) {
        int j = 0;
        if (rows == 4) {
            for (; j + 4 * L <= n; j += 4 * L) {
                FloatVector c00 = FloatVector.zero(SP), c01 = c00, c02 = c00, c03 = c00;
                FloatVector c10 = c00, c11 = c00, c12 = c00, c13 = c00;
                FloatVector c20 = c00, c21 = c00, c22 = c00, c23 = c00;
                FloatVector c30 = c00, c31 = c00, c32 = c00, c33 = c00;
                for (int q = 0; q < dt; q++) {
                    int bo = q * n + j;
                    FloatVector b0 = FloatVector.fromArray(SP, bt, bo);
                    FloatVector b1v = FloatVector.fromArray(SP, bt, bo + L);
                    FloatVector b2v = FloatVector.fromArray(SP, bt, bo + 2 * L);
                    FloatVector b3 = FloatVector.fromArray(SP, bt, bo + 3 * L);
                    FloatVector x0 = FloatVector.broadcast(SP, a[ao + (i0) * dt + q]);
                    FloatVector x1 = FloatVector.broadcast(SP, a[ao + (i0 + 1) * dt + q]);
                    FloatVector x2 = FloatVector.broadcast(SP, a[ao + (i0 + 2) * dt + q]);
                    FloatVector x3 = FloatVector.broadcast(SP, a[ao + (i0 + 3) * dt + q]);
                    c00 = x0.fma(b0, c00); c01 = x0.fma(b1v, c01); c02 = x0.fma(b2v, c02); c03 = x0.fma(b3, c03);
                    c10 = x1.fma(b0, c10); c11 = x1.fma(b1v, c11); c12 = x1.fma(b2v, c12); c13 = x1.fma(b3, c13);
                    c20 = x2.fma(b0, c20); c21 = x2.fma(b1v, c21); c22 = x2.fma(b2v, c22); c23 = x2.fma(b3, c23);
                    c30 = x3.fma(b0, c30); c31 = x3.fma(b1v, c31); c32 = x3.fma(b2v, c32); c33 = x3.fma(b3, c33);
                }
                int o = i0 * n + j;
                c00.intoArray(s, o); c01.intoArray(s, o + L); c02.intoArray(s, o + 2 * L); c03.intoArray(s, o + 3 * L);
                o += n;
                c10.intoArray(s, o); c11.intoArray(s, o + L); c12.intoArray(s, o + 2 * L); c13.intoArray(s, o + 3 * L);
                o += n;
                c20.intoArray(s, o); c21.intoArray(s, o + L); c22.intoArray(s, o + 2 * L); c23.intoArray(s, o + 3 * L);
                o += n;
                c30.intoArray(s, o); c31.intoArray(s, o + L); c32.intoArray(s, o + 2 * L); c33.intoArray(s, o + 3 * L);
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
