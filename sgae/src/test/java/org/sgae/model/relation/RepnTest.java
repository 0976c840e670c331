package org.sgae.model.relation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.sgae.model.detector.ImageSize;
import org.sgae.tensor.DType;
import org.sgae.tensor.Device;
import org.sgae.tensor.Tensor;
import org.sgae.train.config.RelationConfig;

/** RePN (§4): tie-break by i·N + j, top-K in S order, the diagonal excluded, K = min(topK, N(N−1)). */
class RepnTest {
    private static Repn repn(int topK, int classes) {
        return new Repn(new RelationConfig.Repn(topK, 8, 8, false), classes, DType.F64, Device.cpu(),
                new SplittableRandom(1));
    }

    @Test
    void equalScoresKeepTheLowerPairIndex() {
        int n = 4;
        // identical logits and boxes: every S_ij is the same number
        Tensor logits = Tensor.of(new double[] {0.3, -0.2, 0.5}, 1, 3).expand(n, 3).contiguous();
        float[] boxes = new float[4 * n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(new float[] {10, 10, 40, 30}, 0, boxes, 4 * i, 4);
        }
        Tensor code = Tensor.of(BoxCode.of(boxes, new ImageSize(64, 64)), n, 6).to(DType.F64);
        Repn.Output all = repn(100, 3).forward(logits, code);
        assertEquals(n * (n - 1), all.size());
        List<Integer> order = new ArrayList<>();
        for (int k = 0; k < all.size(); k++) {
            order.add(all.pairs()[2 * k] * n + all.pairs()[2 * k + 1]);
        }
        assertEquals(List.of(1, 2, 3, 4, 6, 7, 8, 9, 11, 12, 13, 14), order);
        Repn.Output five = repn(5, 3).forward(logits, code);
        assertArrayEquals(new int[] {0, 1, 0, 2, 0, 3, 1, 0, 1, 2}, five.pairs());
    }

    @Test
    void keptPairsAreTheTopKOfSInOrder() {
        int n = 7;
        SplittableRandom r = new SplittableRandom(4);
        double[] l = new double[n * 5];
        float[] boxes = new float[4 * n];
        for (int i = 0; i < l.length; i++) {
            l[i] = r.nextGaussian();
        }
        for (int i = 0; i < n; i++) {
            float x = r.nextInt(60);
            float y = r.nextInt(60);
            System.arraycopy(new float[] {x, y, x + 5 + r.nextInt(30), y + 5 + r.nextInt(30)}, 0, boxes, 4 * i, 4);
        }
        Tensor code = Tensor.of(BoxCode.of(boxes, new ImageSize(96, 96)), n, 6).to(DType.F64);
        Repn.Output out = repn(10, 5).forward(Tensor.of(l, n, 5), code);
        double[] s = out.scores().toDoubleArray();
        assertEquals(10, out.size());
        List<Integer> all = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                if (i != j) {
                    all.add(i * n + j);
                }
            }
        }
        all.sort((a, b) -> s[a] != s[b] ? Double.compare(s[b], s[a]) : Integer.compare(a, b));
        double[] rel = out.relatedness().toDoubleArray();
        for (int k = 0; k < 10; k++) {
            int i = out.pairs()[2 * k];
            int j = out.pairs()[2 * k + 1];
            assertNotEquals(i, j);
            assertEquals((int) all.get(k), i * n + j, "pair " + k);
            assertEquals(1 / (1 + Math.exp(-s[i * n + j])), rel[k], 1e-12);
        }
        assertTrue(repn(10, 5).forward(Tensor.of(new double[5], 1, 5), code.narrow(0, 0, 1)).size() == 0);
    }
}
