package org.sgae.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sgae.model.generator.TinyGen;
import org.sgae.model.joint.JointModel;
import org.sgae.model.relation.TinySg;
import org.sgae.train.config.TrainConfig;

/**
 * The λ_img diagnostic: L_G reaches the scene-graph parameters only through the three coupling paths, so the RPN
 * (whose proposals the coupling detaches) gets none of it while the refined object classifier (soft labels), the
 * box predictor (decoded boxes) and RePN (triple weights) do; L_SG reaches all of them; cosines lie in [−1, 1]; and
 * the diagnostic changes nothing it measures (two runs give the same rows).
 */
class GradSplitTest {
    @TempDir
    static Path tmp;

    @Test
    void lGReachesTheCoupledGroupsAndNotTheRpn() {
        TrainConfig cfg = TinySg.config(8, 2, 2, List.of()).withGenerator(TinyGen.config()).validate();
        Path world = TinySg.world(cfg, tmp.resolve("worlds"));
        JointModel model = JointModel.create(cfg);
        var batches = JointBench.batches(cfg, TrainRun.trainSet(cfg, 2, world), 2);
        List<GradSplit.Row> rows = GradSplit.run(model, batches, cfg.seed());
        Map<String, GradSplit.Row> by = rows.stream().collect(Collectors.toMap(GradSplit.Row::group,
                Function.identity()));
        assertTrue(by.get("detector.rpn").sgNorm() > 0, "L_SG trains the RPN");
        assertEquals(0.0, by.get("detector.rpn").genNorm(), "the coupling detaches the proposals");
        for (String g : List.of("relation.gcn.objCls", "detector.roiHeads.predictor", "relation.repn")) {
            assertTrue(by.get(g).genNorm() > 0 && Double.isFinite(by.get(g).genNorm()), g + ": " + by.get(g));
            assertTrue(by.get(g).sgNorm() > 0, g);
            assertTrue(Math.abs(by.get(g).cosine()) <= 1 + 1e-9, g);
        }
        assertEquals(rows, GradSplit.run(model, batches, cfg.seed()), "nothing is updated by the diagnostic");
    }
}
