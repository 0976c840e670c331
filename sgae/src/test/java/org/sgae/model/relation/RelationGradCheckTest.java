package org.sgae.model.relation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.sgae.autograd.GradCheck;
import org.sgae.model.detector.FasterRcnn;
import org.sgae.model.detector.ImageSize;
import org.sgae.model.detector.roi.Detections;
import org.sgae.nn.Init;
import org.sgae.nn.Parameter;
import org.sgae.tensor.DType;
import org.sgae.tensor.Device;
import org.sgae.tensor.Tensor;
import org.sgae.train.config.Preset;
import org.sgae.train.config.RelationConfig;

/**
 * F64 finite-difference check of L_repn + L_obj + L_rel through RePN, the object and union features, both aGCN levels
 * (attention included), the classifiers and the frequency bias, with respect to every relation-stage parameter and
 * to the detector-side inputs (class logits, fc7 rows, backbone features). Two images with fixed boxes (3 and 4
 * detections) and K = 4 < N(N−1), so RePN's selection matters; unit-scale weights keep every path's gradient far above
 * GradCheck's absolute floor and the selection and argmax far from ties relative to the 1e-6 step.
 */
class RelationGradCheckTest {
    static final int CLASSES = 4;
    static final int PREDICATES = 3;
    static final int REP = 6;
    static final int CHANNELS = 2;

    static RelationConfig tinyConfig() {
        RelationConfig cpu = Preset.CPU.relation();
        return cpu.withRepn(new RelationConfig.Repn(4, 5, 4, false))
                .withFeatures(new RelationConfig.Features(4, 2, 2))
                .withGcn(new RelationConfig.Gcn(3, 2, 2, false))
                .withRel(new RelationConfig.Rel(PREDICATES, true, true));
    }

    @Test
    void relationLossesMatchFiniteDifferences() {
        SplittableRandom r = new SplittableRandom(31);
        RelationHead head = new RelationHead(tinyConfig(), CLASSES, REP, CHANNELS, 16, DType.F64, Device.cpu(), r);
        List<Tensor> params = new ArrayList<>();
        for (Parameter p : head.parameters()) {
            Init.normal(p.data(), 0, 0.5, r);
            params.add(p.data());
        }
        float[][] gt = {{2, 2, 20, 20, 30, 4, 60, 30, 10, 35, 40, 60}, {5, 5, 25, 25, 30, 30, 60, 60, 2, 40, 20, 62,
            40, 2, 62, 20}};
        int[][] gtLabels = {{1, 2, 3}, {3, 1, 2, 2}};
        int[][] gtRels = {{0, 1, 1, 2, 0, 2, 1, 2, 1}, {0, 1, 2, 1, 2, 1, 3, 0, 1, 2, 3, 2}};
        List<Tensor> inputs = new ArrayList<>(params);
        List<Tensor> logits = new ArrayList<>();
        List<Tensor> fc7 = new ArrayList<>();
        for (float[] g : gt) {
            int n = g.length / 4;
            logits.add(Init.normal(Tensor.zeros(n, CLASSES).to(DType.F64), 0, 1, r).requiresGrad(true));
            fc7.add(Init.normal(Tensor.zeros(n, REP).to(DType.F64), 0, 1, r).requiresGrad(true));
        }
        Tensor features = Init.normal(Tensor.zeros(2, CHANNELS, 4, 4).to(DType.F64), 0, 1, r).requiresGrad(true);
        inputs.addAll(logits);
        inputs.addAll(fc7);
        inputs.add(features);
        List<float[]> boxes = new ArrayList<>();
        for (float[] g : gt) { // detections: the GT boxes shifted by 2 px (IoU ≈ 0.7–0.8)
            float[] b = g.clone();
            for (int k = 0; k < b.length; k++) {
                b[k] += 2;
            }
            boxes.add(b);
        }
        List<SgTargets> holder = new ArrayList<>();
        java.util.function.Function<Tensor[], Tensor> loss = in -> {
            List<Detections> dets = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                int n = boxes.get(i).length / 4;
                dets.add(new Detections(new int[n], new int[n], new float[n], boxes.get(i), logits.get(i),
                        fc7.get(i), null));
            }
            FasterRcnn.RelationInputs ri = new FasterRcnn.RelationInputs(null, dets, features,
                    List.of(new ImageSize(64, 64), new ImageSize(64, 64)));
            RelationHead.Output out = head.forward(ri, null);
            List<int[]> detLabels = new ArrayList<>();
            List<int[]> pairLabels = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                int[] map = RelationTargets.relationMap(gtLabels[i].length, gtRels[i], new SplittableRandom(1));
                detLabels.add(RelationTargets.detectionLabels(boxes.get(i), gt[i], gtLabels[i], 0.5));
                pairLabels.add(RelationTargets.pairLabels(boxes.get(i), gt[i], map, 0.5));
            }
            SgTargets t = new SgTargets(detLabels, pairLabels);
            holder.add(t);
            Map<String, Tensor> l = SgLosses.compute(out, t, true);
            return l.get("repn").add(l.get("obj")).add(l.get("rel"));
        };
        Tensor value = loss.apply(inputs.toArray(new Tensor[0]));
        assertTrue(value.item() > 0);
        // every term takes part: foreground pairs exist among the kept ones and every detection is matched
        SgTargets t = holder.get(0);
        int fg = 0;
        for (int[] p : t.pairLabels()) {
            for (int v : p) {
                fg += v > 0 ? 1 : 0;
            }
        }
        assertTrue(fg >= 4, "foreground pairs: " + fg);
        assertEquals(0, java.util.Arrays.stream(t.detectionLabels().get(0)).filter(v -> v == 0).count());
        GradCheck.assertGradients("relation stage", in -> loss.apply(in), inputs.toArray(new Tensor[0]));
    }
}
