package org.sgae.model.relation;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import org.sgae.train.SyntheticWorlds;
import org.sgae.train.config.ConfigJson;
import org.sgae.train.config.DetectorConfig;
import org.sgae.train.config.Preset;
import org.sgae.train.config.RelationConfig;
import org.sgae.train.config.SamplerConfig;
import org.sgae.train.config.TrainConfig;

/**
 * Tiny scene-graph configs derived from the cpu preset for fast tests: an 8-16-32-32 backbone, 2 anchor sizes, 32
 * ROIs per image into a 3×3-pooled 64-wide head without dropout, 10 detections, K 24, D 32, attention 16, union
 * pool 3; a small synthetic world of 64-px images.
 */
public final class TinySg {
    public static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());

    private TinySg() {
    }

    public static DetectorConfig detector(int classes) {
        DetectorConfig cpu = Preset.CPU.detector();
        return cpu.withBackbone(cpu.backbone().withBlocks(List.of(8, 16, 32, 32), List.of(1, 1, 1, 1)))
                .withRpn(cpu.rpn().withAnchors(cpu.rpn().anchors().withSizes(List.of(16, 32)))
                        .withSampler(new SamplerConfig(64, 0.5))
                        .withProposals(cpu.rpn().proposals().withTopN(200, 50, 100, 30)))
                .withRoiHeads(cpu.roiHeads().withSampler(new SamplerConfig(32, 0.25)).withHead(3, 64, 0, classes))
                .withPostProcess(cpu.postProcess().withDetectionsPerImg(10));
    }

    public static RelationConfig relation() {
        RelationConfig cpu = Preset.CPU.relation();
        return cpu.withRepn(new RelationConfig.Repn(24, 32, 32, false))
                .withFeatures(new RelationConfig.Features(32, 3, 2))
                .withGcn(new RelationConfig.Gcn(16, 2, 2, false));
    }

    /** The cpu preset with the tiny model, a world of {@code images} 64-px images, phase 2 of {@code iters}. */
    public static TrainConfig config(int images, int iters, int batch, List<String> more) {
        List<String> sets = new java.util.ArrayList<>(List.of("world.images=" + images, "world.size=64",
                "phase2.batchSize=" + batch, "phase2.iters=" + iters, "run.checkpointEvery=" + iters,
                "run.logEvery=" + iters));
        sets.addAll(more);
        TrainConfig c = ConfigJson.resolve(Preset.CPU, null, sets);
        return c.withModel(detector(c.model().roiHeads().numClasses())).withSg(relation()).validate();
    }

    public static Path world(TrainConfig cfg, Path root) {
        return SyntheticWorlds.ensure(cfg.world(), root, QUIET);
    }
}
