package org.sgae.tensor.cpu;

import java.util.Arrays;
import org.sgae.tensor.attrs.PairScoreAttrs;
import org.sgae.tensor.ops.Op;
import org.sgae.tensor.ops.OpPart.Role;
import org.sgae.tensor.ops.OpPart;

/**
 * Fast top-K pair scoring (F32). S = [Φ_s | P_s]·[Φ_o | P_o]ᵀ is one matmul over the concatenated factors
 * ({@link PairMatmul}); each thread selects its rows' K best with a bounded min-heap, the per-thread winners are
 * merged, and σ is applied to the K kept logits only (σ is monotone, so ranking logits is ranking r). Order: S
 * descending, ties by flat index i·N + j ascending, diagonal skipped. Backward touches only the K kept entries of
 * dS, so it costs O(K·d) instead of two dense N×N×d matmuls.
 *
 * <p>Shapes: phiS, phiO [N,d1]; pS, pO [N,d2] or null (d2 = 0); scores [K]; pairs [K,2] as long.
 */
@OpPart(role = Role.CPU, ops = Op.PAIR_SCORES)
public final class PairScoreCpu {
    private static final ThreadLocal<float[]> LOGITS = ThreadLocal.withInitial(() -> new float[0]);

    private PairScoreCpu() {
    }

    /** Sortable key: larger is better (higher logit, then lower flat index). */
    static long key(float v, int flat) {
        int bits = Float.floatToIntBits(v);
        int sortable = bits ^ ((bits >> 31) & 0x7fffffff);
        return ((long) sortable << 32) | (Integer.MAX_VALUE - flat);
    }

    static float keyValue(long key) {
        int sortable = (int) (key >> 32);
        int bits = sortable ^ ((sortable >> 31) & 0x7fffffff);
        return Float.intBitsToFloat(bits);
    }

    static int keyIndex(long key) {
        return Integer.MAX_VALUE - (int) (key & 0xffffffffL);
    }

    /** Fills scores [K] and pairs [K,2] (=); returns K = min(k, N(N−1)). */
    public static int forward(float[] phiS, int psOff, float[] phiO, int poOff, int d1, float[] pS, int qsOff,
                              float[] pO, int qoOff, int d2, int n, PairScoreAttrs a, float[] scores, int sOff,
                              long[] pairs, int pOff) {
        int k = a.kept(n);
        if (k == 0) {
            return 0;
        }
        float[] s = LOGITS.get();
        if (s.length < n * n) {
            s = new float[n * n];
            LOGITS.set(s);
        }
        float[] logits = s;
        PairMatmul.abt(phiS, psOff, phiO, poOff, d1, pS, qsOff, pO, qoOff, d2, n, logits);
        int chunks = Math.max(1, Math.min(CpuParallel.threads(), n / 16));
        long[][] heaps = new long[chunks][];
        int[] sizes = new int[chunks];
        CpuParallel.forRange(chunks, 1, (c0, c1) -> {
            for (int c = c0; c < c1; c++) {
                int r0 = (int) ((long) n * c / chunks);
                int r1 = (int) ((long) n * (c + 1) / chunks);
                long[] heap = new long[k];
                sizes[c] = select(logits, n, r0, r1, heap);
                heaps[c] = heap;
            }
        });
        long[] all = new long[Arrays.stream(sizes).sum()];
        int at = 0;
        for (int c = 0; c < chunks; c++) {
            System.arraycopy(heaps[c], 0, all, at, sizes[c]);
            at += sizes[c];
        }
        Arrays.sort(all);
        for (int t = 0; t < k; t++) {
            long key = all[all.length - 1 - t];
            int flat = keyIndex(key);
            float v = keyValue(key);
            scores[sOff + t] = (float) (1.0 / (1.0 + Math.exp(-v)));
            pairs[pOff + 2 * t] = flat / n;
            pairs[pOff + 2 * t + 1] = flat % n;
        }
        return k;
    }

    /** K best off-diagonal entries of rows [r0, r1) into a min-heap of keys; returns its size. */
    private static int select(float[] s, int n, int r0, int r1, long[] heap) {
        int cap = heap.length;
        int size = 0;
        for (int i = r0; i < r1; i++) {
            for (int j = 0; j < n; j++) {
                if (i == j) {
                    continue;
                }
                int flat = i * n + j;
                float v = s[flat];
                if (size == cap) {
                    // cheap reject on the value alone before building the key
                    if (v < keyValue(heap[0])) {
                        continue;
                    }
                    long key = key(v, flat);
                    if (key > heap[0]) {
                        heap[0] = key;
                        siftDown(heap, size);
                    }
                } else {
                    heap[size] = key(v, flat);
                    siftUp(heap, size++);
                }
            }
        }
        return size;
    }

    private static void siftUp(long[] h, int i) {
        long x = h[i];
        while (i > 0) {
            int p = (i - 1) >>> 1;
            if (h[p] <= x) {
                break;
            }
            h[i] = h[p];
            i = p;
        }
        h[i] = x;
    }

    private static void siftDown(long[] h, int size) {
        long x = h[0];
        int i = 0;
        while (true) {
            int c = 2 * i + 1;
            if (c >= size) {
                break;
            }
            if (c + 1 < size && h[c + 1] < h[c]) {
                c++;
            }
            if (h[c] >= x) {
                break;
            }
            h[i] = h[c];
            i = c;
        }
        h[i] = x;
    }

    /**
     * Gradients (=) to the factors from gradScores [K]: g_t = gradScores_t·r_t(1 − r_t) at (i, j),
     * dΦ_s[i] += g_t Φ_o[j], dΦ_o[j] += g_t Φ_s[i] (same for P when present). Serial: K·d is small, and rows
     * repeat across pairs, so threads would need atomics.
     */
    public static void backward(float[] gradScores, int gOff, float[] scores, int sOff, long[] pairs, int pOff,
                                int k, float[] phiS, int psOff, float[] phiO, int poOff, int d1, float[] pS,
                                int qsOff, float[] pO, int qoOff, int d2, int n, float[] gPhiS, int gpsOff,
                                float[] gPhiO, int gpoOff, float[] gPS, int gqsOff, float[] gPO, int gqoOff) {
        Arrays.fill(gPhiS, gpsOff, gpsOff + n * d1, 0f);
        Arrays.fill(gPhiO, gpoOff, gpoOff + n * d1, 0f);
        if (gPS != null) {
            Arrays.fill(gPS, gqsOff, gqsOff + n * d2, 0f);
            Arrays.fill(gPO, gqoOff, gqoOff + n * d2, 0f);
        }
        for (int t = 0; t < k; t++) {
            int i = (int) pairs[pOff + 2 * t];
            int j = (int) pairs[pOff + 2 * t + 1];
            float r = scores[sOff + t];
            float g = gradScores[gOff + t] * r * (1f - r);
            if (g == 0f) {
                continue;
            }
            axpy(g, phiO, poOff + j * d1, gPhiS, gpsOff + i * d1, d1);
            axpy(g, phiS, psOff + i * d1, gPhiO, gpoOff + j * d1, d1);
            if (gPS != null) {
                axpy(g, pO, qoOff + j * d2, gPS, gqsOff + i * d2, d2);
                axpy(g, pS, qsOff + i * d2, gPO, gqoOff + j * d2, d2);
            }
        }
    }

    private static void axpy(float a, float[] x, int xo, float[] y, int yo, int n) {
        for (int q = 0; q < n; q++) {
            y[yo + q] += a * x[xo + q];
        }
    }
}
