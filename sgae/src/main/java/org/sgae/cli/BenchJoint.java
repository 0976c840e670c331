package org.sgae.cli;

import java.util.concurrent.Callable;

import org.sgae.model.joint.JointModel;
import org.sgae.train.GradSplit;
import org.sgae.train.JointBench;
import org.sgae.train.config.TrainConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Phase 2's joint step speed (not a test: numbers depend on the machine). */
@Command(name = "bench-joint", mixinStandardHelpOptions = true,
        description = {"Phase-2 joint training step images/s (SG + generator + discriminators) with the time per stage,",
            "on in-memory batches of the synthetic world. Weights from phase2.init / phase2.initGenerator when both",
            "are set, else random. Threads: -Dsgae.threads (default: all processors)."})
final class BenchJoint implements Callable<Integer> {
    @Mixin
    BenchOptions bench;

    @Option(names = "--warmup", description = "untimed batches first (default ${DEFAULT-VALUE})")
    int warmup = 5;

    @Option(names = "--steps", description = "timed batches, twice: plain, then instrumented (default ${DEFAULT-VALUE})")
    int steps = 20;

    @Option(names = "--grad-split", paramLabel = "N", description = "instead of timing: the gradients of L_SG and of"
            + " L_G (λ_img = 1) on the scene-graph parameters over N batches, per group: norms and cosine")
    int gradSplit;

    @Option(names = "--checkpoint", paramLabel = "DIR", description = "with --grad-split: a phase-2 joint checkpoint"
            + " (or run folder) to diagnose, with its own config")
    java.nio.file.Path checkpoint;

    @Override
    public Integer call() {
        if (checkpoint != null && gradSplit <= 0) {
            throw new IllegalArgumentException("--checkpoint goes with --grad-split N");
        }
        JointModel model;
        TrainConfig cfg;
        if (checkpoint != null) {
            model = JointModel.fromCheckpoint(checkpoint);
            cfg = model.config();
        } else {
            cfg = bench.config();
            boolean init = cfg.phase2().init() != null && cfg.phase2().initGenerator() != null;
            model = init ? JointModel.forPhase2(cfg) : JointModel.create(cfg);
        }
        if (gradSplit > 0) {
            var rows = GradSplit.run(model, JointBench.batches(cfg, bench.trainSet(cfg, 2), gradSplit), cfg.seed());
            GradSplit.print(rows, gradSplit, System.out);
            return 0;
        }
        JointBench.run(cfg, model, bench.trainSet(cfg, 2), warmup, steps, System.out);
        return 0;
    }
}
