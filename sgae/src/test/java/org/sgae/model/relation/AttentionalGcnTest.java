package org.sgae.model.relation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.sgae.nn.Init;
import org.sgae.nn.Parameter;
import org.sgae.tensor.DType;
import org.sgae.tensor.Device;
import org.sgae.tensor.Tensor;
import org.sgae.tensor.Tolerances;
import org.sgae.tensor.ops.Elementwise;

/** The aGCN's graph (§5): edge types, attention normalised per receiver and type, empty neighbour sets. */
class AttentionalGcnTest {
    // image 0: 4 detections, pairs (0,1), (1,0), (2,1); detection 3 has no pair. image 1: 2 detections, (1,0).
    private static final List<int[]> PAIRS = List.of(new int[] {0, 1, 1, 0, 2, 1}, new int[] {1, 0});
    private static final int[] COUNTS = {4, 2};

    @Test
    void graphHasTheFiveEdgeTypes() {
        RelationGraph g = RelationGraph.build(COUNTS, PAIRS);
        assertEquals(6, g.numObjects());
        assertEquals(4, g.numRelations());
        assertArrayEquals(new long[] {0, 1, 2, 5}, g.subjects());
        assertArrayEquals(new long[] {1, 0, 1, 4}, g.objects());
        // oo: 0←1, 1←0, 1←2, 2←1, 4←5, 5←4 (the pair (0,1) and (1,0) make one neighbour each way)
        assertArrayEquals(new long[] {0, 1, 1, 2, 4, 5}, g.oo().receivers());
        assertArrayEquals(new long[] {1, 0, 2, 1, 5, 4}, g.oo().senders());
        assertArrayEquals(new int[] {0, 1, 3, 4, 4, 5, 6}, g.oo().offsets());
        // os: object ← relations whose subject it is
        assertArrayEquals(new long[] {0, 1, 2, 5}, g.os().receivers());
        assertArrayEquals(new long[] {0, 1, 2, 3}, g.os().senders());
        // ob: object ← relations whose object it is (object 1 is the object of relations 0 and 2)
        assertArrayEquals(new long[] {0, 1, 1, 4}, g.ob().receivers());
        assertArrayEquals(new long[] {1, 0, 2, 3}, g.ob().senders());
    }

    @Test
    void attentionSumsToOnePerReceiverAndType() {
        RelationGraph g = RelationGraph.build(COUNTS, PAIRS);
        GraphTensors gt = new GraphTensors(g, Device.cpu());
        SplittableRandom r = new SplittableRandom(2);
        int d = 5;
        Tensor objects = Init.normal(Tensor.zeros(6, d).to(DType.F64), 0, 1, r);
        Tensor relations = Init.normal(Tensor.zeros(4, d).to(DType.F64), 0, 1, r);
        EdgeAttention att = new EdgeAttention(d, 3, DType.F64, Device.cpu(), r);
        for (Parameter p : att.parameters()) {
            Init.normal(p.data(), 0, 1, r); // unit-scale weights, so α is far from uniform
        }
        for (int t = 0; t < 3; t++) {
            Tensor senders = t == 0 ? objects : relations;
            double[] alpha = att.forward(objects, senders, gt.edges[t], gt.recv[t], gt.send[t], gt.offsets[t])
                    .toDoubleArray();
            int[] off = gt.edges[t].offsets();
            for (int recv = 0; recv < 6; recv++) {
                if (off[recv + 1] == off[recv]) {
                    continue;
                }
                double sum = 0;
                for (int e = off[recv]; e < off[recv + 1]; e++) {
                    sum += alpha[e];
                }
                assertEquals(1.0, sum, Tolerances.F64_EXACTISH.atol(), "type " + t + " receiver " + recv);
            }
        }
        // receiver 1 has two oo neighbours with different scores: not a uniform split
        double[] oo = att.forward(objects, objects, gt.edges[0], gt.recv[0], gt.send[0], gt.offsets[0])
                .toDoubleArray();
        org.junit.jupiter.api.Assertions.assertNotEquals(0.5, oo[1], 1e-3);
    }

    @Test
    void emptyNeighbourSetContributesExactlyZero() {
        RelationGraph g = RelationGraph.build(COUNTS, PAIRS);
        GraphTensors gt = new GraphTensors(g, Device.cpu());
        SplittableRandom r = new SplittableRandom(3);
        int d = 4;
        Tensor objects = Init.normal(Tensor.zeros(6, d).to(DType.F64), 0, 1, r);
        Tensor relations = Init.normal(Tensor.zeros(4, d).to(DType.F64), 0, 1, r);
        FeatureStep step = new FeatureStep(d, 3, DType.F64, Device.cpu(), r);
        for (Parameter p : step.parameters()) {
            Init.normal(p.data(), 0, 1, r);
        }
        FeatureStep.Output o = step.forward(objects, relations, gt);
        double[] in = Elementwise.relu(objects).toDoubleArray();
        double[] out = o.objects().toDoubleArray();
        for (int c = 0; c < d; c++) {
            // detection 3 of image 0 has no neighbour of any type: z³ = ReLU(z³ + 0), bit for bit
            assertEquals(in[3 * d + c], out[3 * d + c], 0.0);
        }
        // a connected one does move
        double moved = 0;
        for (int c = 0; c < d; c++) {
            moved += Math.abs(in[d + c] - out[d + c]);
        }
        org.junit.jupiter.api.Assertions.assertTrue(moved > 1e-3);
        // a type without any edge in the batch: no α, no contribution
        RelationGraph lonely = RelationGraph.build(new int[] {3}, List.of(new int[0]));
        GraphTensors lg = new GraphTensors(lonely, Device.cpu());
        FeatureStep.Output lo = step.forward(objects.narrow(0, 0, 3), null, lg);
        assertNull(lo.alpha()[0]);
        assertNull(lo.relations());
        assertArrayEquals(Elementwise.relu(objects.narrow(0, 0, 3)).toDoubleArray(), lo.objects().toDoubleArray(),
                0.0);
    }
}
