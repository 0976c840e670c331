package org.sgae.tensor.cpu.ref;

import java.util.Arrays;
import java.util.Comparator;
import org.sgae.tensor.ops.Op;
import org.sgae.tensor.ops.OpPart;
import org.sgae.tensor.ops.OpPart.Role;

/**
 * Top-K pair scoring reference (RePN, model-spec §4): S = Φ_s Φ_oᵀ + P_s P_oᵀ over N objects, r = σ(S), the
 * diagonal excluded, the K = min(k, N(N−1)) best ordered pairs kept. Order: S descending (σ is monotone, so this
 * is r descending without σ's float saturation creating false ties), ties by the flat index i·N + j ascending.
 *
 * <p>Shapes: phiS, phiO [N,d1]; pS, pO [N,d2] or null; scores [K] = r; pairs [K,2] = (subject i, object j).
 */
@OpPart(role = Role.REFERENCE, ops = Op.PAIR_SCORES)
public final class PairScoreRef {
    private PairScoreRef() {
    }

    /** The full logit matrix S [N,N], row-major. */
    public static double[] logits(double[] phiS, double[] phiO, int d1, double[] pS, double[] pO, int d2, int n) {
        double[] s = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double acc = 0;
                for (int q = 0; q < d1; q++) {
                    acc += phiS[i * d1 + q] * phiO[j * d1 + q];
                }
                if (pS != null) {
                    for (int q = 0; q < d2; q++) {
                        acc += pS[i * d2 + q] * pO[j * d2 + q];
                    }
                }
                s[i * n + j] = acc;
            }
        }
        return s;
    }

    /** scores [K] (=) and pairs [K,2] (=); returns K. */
    public static int forward(double[] phiS, double[] phiO, int d1, double[] pS, double[] pO, int d2, int n, int k,
                              double[] scores, long[] pairs) {
        double[] s = logits(phiS, phiO, d1, pS, pO, d2, n);
        Integer[] order = new Integer[n * n];
        for (int f = 0; f < order.length; f++) {
            order[f] = f;
        }
        Arrays.sort(order, Comparator.<Integer>comparingDouble(f -> -s[f]).thenComparingInt(f -> f));
        int kept = 0;
        for (int f = 0; f < order.length && kept < k; f++) {
            int i = order[f] / n;
            int j = order[f] % n;
            if (i == j) {
                continue;
            }
            scores[kept] = 1 / (1 + Math.exp(-s[order[f]]));
            pairs[2 * kept] = i;
            pairs[2 * kept + 1] = j;
            kept++;
        }
        return kept;
    }

    /**
     * Gradients (=) to the four factors from gradScores [K]: with g_k = gradScores_k·r_k(1 − r_k) at (i, j),
     * dΦ_s[i] += g_k Φ_o[j] and dΦ_o[j] += g_k Φ_s[i] (same for P). gPS/gPO may be null when pS is.
     */
    public static void backward(double[] gradScores, double[] scores, long[] pairs, int kept, double[] phiS,
                                double[] phiO, int d1, double[] pS, double[] pO, int d2, int n, double[] gPhiS,
                                double[] gPhiO, double[] gPS, double[] gPO) {
        Arrays.fill(gPhiS, 0, n * d1, 0.0);
        Arrays.fill(gPhiO, 0, n * d1, 0.0);
        if (gPS != null) {
            Arrays.fill(gPS, 0, n * d2, 0.0);
            Arrays.fill(gPO, 0, n * d2, 0.0);
        }
        for (int t = 0; t < kept; t++) {
            int i = (int) pairs[2 * t];
            int j = (int) pairs[2 * t + 1];
            double g = gradScores[t] * scores[t] * (1 - scores[t]);
            for (int q = 0; q < d1; q++) {
                gPhiS[i * d1 + q] += g * phiO[j * d1 + q];
                gPhiO[j * d1 + q] += g * phiS[i * d1 + q];
            }
            if (gPS != null) {
                for (int q = 0; q < d2; q++) {
                    gPS[i * d2 + q] += g * pO[j * d2 + q];
                    gPO[j * d2 + q] += g * pS[i * d2 + q];
                }
            }
        }
    }
}
