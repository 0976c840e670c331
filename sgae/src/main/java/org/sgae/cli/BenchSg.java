package org.sgae.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.sgae.train.SgBench;
import org.sgae.train.config.TrainConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The scene-graph side's speed benchmark (not a test: numbers depend on the machine). */
@Command(name = "bench-sg", mixinStandardHelpOptions = true,
        description = {"Phase-2 training step (detector + relation stage, lambda_img = 0) images/s with the time per",
            "stage, and inference images/s in SGGEN, SGCLS and PREDCLS, on in-memory batches of the synthetic world.",
            "Threads: -Dsgae.threads (default: all processors)."})
final class BenchSg implements Callable<Integer> {
    @Mixin
    BenchOptions bench;

    @Option(names = "--init", paramLabel = "DIR", description = "phase-0 checkpoint for the detector (default: "
            + "phase2.init, else random weights)")
    Path init;

    @Option(names = "--warmup", description = "untimed batches first (default ${DEFAULT-VALUE})")
    int warmup = 10;

    @Option(names = "--steps", description = "timed batches (default ${DEFAULT-VALUE})")
    int steps = 50;

    @Override
    public Integer call() {
        TrainConfig cfg = bench.config();
        Path from = init != null ? init : cfg.phase2().init() == null ? null : Path.of(cfg.phase2().init());
        SgBench.run(cfg, bench.trainSet(cfg, 2), from, warmup, steps, System.out);
        return 0;
    }
}
