package org.sgae.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.sgae.data.vg.VgDataset;
import org.sgae.train.DetectorBench;
import org.sgae.train.TrainRun;
import org.sgae.train.config.ConfigJson;
import org.sgae.train.config.Preset;
import org.sgae.train.config.TrainConfig;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code --preset}, {@code --set} and the data options, shared (as a picocli mixin) by the bench commands. */
final class BenchOptions {
    @Option(names = "--preset", description = "cpu or vg (default ${DEFAULT-VALUE})")
    Preset preset = Preset.CPU;

    @Option(names = "--set", paramLabel = "key=value", description = "override one config key")
    List<String> sets = new ArrayList<>();

    @Mixin
    DataOptions dataOptions;

    /** The resolved config; prints the CPU model first, since every bench number depends on it. */
    TrainConfig config() {
        TrainConfig cfg = ConfigJson.resolve(preset, null, sets);
        System.out.println("cpu: " + DetectorBench.cpuModel());
        return cfg;
    }

    /** The training set of {@code phase} (--data, else the config's synthetic world). */
    VgDataset trainSet(TrainConfig cfg, int phase) {
        return TrainRun.trainSet(cfg, phase, dataOptions.folder(cfg.world()));
    }
}
