package org.sgae.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import org.sgae.data.vg.VgDataset;
import org.sgae.data.vg.VgSplit;
import org.sgae.eval.FreqPredictor;
import org.sgae.eval.SgMode;
import org.sgae.train.config.Preset;
import picocli.CommandLine.Option;

/**
 * {@code sgae eval --mode sggen|phrdet|sgcls|predcls|all --checkpoint F}: a phase-2 checkpoint scored in the
 * asked protocols with the FREQ rows and the detector's AP ({@link SgModelEval}). A picocli mixin of
 * {@link Main.Eval}.
 */
final class SgModelEvalOptions {
    @Option(names = "--mode", paramLabel = "MODE", split = ",",
            description = {"score a phase-2 checkpoint: sggen, phrdet, sgcls, predcls or all (comma-separated);",
                "writes predictions-<mode>.jsonl.gz, results-<mode>.json, freq/ (the FREQ rows on the same objects)",
                "and detector-ap-<split>.json to --out (default: <run>/eval-<split>)"})
    java.util.List<String> modes = new java.util.ArrayList<>();

    @Option(names = "--no-freq", description = "leave out the FREQ rows")
    boolean noFreq;

    boolean requested() {
        return !modes.isEmpty();
    }

    /** The protocols named by --mode. */
    static Set<SgMode> protocols(java.util.List<String> names) {
        Set<SgMode> out = EnumSet.noneOf(SgMode.class);
        for (String n : names) {
            if (n.equalsIgnoreCase("all")) {
                out.addAll(EnumSet.allOf(SgMode.class));
            } else {
                out.add(SgMode.parse(n.strip()));
            }
        }
        return out;
    }

    /** The run folder of checkpoint folder {@code <run>/checkpoints/iter-N}, else the folder itself. */
    static Path runFolder(Path ckpt) {
        Path parent = ckpt.toAbsolutePath().getParent();
        return parent != null && parent.getFileName() != null && parent.getFileName().toString().equals("checkpoints")
                && parent.getParent() != null ? parent.getParent() : ckpt;
    }

    int run(Path checkpoint, Preset preset, DataOptions data, VgSplit split, Path out, PrintStream console) {
        if (checkpoint == null) {
            throw new IllegalArgumentException("--mode needs --checkpoint DIR (a phase-2 run or checkpoint folder)");
        }
        Set<SgMode> protocols = protocols(modes);
        SgCheckpoint m = SgCheckpoint.load(checkpoint, preset);
        Path dir = data.folder(m.cfg().world());
        VgDataset ds = VgDataset.open(m.cfg().preset().split(dir, split));
        FreqPredictor freq = noFreq ? null : FreqPredictor.fromTrainSplit(dir,
                m.cfg().preset().validationImages());
        Path outDir = out != null ? out : runFolder(m.dir()).resolve("eval-" + split.name().toLowerCase(Locale.ROOT));
        SgModelEval.run(m, ds, SgModelEval.inferenceModes(protocols), freq, outDir, console);
        return 0;
    }
}
