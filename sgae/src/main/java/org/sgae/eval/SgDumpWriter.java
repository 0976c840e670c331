package org.sgae.eval;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/**
 * Writes a prediction dump (eval-spec §8): gzip JSON Lines, the header then one line per split image in order, pairs
 * truncated to those that can matter for K ≤ topPairs. Floats are written as the shortest decimal that reads back as
 * the same float32 (Jackson's Schubfach writer, ≤ 9 significant digits). The file appears only on {@link #commit()}
 * (temporary file + move); {@link #close()} without a commit leaves nothing behind.
 * <pre>
 * try (SgDumpWriter w = SgDumpWriter.open(dir.resolve(header.fileName()), header)) {
 *     for (...) w.write(new SgDumpImage(i, imageId, width, height, prediction, gt));
 *     w.commit();
 * }
 * </pre>
 */
public final class SgDumpWriter implements AutoCloseable {
    private static final JsonFactory JSON = JsonFactory.builder()
            .enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER).build();

    private final Path file;
    private final SgDumpHeader header;
    private final AtomicFile target;
    private final GZIPOutputStream gzip;
    private final JsonGenerator gen;
    private int written;

    private SgDumpWriter(Path file, SgDumpHeader header) throws IOException {
        this.file = file;
        this.header = header;
        this.target = new AtomicFile(file);
        this.gzip = new GZIPOutputStream(target.stream(), 1 << 16);
        this.gen = JSON.createGenerator(gzip);
        gen.setRootValueSeparator(null);
    }

    /** Starts the dump at {@code file} (its folder is created) and writes the header line. */
    public static SgDumpWriter open(Path file, SgDumpHeader header) {
        try {
            SgDumpWriter w = new SgDumpWriter(file, header);
            w.writeHeader();
            return w;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the dump " + file, e);
        }
    }

    public Path file() {
        return file;
    }

    private void writeHeader() throws IOException {
        SgDumpHeader h = header;
        gen.writeStartObject();
        gen.writeStringField("format", SgDumpHeader.FORMAT);
        gen.writeNumberField("version", SgDumpHeader.VERSION);
        gen.writeStringField("mode", h.mode());
        gen.writeStringField("boxFrame", "original");
        gen.writeStringField("boxFormat", "xyxy");
        gen.writeBooleanField("iouPlusOne", true);
        gen.writeNumberField("numObjClasses", h.numObjClasses());
        gen.writeNumberField("numRelClasses", h.numRelClasses());
        gen.writeNumberField("topPairs", h.topPairs());
        gen.writeObjectFieldStart("dataset");
        gen.writeStringField("name", h.datasetName());
        gen.writeStringField("split", h.split());
        gen.writeNumberField("numImages", h.numImages());
        gen.writeStringField("dictsSha256", h.dictsSha256());
        gen.writeEndObject();
        gen.writeObjectFieldStart("model");
        gen.writeStringField("checkpoint", h.checkpoint());
        gen.writeStringField("configSha256", h.configSha256());
        gen.writeEndObject();
        gen.writeEndObject();
        gen.writeRaw('\n');
    }

    /**
     * Writes the next image (its i must be the count written so far). The prediction is validated and its pairs
     * truncated by {@link #truncate}; gt may be null (then the dump is not self-contained).
     */
    public void write(SgDumpImage img) {
        String where = file + " image " + img.i();
        if (img.i() != written) {
            throw new IllegalArgumentException(where + ": images must be written in split order, expected i = "
                    + written);
        }
        SgPrediction p = img.pred();
        p.validate(where, header.numObjClasses(), header.numRelClasses());
        if (img.gt() != null) {
            img.gt().validate(where, header.numObjClasses(), header.numRelClasses());
        }
        p = truncate(p, "predcls".equals(header.mode()), header.numRelClasses(), header.topPairs());
        try {
            gen.writeStartObject();
            gen.writeNumberField("i", img.i());
            gen.writeNumberField("imageId", img.imageId());
            gen.writeNumberField("width", img.width());
            gen.writeNumberField("height", img.height());
            writeFloatRows("boxes", p.boxes(), 4);
            writeInts("labels", p.labels());
            writeFloats("scores", p.scores());
            writeIntRows("relPairs", p.relPairs(), 2);
            writeFloatRows("relScores", p.relScores(), header.numRelClasses());
            if (img.gt() != null) {
                gen.writeObjectFieldStart("gt");
                writeFloatRows("boxes", img.gt().boxes(), 4);
                writeInts("labels", img.gt().labels());
                writeIntRows("rels", img.gt().rels(), 3);
                gen.writeEndObject();
            }
            gen.writeEndObject();
            gen.writeRaw('\n');
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + where, e);
        }
        written++;
    }

    /**
     * The pairs that can matter for K ≤ topPairs (eval-spec §8): those in the graph-constrained top-topPairs or with
     * an entry in the no-graph-constraint top-topPairs, in the model's original order; topPairs = 0 keeps all. The
     * ranking uses object scores 1 when {@code unitScores} (PredCls, whose evaluator substitutes them).
     */
    public static SgPrediction truncate(SgPrediction p, boolean unitScores, int numRelClasses, int topPairs) {
        int m = p.numPairs();
        if (topPairs == 0 || m <= topPairs) {
            return p;
        }
        float[] scores = p.scores();
        if (unitScores) {
            scores = new float[scores.length];
            java.util.Arrays.fill(scores, 1f);
        }
        SgPrediction ranked = new SgPrediction(p.boxes(), p.labels(), scores, p.relPairs(), p.relScores());
        boolean[] keep = SgImageRecall.topPairs(ranked, numRelClasses, topPairs);
        int kept = 0;
        for (boolean k : keep) {
            kept += k ? 1 : 0;
        }
        int[] pairs = new int[2 * kept];
        float[] rs = new float[kept * numRelClasses];
        for (int i = 0, j = 0; i < m; i++) {
            if (keep[i]) {
                System.arraycopy(p.relPairs(), 2 * i, pairs, 2 * j, 2);
                System.arraycopy(p.relScores(), i * numRelClasses, rs, j * numRelClasses, numRelClasses);
                j++;
            }
        }
        return new SgPrediction(p.boxes(), p.labels(), p.scores(), pairs, rs);
    }

    /** Finishes the gzip stream and moves the file into place; the header's numImages must have been written. */
    public Path commit() {
        if (written != header.numImages()) {
            throw new IllegalStateException(file + ": the header announces " + header.numImages()
                    + " images but " + written + " were written");
        }
        try {
            gen.close();
            gzip.finish();
            gzip.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot finish " + file, e);
        }
        target.commit();
        return file;
    }

    @Override
    public void close() {
        try {
            gen.close();
        } catch (IOException ignored) {
            // the temporary file is dropped below unless committed
        }
        target.close();
    }

    private void writeInts(String name, int[] v) throws IOException {
        gen.writeArrayFieldStart(name);
        for (int x : v) {
            gen.writeNumber(x);
        }
        gen.writeEndArray();
    }

    private void writeFloats(String name, float[] v) throws IOException {
        gen.writeArrayFieldStart(name);
        for (float x : v) {
            gen.writeNumber(x);
        }
        gen.writeEndArray();
    }

    private void writeIntRows(String name, int[] v, int width) throws IOException {
        gen.writeArrayFieldStart(name);
        for (int r = 0; r < v.length / width; r++) {
            gen.writeStartArray();
            for (int c = 0; c < width; c++) {
                gen.writeNumber(v[r * width + c]);
            }
            gen.writeEndArray();
        }
        gen.writeEndArray();
    }

    private void writeFloatRows(String name, float[] v, int width) throws IOException {
        gen.writeArrayFieldStart(name);
        for (int r = 0; r < v.length / width; r++) {
            gen.writeStartArray();
            for (int c = 0; c < width; c++) {
                gen.writeNumber(v[r * width + c]);
            }
            gen.writeEndArray();
        }
        gen.writeEndArray();
    }
}
