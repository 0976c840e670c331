package org.sgae.tensor.cpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.sgae.tensor.ArrayGradCheck;
import org.sgae.tensor.DType;
import org.sgae.tensor.Rand;
import org.sgae.tensor.Shape;
import org.sgae.tensor.Tensor;
import org.sgae.tensor.TensorAsserts;
import org.sgae.tensor.Tolerances;
import org.sgae.tensor.attrs.PairScoreAttrs;
import org.sgae.tensor.cpu.ref.PairScoreRef;
import org.sgae.tensor.ops.Detection;

class PairScoreCpuTest {
    /** Values in {−2..2}/4: every product and sum is exact in float, so ties are real and orders must agree. */
    static float[] quantised(Random r, int n) {
        float[] f = new float[n];
        for (int i = 0; i < n; i++) {
            f[i] = (r.nextInt(5) - 2) / 4f;
        }
        return f;
    }

    @ParameterizedTest(name = "seed {0} N={1} d1={2} d2={3} k={4} quantised={5}")
    @CsvSource({
        "1, 9, 5, 0, 20, true",
        "2, 17, 3, 4, 300, true",
        "3, 70, 33, 6, 256, true",
        "4, 1, 4, 0, 5, true",
        "5, 2, 4, 2, 5, false",
        "6, 67, 19, 0, 100, false",
        "7, 128, 64, 64, 256, false",
        "8, 5, 1, 1, 0, false",
    })
    void fastMatchesReference(long seed, int n, int d1, int d2, int k, boolean quantised) {
        Random r = new Random(seed);
        float[] a1 = quantised ? quantised(r, n * d1) : Rand.gaussian(r, n * d1);
        float[] b1 = quantised ? quantised(r, n * d1) : Rand.gaussian(r, n * d1);
        float[] a2 = d2 == 0 ? null : quantised ? quantised(r, n * d2) : Rand.gaussian(r, n * d2);
        float[] b2 = d2 == 0 ? null : quantised ? quantised(r, n * d2) : Rand.gaussian(r, n * d2);
        PairScoreAttrs attrs = new PairScoreAttrs(k);
        int kept = attrs.kept(n);
        float[] s = new float[kept];
        long[] p = new long[2 * kept];
        assertEquals(kept, PairScoreCpu.forward(a1, 0, b1, 0, d1, a2, 0, b2, 0, d2, n, attrs, s, 0, p, 0));
        double[] sr = new double[kept];
        long[] pr = new long[2 * kept];
        PairScoreRef.forward(TensorAsserts.toDouble(a1), TensorAsserts.toDouble(b1), d1, a2 == null ? null : TensorAsserts.toDouble(a2),
                b2 == null ? null : TensorAsserts.toDouble(b2), d2, n, kept, sr, pr);
        TensorAsserts.assertClose(s, sr, Tolerances.F32_VS_REF, "scores");
        if (quantised) {
            assertArrayEquals(pr, p, "pairs (exact ties broken by i*N+j)");
        } else {
            // random data: the same pairs unless two logits are closer than float rounding
            for (int t = 0; t < kept; t++) {
                assertTrue(p[2 * t] == pr[2 * t] && p[2 * t + 1] == pr[2 * t + 1]
                        || Tolerances.F32_VS_REF.ok(s[t], sr[t]), "pair " + t);
            }
        }
        for (int t = 0; t < kept; t++) {
            assertTrue(p[2 * t] != p[2 * t + 1], "diagonal pair kept");
        }
        float[] gs = Rand.gaussian(r, kept);
        float[][] g = {new float[n * d1], new float[n * d1], d2 == 0 ? null : new float[n * d2],
            d2 == 0 ? null : new float[n * d2]};
        PairScoreCpu.backward(gs, 0, s, 0, p, 0, kept, a1, 0, b1, 0, d1, a2, 0, b2, 0, d2, n, g[0], 0, g[1], 0, g[2],
                0, g[3], 0);
        double[][] gr = {new double[n * d1], new double[n * d1], d2 == 0 ? null : new double[n * d2],
            d2 == 0 ? null : new double[n * d2]};
        PairScoreRef.backward(TensorAsserts.toDouble(gs), TensorAsserts.toDouble(s), p, kept, TensorAsserts.toDouble(a1),
                TensorAsserts.toDouble(b1), d1, a2 == null ? null : TensorAsserts.toDouble(a2),
                b2 == null ? null : TensorAsserts.toDouble(b2), d2, n, gr[0], gr[1], gr[2], gr[3]);
        for (int i = 0; i < (d2 == 0 ? 2 : 4); i++) {
            TensorAsserts.assertClose(g[i], gr[i], Tolerances.F32_ACCUM_BWD, "grad factor " + i);
        }
    }

