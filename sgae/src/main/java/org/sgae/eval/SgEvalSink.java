package org.sgae.eval;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.sgae.data.vg.VgDataset;
import org.sgae.data.vg.VgGraph;

/**
 * One pass of a model (or baseline) over a split in one dump mode: each image's prediction is scored by the relation
 * evaluator (sgdet: SGGen and PhrDet, plus the detector AP of eval-spec §6 on its objects) and written to the dump;
 * {@link #finish} commits predictions-&lt;mode&gt;.jsonl.gz and writes results-&lt;mode&gt;.json in the output folder.
 * <pre>
 * try (SgEvalSink sink = SgEvalSink.open(testSet, "sgdet", checkpointDir.toString(), configSha256, outDir, false)) {
 *     for (int i = 0; i &lt; testSet.size(); i++) sink.add(i, prediction);   // boxes already in original pixels
 *     List&lt;SgResult&gt; results = sink.finish(System.out);
 * }
 * </pre>
 */
public final class SgEvalSink implements AutoCloseable {
    private final VgDataset ds;
    private final SgDumpHeader header;
    private final SgDumpWriter writer;
    private final List<SgEvaluator> evaluators = new ArrayList<>();
    private final List<DetectionAp.ImageGt> apGts = new ArrayList<>();
    private final List<DetectionAp.ImageDets> apDets = new ArrayList<>();
    private final Path outDir;
    private long evalNanos;
    private int next;

    private SgEvalSink(VgDataset ds, SgDumpHeader header, Path outDir, boolean sgbSkipEmpty) {
        this.ds = ds;
        this.header = header;
        this.outDir = outDir;
        for (SgMode m : SgMode.forDump(header.mode())) {
            evaluators.add(new SgEvaluator(m, header.numObjClasses(), header.numRelClasses(), sgbSkipEmpty));
        }
        this.writer = SgDumpWriter.open(outDir.resolve(header.fileName()), header);
    }

    /**
     * @param dumpMode     sgdet, sgcls or predcls
     * @param producer     the checkpoint (or baseline) that made the predictions, written to the dump header
     * @param configSha256 SHA-256 of its config (e.g. {@link SgDumps#sha256(byte[])} of config.json)
     */
    public static SgEvalSink open(VgDataset ds, String dumpMode, String producer, String configSha256, Path outDir,
                                  boolean sgbSkipEmpty) {
        return new SgEvalSink(ds, SgDumps.header(ds, dumpMode, producer, configSha256), outDir, sgbSkipEmpty);
    }

    public SgDumpHeader header() {
        return header;
    }

    /**
     * Image i of the split (in order, every image once): scored against its GT ({@link SgDumps#gt}) and written to
     * the dump. Boxes must be in original pixels ({@link SgBoxes#toOriginal}). Returns one per-image result per mode
     * (null entries for skipped images).
     */
    public List<SgImageRecall> add(int i, SgPrediction pred) {
        if (i != next) {
            throw new IllegalArgumentException("image " + i + ": images must come in split order, expected " + next);
        }
        VgGraph g = ds.raw(i);
        SgGt gt = SgDumps.gt(g);
        String where = "image " + i + " (image_id " + g.info().imageId() + ")";
        long t0 = System.nanoTime();
        List<SgImageRecall> out = new ArrayList<>();
        for (SgEvaluator ev : evaluators) {
            out.add(ev.add(where, gt, pred));
        }
        if ("sgdet".equals(header.mode())) {
            double[] scores = new double[pred.scores().length];
            for (int k = 0; k < scores.length; k++) {
                scores[k] = pred.scores()[k];
            }
            apGts.add(new DetectionAp.ImageGt(gt.boxes(), gt.labels()));
            apDets.add(new DetectionAp.ImageDets(pred.boxes(), scores, pred.labels()));
        }
        evalNanos += System.nanoTime() - t0;
        writer.write(new SgDumpImage(i, g.info().imageId(), g.info().width(), g.info().height(), pred, gt));
        next++;
        return out;
    }

    /** Seconds spent scoring so far (not writing). */
    public double evalSeconds() {
        return evalNanos / 1e9;
    }

    /** Commits the dump, writes results-&lt;mode&gt;.json (with AP50/AP for sgdet), prints the table; returns the results. */
    public List<SgResult> finish(PrintStream console) {
        Path dump = writer.commit();
        List<SgResult> results = new ArrayList<>();
        for (SgEvaluator ev : evaluators) {
            results.add(ev.result());
        }
        Map<String, Object> source = new LinkedHashMap<>();
        source.put("dump", dump.toAbsolutePath().toString());
        source.put("dumpMode", header.mode());
        source.put("dataset", header.datasetName());
        source.put("split", header.split());
        source.put("numImages", header.numImages());
        source.put("dictsSha256", header.dictsSha256());
        source.put("checkpoint", header.checkpoint());
        source.put("configSha256", header.configSha256());
        if (!apGts.isEmpty()) {
            DetectionAp.Result ap = DetectionAp.evaluate(apGts, apDets);
            source.put("detectorAp50", ap.ap50());
            source.put("detectorAp", ap.ap());
            console.printf(Locale.ROOT, "detector on the SGGen objects: AP50 %.4f AP[.5:.95] %.4f%n", ap.ap50(),
                    ap.ap());
        }
        Path file = SgEvalRun.resultsFile(dump, outDir);
        SgResultsJson.write(file, source, results);
        console.println(SgEvalRun.table(results));
        console.printf(Locale.ROOT, "%s split, %d images; scoring %.2f s; dump %s; results %s%n", header.split(),
                header.numImages(), evalSeconds(), dump, file);
        return results;
    }

    @Override
    public void close() {
        writer.close();
    }
}
