package org.sgae.eval;

import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.sgae.data.vg.FrequencyStats;
import org.sgae.data.vg.VgConfig;
import org.sgae.data.vg.VgDataset;
import org.sgae.data.vg.VgSplit;

/**
 * The relation evaluations that need no model: re-scoring dump files, and the FREQ baseline in PredCls on a split
 * (which writes its own dump and results).
 */
public final class SgEvalRun {
    private static final double NANOS = 1e9;

    private SgEvalRun() {
    }

    /**
     * The results of one dump.
     *
     * @param evalSeconds time spent in the evaluator (validation, ranking and matching), reading excluded
     * @param seconds     wall time including reading the dump
     */
    public record DumpOutcome(Path dump, SgDumpHeader header, List<SgResult> results, Path resultsFile,
                              double evalSeconds, double seconds) {
    }

    /** results-&lt;mode&gt;.json for predictions-&lt;mode&gt;.jsonl.gz, in {@code outDir} or beside the dump. */
    public static Path resultsFile(Path dump, Path outDir) {
        String name = dump.getFileName().toString();
        name = name.endsWith(".jsonl.gz") ? name.substring(0, name.length() - ".jsonl.gz".length()) : name;
        name = (name.startsWith("predictions") ? "results" + name.substring("predictions".length()) : name + "-results")
                + ".json";
        Path dir = outDir != null ? outDir : dump.toAbsolutePath().getParent();
        return dir.resolve(name);
    }

    /** Scores every mode a dump holds (sgdet: SGGen and PhrDet) from its own GT, without writing anything. */
    public static DumpOutcome evaluate(Path dump, boolean sgbSkipEmpty) {
        long t0 = System.nanoTime();
        long evalNanos = 0;
        try (SgDumpReader r = SgDumpReader.open(dump)) {
            SgDumpHeader h = r.header();
            List<SgEvaluator> evs = new ArrayList<>();
            for (SgMode m : SgMode.forDump(h.mode())) {
                evs.add(new SgEvaluator(m, h.numObjClasses(), h.numRelClasses(), sgbSkipEmpty));
            }
            int line = 1;
            for (SgDumpImage img = r.next(); img != null; img = r.next()) {
                line++;
                String where = dump + " line " + line;
                if (img.gt() == null) {
                    throw new SgDumpReader.DumpFormatException(where + " field gt: missing (re-scoring a dump needs"
                            + " the GT it was written with)");
                }
                long e0 = System.nanoTime();
                for (SgEvaluator ev : evs) {
                    ev.add(where, img.gt(), img.pred());
                }
                evalNanos += System.nanoTime() - e0;
            }
            List<SgResult> results = new ArrayList<>();
            for (SgEvaluator ev : evs) {
                results.add(ev.result());
            }
            return new DumpOutcome(dump, h, results, null, evalNanos / NANOS, (System.nanoTime() - t0) / NANOS);
        }
    }

    /** {@link #evaluate}, then prints the table and writes results JSON ({@link #resultsFile}). */
    public static DumpOutcome evaluateAndWrite(Path dump, boolean sgbSkipEmpty, Path outDir, PrintStream console) {
        DumpOutcome o = evaluate(dump, sgbSkipEmpty);
        Path file = resultsFile(dump, outDir);
        Map<String, Object> source = new LinkedHashMap<>();
        source.put("dump", dump.toAbsolutePath().toString());
        source.put("dumpMode", o.header().mode());
        source.put("dataset", o.header().datasetName());
        source.put("split", o.header().split());
        source.put("numImages", o.header().numImages());
        source.put("dictsSha256", o.header().dictsSha256());
        source.put("checkpoint", o.header().checkpoint());
        source.put("configSha256", o.header().configSha256());
        SgResultsJson.write(file, source, o.results());
        console.println(table(o.results()));
        console.printf(Locale.ROOT, "%s: %s split, %d images; evaluation %.2f s (%.2f s with reading); results %s%n",
                dump, o.header().split(), o.header().numImages(), o.evalSeconds(), o.seconds(), file);
        return new DumpOutcome(dump, o.header(), o.results(), file, o.evalSeconds(), o.seconds());
    }

    /** The header line and one row per result (percentages, 4 decimals). */
    public static String table(List<SgResult> results) {
        StringBuilder sb = new StringBuilder(SgResult.header(results.get(0).ks()));
        for (SgResult r : results) {
            sb.append('\n').append(r.row());
        }
        return sb.toString();
    }

    /**
     * FREQ in PredCls on {@code split} of the data in {@code data}: statistics from its train split (the first
     * {@code numValIm} train images held out, as training does), every ordered GT pair scored by
     * {@link FreqPredictor}. Writes predictions-predcls.jsonl.gz and results-predcls.json to {@code outDir}, then
     * re-reads the dump and checks that it scores identically.
     */
    public static DumpOutcome freqPredCls(Path data, int numValIm, VgSplit split, boolean sgbSkipEmpty, Path outDir,
                                          PrintStream console) {
        long t0 = System.nanoTime();
        VgConfig base = VgConfig.of(data, VgSplit.TRAIN).withNumValIm(numValIm);
        FrequencyStats stats = FrequencyStats.compute(VgDataset.open(base));
        VgDataset ds = VgDataset.open(base.withSplit(split));
        FreqPredictor freq = new FreqPredictor(stats);
        SgResult direct;
        Path dump;
        try (SgEvalSink sink = SgEvalSink.open(ds, "predcls", freqProducer(data, numValIm), statsSha256(stats), outDir,
                sgbSkipEmpty)) {
            for (int i = 0; i < ds.size(); i++) {
                sink.add(i, freq.predCls(SgDumps.gt(ds.raw(i))));
            }
            direct = sink.finish(console).get(0);
            dump = outDir.resolve(sink.header().fileName());
            console.printf(Locale.ROOT, "FREQ PredCls: %.2f s of scoring for %d images (%.2f s per 1000 images)%n",
                    sink.evalSeconds(), ds.size(), 1000 * sink.evalSeconds() / Math.max(1, ds.size()));
        }
        DumpOutcome o = evaluate(dump, sgbSkipEmpty);
        if (!SgResultCompare.identical(direct, o.results().get(0))) {
            throw new IllegalStateException(dump + ": re-scoring the dump differs from the direct evaluation");
        }
        console.printf(Locale.ROOT, "dump re-scored identically (%.2f s with reading); total %.1f s%n", o.seconds(),
                (System.nanoTime() - t0) / NANOS);
        return new DumpOutcome(dump, o.header(), o.results(), resultsFile(dump, outDir), o.evalSeconds(),
                o.seconds());
    }

    /** The FREQ producer named in dump headers. */
    static String freqProducer(Path data, int numValIm) {
        return "FREQ (neural-motifs, train statistics of " + data + ", numValIm " + numValIm + ")";
    }

    /** SHA-256 of the FREQ statistics (fg then bg counts, big-endian longs): FREQ's "config". */
    static String statsSha256(FrequencyStats s) {
        ByteBuffer b = ByteBuffer.allocate(8 * (s.fg().length + s.bg().length + 2));
        b.putLong(s.numObjectClasses()).putLong(s.numPredicateClasses());
        for (long v : s.fg()) {
            b.putLong(v);
        }
        for (long v : s.bg()) {
            b.putLong(v);
        }
        return SgDumps.sha256(b.array());
    }
}
