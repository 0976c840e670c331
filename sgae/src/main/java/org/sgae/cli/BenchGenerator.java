package org.sgae.cli;

import java.util.concurrent.Callable;

import org.sgae.train.GeneratorBench;
import org.sgae.train.config.GeneratorConfig;
import org.sgae.train.config.TrainConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The generator's speed benchmark of issue 13 (not a test: numbers depend on the machine). */
@Command(name = "bench-generator", mixinStandardHelpOptions = true,
        description = {"Phase-1 training images/s of the preset's generator and discriminators on in-memory batches",
            "of the synthetic world, with the time per stage; --crn instead times the CRN alone at batch 8",
            "forward+backward with the preset's dims and layout channels (vg: sg2im's 1024..64, 128+32 channels,",
            "the torch anchor's CRN case). Threads: -Dsgae.threads (default: all processors)."})
final class BenchGenerator implements Callable<Integer> {
    private static final int CRN_BATCH = 8;

    @Mixin
    BenchOptions bench;

    @Option(names = "--crn", description = "time the CRN alone (batch 8, forward + backward)")
    boolean crnOnly;

    @Option(names = "--warmup", description = "untimed batches or repetitions first (default 5)")
    int warmup = 5;

    @Option(names = "--steps", description = "timed batches or repetitions (default 20)")
    int steps = 20;

    @Override
    public Integer call() {
        TrainConfig cfg = bench.config();
        GeneratorConfig g = cfg.generator();
        if (crnOnly) {
            GeneratorBench.crn(CRN_BATCH, g.layoutChannels(), g.crnDims(), warmup, steps, System.out);
            return 0;
        }
        GeneratorBench.phase1(cfg, bench.trainSet(cfg, 1), warmup, steps, System.out);
        return 0;
    }
}
