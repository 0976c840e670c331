package org.sgae.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import org.sgae.model.joint.JointModel;
import org.sgae.train.DetectorBench;
import org.sgae.train.JointBench;
import org.sgae.train.TrainRun;
import org.sgae.train.config.ConfigJson;
import org.sgae.train.config.Preset;
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
    @Option(names = "--preset", description = "cpu or vg (default ${DEFAULT-VALUE})")
    Preset preset = Preset.CPU;

    @Option(names = "--set", paramLabel = "key=value", description = "override one config key")
    List<String> sets = new ArrayList<>();

    @Option(names = "--warmup", description = "untimed batches first (default ${DEFAULT-VALUE})")
    int warmup = 5;

    @Option(names = "--steps", description = "timed batches, twice: plain, then instrumented (default ${DEFAULT-VALUE})")
    int steps = 20;

    @Mixin
    DataOptions dataOptions;

    @Override
    public Integer call() {
        TrainConfig cfg = ConfigJson.resolve(preset, null, sets);
        System.out.println("cpu: " + DetectorBench.cpuModel());
        boolean init = cfg.phase2().init() != null && cfg.phase2().initGenerator() != null;
        JointModel model = init ? JointModel.forPhase2(cfg) : JointModel.create(cfg);
        JointBench.run(cfg, model, TrainRun.trainSet(cfg, 2, dataOptions.folder(cfg.world())), warmup, steps,
                System.out);
        return 0;
    }
}