    @Test
    void facadeShapesAndSmallCases() {
        Tensor[] none = Detection.pairScores(Tensor.zeros(1, 3), Tensor.zeros(1, 3), new PairScoreAttrs(5));
        assertEquals(Shape.of(0), none[0].shape());
        assertEquals(Shape.of(0, 2), none[1].shape());
        assertEquals(DType.I64, none[1].dtype());
        // N = 3 with all-zero factors: 6 off-diagonal ties at σ(0) = ½, kept in flat-index order
        Tensor[] all = Detection.pairScores(Tensor.zeros(3, 2), Tensor.zeros(3, 2), new PairScoreAttrs(10));
        assertArrayEquals(new long[] {0, 1, 0, 2, 1, 0, 1, 2, 2, 0, 2, 1}, all[1].toLongArray());
        for (float v : all[0].toFloatArray()) {
            assertEquals(0.5f, v);
        }
        Tensor[] g = Detection.pairScoresBackward(Tensor.ones(6), all[0], all[1], Tensor.zeros(3, 2),
                Tensor.zeros(3, 2), null, null);
        assertNull(g[2]);
        assertEquals(Shape.of(3, 2), g[1].shape());
    }

    @ParameterizedTest(name = "second pair {0}")
    @CsvSource({"false", "true"})
    void gradientF64(boolean second) {
        Random r = new Random(second ? 41 : 42);
        int n = 6, d1 = 3, d2 = 2;
        PairScoreAttrs a = new PairScoreAttrs(12);
        double[][] f = {TensorAsserts.toDouble(Rand.gaussian(r, n * d1)), TensorAsserts.toDouble(Rand.gaussian(r, n * d1)),
            TensorAsserts.toDouble(Rand.gaussian(r, n * d2)), TensorAsserts.toDouble(Rand.gaussian(r, n * d2))};
        double[] gs = TensorAsserts.toDouble(Rand.gaussian(r, 12));
        int[][] shapes = {{n, d1}, {n, d1}, {n, d2}, {n, d2}};
        java.util.function.Function<double[][], Tensor[]> run = ff -> Detection.pairScores(Tensor.of(ff[0], n, d1),
                Tensor.of(ff[1], n, d1), second ? Tensor.of(ff[2], n, d2) : null,
                second ? Tensor.of(ff[3], n, d2) : null, a);
        Tensor[] out = run.apply(f);
        Tensor[] g = Detection.pairScoresBackward(Tensor.of(gs, 12), out[0], out[1], Tensor.of(f[0], shapes[0]),
                Tensor.of(f[1], shapes[1]), second ? Tensor.of(f[2], shapes[2]) : null,
                second ? Tensor.of(f[3], shapes[3]) : null);
        for (int i = 0; i < (second ? 4 : 2); i++) {
            int which = i;
            ArrayGradCheck.check("pair_scores factor " + i, f[i], x -> {
                double[][] ff = f.clone();
                ff[which] = x;
                return ArrayGradCheck.dot(gs, run.apply(ff)[0].toDoubleArray());
            }, g[i].toDoubleArray());
        }
    }

    @Test
    void badInputsNameTheOpAndShapes() {
        PairScoreAttrs a = new PairScoreAttrs(4);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Detection.pairScores(Tensor.zeros(4, 3), Tensor.zeros(5, 3), a));
        assertTrue(e.getMessage().contains("pair_scores") && e.getMessage().contains("[5, 3]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Detection.pairScores(Tensor.zeros(4, 3),
                Tensor.zeros(4, 3), Tensor.zeros(4, 2), null, a));
        assertTrue(e.getMessage().contains("both"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Detection.pairScores(Tensor.zeros(4, 3),
                Tensor.zeros(4, 3), Tensor.zeros(3, 2), Tensor.zeros(3, 2), a));
        assertTrue(e.getMessage().contains("[3, 2]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Detection.pairScoresBackward(Tensor.zeros(3),
                Tensor.zeros(4), Tensor.ofLongs(new long[8], 4, 2), Tensor.zeros(4, 3), Tensor.zeros(4, 3), null, null));
        assertTrue(e.getMessage().contains("pair_scores_backward"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new PairScoreAttrs(-1));
    }
}
