package org.sgae.model.relation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sgae.nn.Init;
import org.sgae.nn.Parameter;
import org.sgae.tensor.Tensor;
import org.sgae.tensor.Tolerances;
import org.sgae.tensor.memory.MemoryScope;
import org.sgae.train.config.RelationConfig;
import org.sgae.train.config.TrainConfig;

/** The outputs of §6 in the three modes: shapes, RePN order, softmax rows, GT substitution, obj.source. */
class SceneGraphInferenceTest {
    private static final List<Tensor> IMAGES = new ArrayList<>();
    private static final List<float[]> BOXES = new ArrayList<>();
    private static final List<int[]> LABELS = new ArrayList<>();

    @BeforeAll
    static void data() {
        for (SceneGraphTrainingTest.Sample s : SceneGraphTrainingTest.world(3).subList(0, 3)) {
            IMAGES.add(s.image());
            BOXES.add(s.target().boxes());
            LABELS.add(s.target().labels());
        }
    }

    /** The tiny model with unit-scale random weights (so detections and labels are not all ties), in eval mode. */
    private static SceneGraphModel model(TrainConfig cfg) {
        SceneGraphModel m = SceneGraphModel.create(cfg);
        SplittableRandom r = new SplittableRandom(8);
        for (Parameter p : m.relation().parameters()) {
            Init.normal(p.data(), 0, 0.3, r);
        }
        m.eval();
        return m;
    }

    private static List<SceneGraphPrediction> run(SceneGraphModel m, SgMode mode) {
        try (MemoryScope scope = MemoryScope.open()) {
            return m.infer(IMAGES, BOXES, LABELS, mode);
        }
    }

    private static void checkShapes(SceneGraphPrediction p, int classes, int predicates, int topK) {
        int n = p.numObjects();
        assertEquals(4 * n, p.boxes().length);
        assertEquals(n, p.scores().length);
        assertEquals(Math.min(topK, n * (n - 1)), p.numPairs());
        assertEquals(p.numPairs() * predicates, p.relScores().length);
        for (int l : p.labels()) {
            assertTrue(l >= 1 && l < classes);
        }
        for (int k = 0; k < p.numPairs(); k++) {
            int s = p.relPairs()[2 * k];
            int o = p.relPairs()[2 * k + 1];
            assertTrue(s != o && s >= 0 && o >= 0 && s < n && o < n);
            double sum = 0;
            for (int q = 0; q < predicates; q++) {
                sum += p.relScores()[k * predicates + q];
            }
            assertEquals(1.0, sum, Tolerances.F32_VS_REF.atol() * predicates);
        }
    }

    @Test
    void modesGiveTheOutputsOfSection6() {
        TrainConfig cfg = SceneGraphTrainingTest.config();
        SceneGraphModel m = model(cfg);
        int c = cfg.model().roiHeads().numClasses();
        int p = cfg.sg().rel().numPredicates();
        int k = cfg.sg().repn().topK();
        for (SgMode mode : SgMode.values()) {
            List<SceneGraphPrediction> preds = run(m, mode);
            assertEquals(IMAGES.size(), preds.size());
            for (int i = 0; i < preds.size(); i++) {
                checkShapes(preds.get(i), c, p, k);
                if (mode.gtBoxes()) {
                    assertArrayEquals(BOXES.get(i), preds.get(i).boxes(), 0f);
                }
                // the evaluator accepts it as is (boxes doubled to a 128-px original)
                org.sgae.eval.SgPrediction e = preds.get(i).toEval(64, 64, 128, 128);
                e.validate("image " + i, c, p);
                assertEquals(2 * preds.get(i).boxes()[2], e.boxes()[2], 0f);
                if (mode == SgMode.PREDCLS) {
                    assertArrayEquals(LABELS.get(i), preds.get(i).labels());
                    assertArrayEquals(new float[] {1f, 1f}, preds.get(i).scores(), 0f);
                }
            }
        }
        // SGGEN: REFINED boxes are the output label's decoded boxes; where the label agrees with the detector's, the
        // box is the detection's box (DETECTOR source)
        List<SceneGraphPrediction> refined = run(m, SgMode.SGGEN);
        SceneGraphModel det = model(cfg.withSg(cfg.sg().withObj(new RelationConfig.Obj(
                RelationConfig.ObjSource.DETECTOR))));
        List<SceneGraphPrediction> detector = run(det, SgMode.SGGEN);
        int same = 0;
        for (int i = 0; i < refined.size(); i++) {
            SceneGraphPrediction a = refined.get(i);
            SceneGraphPrediction b = detector.get(i);
            assertArrayEquals(b.relPairs(), a.relPairs());
            for (int j = 0; j < a.numObjects(); j++) {
                if (a.labels()[j] == b.labels()[j]) {
                    same++;
                    for (int q = 0; q < 4; q++) {
                        assertEquals(b.boxes()[4 * j + q], a.boxes()[4 * j + q], 1e-4, "image " + i + " det " + j);
                    }
                }
            }
        }
        assertTrue(same > 0);
    }

    @Test
    void scoreInTripletScalesByRelatednessAndBadInputsAreNamed() {
        TrainConfig cfg = SceneGraphTrainingTest.config();
        TrainConfig withR = cfg.withSg(cfg.sg().withRepn(new RelationConfig.Repn(cfg.sg().repn().topK(),
                cfg.sg().repn().hidden(), cfg.sg().repn().out(), true)));
        List<SceneGraphPrediction> plain = run(model(cfg), SgMode.PREDCLS);
        List<SceneGraphPrediction> scaled = run(model(withR), SgMode.PREDCLS);
        int p = cfg.sg().rel().numPredicates();
        for (int i = 0; i < plain.size(); i++) {
            for (int k = 0; k < plain.get(i).numPairs(); k++) {
                double sumScaled = 0;
                double sumPlain = 0;
                for (int q = 0; q < p; q++) {
                    sumScaled += scaled.get(i).relScores()[k * p + q];
                    sumPlain += plain.get(i).relScores()[k * p + q];
                }
                double ratio = sumScaled / sumPlain; // r_k: the rows sum to 1 before scaling
                assertTrue(ratio > 0 && ratio < 1, "r_k in (0, 1), got " + ratio);
                for (int q = 0; q < p; q++) {
                    double want = ratio * plain.get(i).relScores()[k * p + q];
                    assertEquals(want, scaled.get(i).relScores()[k * p + q], Tolerances.F32_VS_REF.atol()
                            + Tolerances.F32_VS_REF.rtol() * Math.abs(want));
                }
            }
        }
        SceneGraphModel m = model(cfg);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> m.infer(IMAGES, BOXES, null, SgMode.PREDCLS));
        assertTrue(e.getMessage().startsWith("PREDCLS: needs the GT labels"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> m.infer(IMAGES, null, null, SgMode.SGCLS));
        assertTrue(e.getMessage().startsWith("SGCLS: needs the GT boxes"), e.getMessage());
    }
}
