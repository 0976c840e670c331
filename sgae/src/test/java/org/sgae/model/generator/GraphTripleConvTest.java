package org.sgae.model.generator;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.sgae.tensor.DType;
import org.sgae.tensor.Device;
import org.sgae.tensor.Tensor;
import org.sgae.tensor.TensorAsserts;
import org.sgae.tensor.Tolerances;
import org.sgae.tensor.memory.MemoryScope;
import org.sgae.tensor.ops.Assemble;

class GraphTripleConvTest {
    private static final int D = 3;
    private static final int H = 4;

    /**
     * sg2im's avg pooling by hand on a 4-node graph: triples (0→1), (1→2), (0→2); node 3 has none. Each triple's
     * (s′, p′, o′) is net1 of its own [v_s; v_p; v_o] (one row at a time), then per node the weighted mean of the s′
     * of its subject triples and o′ of its object triples, net2 of that. All w = 1 here; node 0: mean(s′₀, s′₂),
     * node 1: mean(o′₀, s′₁), node 2: mean(o′₁, o′₂), node 3: 0 (max(Σw,1) = 1).
     */
    @Test
    void unitWeightsEqualSg2imAveragePooling() {
        check(new double[] {1, 1, 1});
    }

    /** The weighted generalisation: node 0 = (2·s′₀ + 0.5·s′₂)/2.5, node 1 = (2·o′₀ + 1·s′₁)/3, node 2 = (o′₁ + 0.5·o′₂)/1.5. */
    @Test
    void weightsWeightTheMean() {
        check(new double[] {2, 1, 0.5});
    }

    /** A lone light edge: Σw = 0.25 < 1 is not scaled up (the denominator is max(Σw, 1)). */
    @Test
    void lightNodesAreNotScaledUp() {
        check(new double[] {0.25, 0.25, 0.25});
    }

    private static void check(double[] w) {
        try (MemoryScope scope = MemoryScope.open()) {
            GraphTripleConv conv = new GraphTripleConv(D, H, DType.F64, Device.cpu(), new SplittableRandom(3));
            SplittableRandom r = new SplittableRandom(5);
            Tensor objs = rand(4, D, r);
            Tensor preds = rand(3, D, r);
            long[] s = {0, 1, 0};
            long[] o = {1, 2, 2};
            Tensor wt = Tensor.of(w, 3);
            GraphTripleConv.Out out = conv.forward(objs, preds, Tensor.ofLongs(s, 3), Tensor.ofLongs(o, 3), wt);

            double[][] sp = new double[3][];
            double[][] op = new double[3][];
            double[][] pp = new double[3][];
            for (int t = 0; t < 3; t++) {
                Tensor row = Assemble.cat(java.util.List.of(objs.narrow(0, (int) s[t], 1), preds.narrow(0, t, 1),
                        objs.narrow(0, (int) o[t], 1)), 1);
                double[] h = net1(conv).forward(row).toDoubleArray();
                sp[t] = java.util.Arrays.copyOfRange(h, 0, H);
                pp[t] = java.util.Arrays.copyOfRange(h, H, H + D);
                op[t] = java.util.Arrays.copyOfRange(h, H + D, 2 * H + D);
            }
            double[] pooled = new double[4 * H];
            double[] total = new double[4];
            for (int t = 0; t < 3; t++) {
                for (int k = 0; k < H; k++) {
                    pooled[(int) s[t] * H + k] += w[t] * sp[t][k];
                    pooled[(int) o[t] * H + k] += w[t] * op[t][k];
                }
                total[(int) s[t]] += w[t];
                total[(int) o[t]] += w[t];
            }
            for (int i = 0; i < 4; i++) {
                for (int k = 0; k < H; k++) {
                    pooled[i * H + k] /= Math.max(total[i], 1);
                }
            }
            Tensor expectObjs = net2(conv).forward(Tensor.of(pooled, 4, H));
            TensorAsserts.assertClose(out.objects(), expectObjs, Tolerances.F64_EXACTISH, "pooled objects");
            double[] p = out.predicates().toDoubleArray();
            for (int t = 0; t < 3; t++) {
                for (int k = 0; k < D; k++) {
                    assertEquals(pp[t][k], p[t * D + k], 1e-12, "p′ of triple " + t);
                }
            }
        }
    }

    private static org.sgae.nn.Sequential net1(GraphTripleConv c) {
        return (org.sgae.nn.Sequential) c.children().get("net1");
    }

    private static org.sgae.nn.Sequential net2(GraphTripleConv c) {
        return (org.sgae.nn.Sequential) c.children().get("net2");
    }

    static Tensor rand(int n, int d, SplittableRandom r) {
        double[] v = new double[n * d];
        for (int i = 0; i < v.length; i++) {
            v[i] = r.nextDouble(-1, 1);
        }
        return Tensor.of(v, n, d);
    }
}
