package org.sgae.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import org.sgae.model.joint.Ablation;
import org.sgae.train.config.ConfigJson;
import org.sgae.train.config.Preset;
import org.sgae.train.config.TrainConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code sgae ablation}: phase 2 with λ_img = 0 and 1 per seed, scored and tabulated (issue 13). */
@Command(name = "ablation", mixinStandardHelpOptions = true,
        description = {"Runs phase 2 with joint.lambdaImg = 0 and = 1 from the same phase-0/phase-1 checkpoints",
            "(--set phase2.init=... --set phase2.initGenerator=...), per seed; scores SGGen/PhrDet R@20/50/100,",
            "SGGen mR@50, PredCls R@20 and mR@50 (FREQ beside them) and the image metrics on the test split; writes",
            "ablation-<world>.md and .json (mean ± 95 %% CI over seeds) into --out."})
final class AblationCommand implements Callable<Integer> {
    @Option(names = "--seeds", description = "seeds per lambda (default ${DEFAULT-VALUE})")
    int seeds = 3;

    @Option(names = "--world", description = "default, or noisy (missing-relation 0.5, wrong-predicate 0.2 on the"
            + " train split) (default ${DEFAULT-VALUE})")
    String world = "default";

    @Option(names = "--preset", description = "cpu or vg (default ${DEFAULT-VALUE})")
    Preset preset = Preset.CPU;

    @Option(names = "--set", paramLabel = "key=value", description = "override one config key")
    List<String> sets = new ArrayList<>();

    @Option(names = "--eval-images", paramLabel = "N", description = "test images scored per run (default: all)")
    int evalImages;

    @Option(names = "--out", paramLabel = "DIR", description = "output folder (default ${DEFAULT-VALUE})")
    Path out = Path.of("ablation");

    @Option(names = "--world-cache", paramLabel = "DIR",
            description = "synthetic world cache (default: ~/.cache/sgae/worlds)")
    Path worldCache;

    @Option(names = "--resume", description = "read back the arms that finished in --out, continue the one that was"
            + " cut off from its latest checkpoint, train the rest, and rewrite the tables")
    boolean resume;

    @Override
    public Integer call() {
        if (seeds < 1) {
            throw new IllegalArgumentException("--seeds must be >= 1, got " + seeds);
        }
        TrainConfig cfg = ConfigJson.resolve(preset, null, sets);
        Ablation.run(cfg, seeds, world, worldCache != null ? worldCache
                : org.sgae.train.SyntheticWorlds.defaultRoot(), out, evalImages, resume, System.out);
        return 0;
    }
}
