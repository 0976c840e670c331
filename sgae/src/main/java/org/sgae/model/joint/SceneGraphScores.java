package org.sgae.model.joint;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.sgae.autograd.GradMode;
import org.sgae.data.pipeline.Batch;
import org.sgae.data.pipeline.BatchLoader;
import org.sgae.data.vg.VgDataset;
import org.sgae.data.vg.VgGraph;
import org.sgae.eval.FreqPredictor;
import org.sgae.eval.SgDumps;
import org.sgae.eval.SgEvaluator;
import org.sgae.eval.SgGt;
import org.sgae.eval.SgMode;
import org.sgae.eval.SgPrediction;
import org.sgae.eval.SgResult;
import org.sgae.model.detector.BatchInputs;
import org.sgae.model.detector.FasterRcnn;
import org.sgae.model.relation.SceneGraphModel;
import org.sgae.model.relation.SceneGraphPrediction;
import org.sgae.tensor.memory.MemoryScope;
import org.sgae.train.TrainRun;
import org.sgae.train.config.TrainConfig;

/**
 * The ablation's scene-graph evaluation (eval-spec §2–5 through {@link SgEvaluator}, no dump): a model's SGGen and
 * PhrDet predictions (eval mode, {@code SgMode.SGGEN} inference) and its PredCls predictions (GT boxes and labels),
 * boxes rescaled to original pixels, over the test split in order; beside them the FREQ baseline — PredCls from the
 * GT, SGGen/PhrDet on this model's objects ({@link FreqPredictor#replaceRelScores}).
 *
 * <p>Kept minimal on purpose: the full {@code sgae eval --mode} with a model and dumps belongs to the cli work; this
 * loop only feeds the same evaluator.
 */
public final class SceneGraphScores {
    private SceneGraphScores() {
    }

    /** Per protocol its result, for the model and for FREQ. */
    public record Result(Map<SgMode, SgResult> model, Map<SgMode, SgResult> freq) {
    }

    /** Scores {@code sg} on the first {@code maxImages} of {@code test} (all when ≤ 0). */
    public static Result run(SceneGraphModel sg, TrainConfig cfg, VgDataset test, FreqPredictor freq, int maxImages) {
        int c = cfg.model().roiHeads().numClasses();
        int p = cfg.sg().rel().numPredicates();
        Map<SgMode, SgEvaluator> ev = new LinkedHashMap<>();
        Map<SgMode, SgEvaluator> fr = new LinkedHashMap<>();
        for (SgMode m : List.of(SgMode.SGGEN, SgMode.PHRDET, SgMode.PREDCLS)) {
            ev.put(m, new SgEvaluator(m, c, p, false));
            fr.put(m, new SgEvaluator(m, c, p, false));
        }
        int limit = maxImages <= 0 ? test.size() : Math.min(maxImages, test.size());
        int at = 0;
        sg.eval();
        try (GradMode off = GradMode.disabled();
             BatchLoader loader = new BatchLoader(test, TrainRun.loader(cfg, cfg.phase2().batchSize())
                     .withShuffle(false), 0)) {
            while (loader.hasNext() && at < limit) {
                Batch b = loader.next();
                try (MemoryScope scope = MemoryScope.open()) {
                    List<FasterRcnn.Target> t = BatchInputs.targets(b);
                    List<float[]> boxes = new ArrayList<>();
                    List<int[]> labels = new ArrayList<>();
                    for (FasterRcnn.Target x : t) {
                        boxes.add(x.boxes());
                        labels.add(x.labels());
                    }
                    var images = BatchInputs.images(b);
                    List<SceneGraphPrediction> det = sg.infer(images, null, null,
                            org.sgae.model.relation.SgMode.SGGEN);
                    List<SceneGraphPrediction> pc = sg.infer(images, boxes, labels,
                            org.sgae.model.relation.SgMode.PREDCLS);
                    for (int i = 0; i < b.n() && at < limit; i++, at++) {
                        VgGraph g = test.raw(at);
                        SgGt gt = SgDumps.gt(g);
                        String where = "image " + at + " (image_id " + g.info().imageId() + ")";
                        int iw = b.imageWidths()[i];
                        int ih = b.imageHeights()[i];
                        SgPrediction d = det.get(i).toEval(iw, ih, g.info().width(), g.info().height());
                        SgPrediction q = pc.get(i).toEval(iw, ih, g.info().width(), g.info().height());
                        ev.get(SgMode.SGGEN).add(where, gt, d);
                        ev.get(SgMode.PHRDET).add(where, gt, d);
                        ev.get(SgMode.PREDCLS).add(where, gt, q);
                        SgPrediction fd = freq.replaceRelScores(d);
                        fr.get(SgMode.SGGEN).add(where, gt, fd);
                        fr.get(SgMode.PHRDET).add(where, gt, fd);
                        fr.get(SgMode.PREDCLS).add(where, gt, freq.predCls(gt));
                    }
                }
            }
        }
        Map<SgMode, SgResult> a = new LinkedHashMap<>();
        Map<SgMode, SgResult> f = new LinkedHashMap<>();
        ev.forEach((m, e) -> a.put(m, e.result()));
        fr.forEach((m, e) -> f.put(m, e.result()));
        return new Result(a, f);
    }
}
