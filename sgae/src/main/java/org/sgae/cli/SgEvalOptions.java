package org.sgae.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.sgae.data.vg.VgSplit;
import org.sgae.eval.SgEvalRun;
import org.sgae.train.config.ConfigJson;
import org.sgae.train.config.Preset;
import org.sgae.train.config.TrainConfig;
import picocli.CommandLine.Option;

/**
 * The scene-graph evaluations of {@code sgae eval} that need no model (eval-spec §5, §8): {@code --dump FILE...}
 * re-scores dump files, {@code --freq} runs the FREQ baseline in PredCls. A picocli mixin of {@link Main.Eval}.
 */
final class SgEvalOptions {
    @Option(names = "--dump", arity = "1..*", paramLabel = "FILE",
            description = {"re-score prediction dumps (predictions-<mode>.jsonl.gz, eval-spec §8) without a model;",
                "an sgdet dump gives SGGen and PhrDet; writes results-<mode>.json beside each dump (or to --out)"})
    List<Path> dumps = new ArrayList<>();

    @Option(names = "--freq", description = {"the FREQ baseline (neural-motifs) in PredCls on --split: writes",
        "predictions-predcls.jsonl.gz and results-predcls.json to --out (default runs/freq-<split>)"})
    boolean freq;

    @Option(names = "--sgb-skip-empty",
            description = "skip images with GT but no predicted pair, as SGB does (default: they count recall 0)")
    boolean sgbSkipEmpty;

    /** Whether a scene-graph evaluation was asked for. */
    boolean requested() {
        return freq || !dumps.isEmpty();
    }

    /** Runs what was asked; --data / --preset pick the data set for --freq. */
    int run(DataOptions data, Preset preset, VgSplit split, Path out, PrintStream console) {
        if (freq && !dumps.isEmpty()) {
            throw new IllegalArgumentException("give either --dump or --freq, not both");
        }
        if (freq) {
            Preset p = preset != null ? preset : Preset.CPU;
            TrainConfig cfg = ConfigJson.resolve(p, null, List.of());
            Path dir = data.folder(cfg.world());
            Path outDir = out != null ? out : Path.of("runs", "freq-" + split.name().toLowerCase(java.util.Locale.ROOT));
            SgEvalRun.freqPredCls(dir, p.validationImages(), split, sgbSkipEmpty, outDir, console);
            return 0;
        }
        for (Path d : dumps) {
            SgEvalRun.evaluateAndWrite(d, sgbSkipEmpty, out, console);
        }
        return 0;
    }
}
