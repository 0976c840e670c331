package org.sgae.eval;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Streams a prediction dump (eval-spec §8) back: {@link #header()}, then {@link #next()} per image until null. Any
 * problem is one {@link DumpFormatException} naming the file, the line and the field: not gzip, truncated (cut gzip
 * stream or fewer lines than the header's numImages), bad JSON, a missing or wrongly shaped field, values the
 * evaluator would refuse (boxes with x2 &lt; x1, labels or pair indices out of range).
 */
public final class SgDumpReader implements AutoCloseable {
    private static final JsonFactory JSON = new JsonFactory();
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Path file;
    private final BufferedReader lines;
    private final SgDumpHeader header;
    private int lineNo = 1;
    private int images;

    /** One line naming file, line and field. */
    public static final class DumpFormatException extends RuntimeException {
        DumpFormatException(String message) {
            super(message);
        }
    }

    private SgDumpReader(Path file, BufferedReader lines) {
        this.file = file;
        this.lines = lines;
        this.header = readHeader();
    }

    /** Opens the dump and reads its header line. */
    public static SgDumpReader open(Path file) {
        BufferedReader r;
        try {
            r = new BufferedReader(new InputStreamReader(new GZIPInputStream(Files.newInputStream(file), 1 << 16),
                    StandardCharsets.UTF_8), 1 << 16);
        } catch (NoSuchFileException e) {
            throw new DumpFormatException(file + ": no such file");
        } catch (ZipException | EOFException e) {
            throw new DumpFormatException(file + ": not a gzip file (" + e.getMessage() + ")");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        try {
            return new SgDumpReader(file, r);
        } catch (RuntimeException e) {
            closeQuietly(r);
            throw e;
        }
    }

    public SgDumpHeader header() {
        return header;
    }

    public Path file() {
        return file;
    }

    /** The next image, or null after the last; the image count must equal the header's numImages. */
    public SgDumpImage next() {
        String text = readLine();
        if (text == null || (text.isEmpty() && images == header.numImages())) {
            if (images != header.numImages()) {
                throw fail(lineNo + 1, "(end)", "truncated: the header announces " + header.numImages()
                        + " images, the file ends after " + images);
            }
            return null;
        }
        lineNo++;
        if (images == header.numImages()) {
            throw fail(lineNo, "(line)", "more image lines than the header's numImages " + header.numImages());
        }
        SgDumpImage img = parseImage(text);
        images++;
        return img;
    }

    private String readLine() {
        try {
            return lines.readLine();
        } catch (EOFException e) {
            throw fail(lineNo + 1, "(gzip)", "truncated: the gzip stream ends early (" + e.getMessage() + ")");
        } catch (ZipException e) {
            throw fail(lineNo + 1, "(gzip)", "corrupt gzip data (" + e.getMessage() + ")");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private DumpFormatException fail(int line, String field, String what) {
        return new DumpFormatException(file + " line " + line + " field " + field + ": " + what);
    }

    private SgDumpHeader readHeader() {
        String text = readLine();
        if (text == null) {
            throw fail(1, "(header)", "empty file");
        }
        JsonNode h;
        try {
            h = MAPPER.readTree(text);
        } catch (IOException e) {
            throw fail(1, "(header)", "not JSON (" + e.getMessage().lines().findFirst().orElse("") + ")");
        }
        if (!SgDumpHeader.FORMAT.equals(text(h, "format"))) {
            throw fail(1, "format", "expected \"" + SgDumpHeader.FORMAT + "\", got " + h.get("format"));
        }
        if (integer(h, "version") != SgDumpHeader.VERSION) {
            throw fail(1, "version", "expected " + SgDumpHeader.VERSION + ", got " + h.get("version"));
        }
        String mode = text(h, "mode");
        try {
            SgMode.forDump(mode);
        } catch (IllegalArgumentException e) {
            throw fail(1, "mode", e.getMessage());
        }
        expect(h, "boxFrame", "original");
        expect(h, "boxFormat", "xyxy");
        if (!h.path("iouPlusOne").isBoolean() || !h.get("iouPlusOne").booleanValue()) {
            throw fail(1, "iouPlusOne", "expected true, got " + h.get("iouPlusOne"));
        }
        JsonNode ds = h.path("dataset");
        JsonNode model = h.path("model");
        int numObj = integer(h, "numObjClasses");
        int numRel = integer(h, "numRelClasses");
        int top = integer(h, "topPairs");
        int n = integer(ds, "dataset.numImages");
        try {
            return new SgDumpHeader(mode, numObj, numRel, top, text(ds, "dataset.name"), text(ds, "dataset.split"),
                    n, text(ds, "dataset.dictsSha256"), text(model, "model.checkpoint"),
                    text(model, "model.configSha256"));
        } catch (IllegalArgumentException e) {
            throw fail(1, "(header)", e.getMessage());
        }
    }

    private void expect(JsonNode h, String field, String value) {
        if (!value.equals(text(h, field))) {
            throw fail(1, field, "expected \"" + value + "\", got " + h.get(field));
        }
    }

    private String text(JsonNode node, String path) {
        JsonNode v = node.get(path.substring(path.lastIndexOf('.') + 1));
        if (v == null || !v.isTextual()) {
            throw fail(1, path, v == null ? "missing" : "must be a string, got " + v);
        }
        return v.textValue();
    }

    private int integer(JsonNode node, String path) {
        JsonNode v = node.get(path.substring(path.lastIndexOf('.') + 1));
        if (v == null || !v.canConvertToInt() || !v.isIntegralNumber()) {
            throw fail(1, path, v == null ? "missing" : "must be an integer, got " + v);
        }
        return v.intValue();
    }

    /** Parses one image line with the streaming parser (relScores rows are the bulk of the file). */
    private SgDumpImage parseImage(String text) {
        Line l = new Line(text);
        try {
            return l.image();
        } catch (JsonParseException e) {
            throw fail(lineNo, l.field, "not valid JSON (" + e.getOriginalMessage() + ")");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** One line's parser and the field being read, for the error message. */
    private final class Line {
        private final JsonParser p;
        private String field = "(line)";

        Line(String text) {
            try {
                p = JSON.createParser(text);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        SgDumpImage image() throws IOException {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw fail(lineNo, field, "expected a JSON object");
            }
            Integer i = null;
            Long imageId = null;
            Integer width = null;
            Integer height = null;
            float[] boxes = null;
            int[] labels = null;
            float[] scores = null;
            int[] pairs = null;
            float[] relScores = null;
            SgGt gt = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                field = p.currentName();
                p.nextToken();
                switch (field) {
                    case "i" -> i = intValue();
                    case "imageId" -> imageId = longValue();
                    case "width" -> width = intValue();
                    case "height" -> height = intValue();
                    case "boxes" -> boxes = floatRows(4);
                    case "labels" -> labels = ints();
                    case "scores" -> scores = floats();
                    case "relPairs" -> pairs = intRows(2);
                    case "relScores" -> relScores = floatRows(header.numRelClasses());
                    case "gt" -> gt = gt();
                    default -> p.skipChildren(); // unknown fields are ignored (later versions may add some)
                }
            }
            if (p.nextToken() != null) {
                field = "(line)";
                throw fail(lineNo, field, "text after the JSON object");
            }
            String[] names = {"i", "imageId", "width", "height", "boxes", "labels", "scores", "relPairs", "relScores"};
            Object[] values = {i, imageId, width, height, boxes, labels, scores, pairs, relScores};
            for (int k = 0; k < names.length; k++) {
                if (values[k] == null) {
                    throw fail(lineNo, names[k], "missing");
                }
            }
            if (i != images) {
                throw fail(lineNo, "i", "expected " + images + " (images in split order), got " + i);
            }
            SgPrediction pred = new SgPrediction(boxes, labels, scores, pairs, relScores);
            String where = file + " line " + lineNo;
            try {
                pred.validate(where, header.numObjClasses(), header.numRelClasses());
                if (gt != null) {
                    gt.validate(where, header.numObjClasses(), header.numRelClasses());
                }
            } catch (IllegalArgumentException e) {
                throw new DumpFormatException(e.getMessage());
            }
            return new SgDumpImage(i, imageId, width, height, pred, gt);
        }

        private SgGt gt() throws IOException {
            if (p.currentToken() != JsonToken.START_OBJECT) {
                throw fail(lineNo, "gt", "expected an object");
            }
            float[] boxes = null;
            int[] labels = null;
            int[] rels = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                field = "gt." + p.currentName();
                p.nextToken();
                switch (field) {
                    case "gt.boxes" -> boxes = floatRows(4);
                    case "gt.labels" -> labels = ints();
                    case "gt.rels" -> rels = intRows(3);
                    default -> p.skipChildren();
                }
            }
            if (boxes == null || labels == null || rels == null) {
                throw fail(lineNo, boxes == null ? "gt.boxes" : labels == null ? "gt.labels" : "gt.rels", "missing");
            }
            field = "gt";
            return new SgGt(boxes, labels, rels);
        }

        private int intValue() throws IOException {
            if (p.currentToken() != JsonToken.VALUE_NUMBER_INT || p.getNumberType() != JsonParser.NumberType.INT) {
                throw fail(lineNo, field, "expected an integer, got " + p.getText());
            }
            return p.getIntValue();
        }

        private long longValue() throws IOException {
            if (p.currentToken() != JsonToken.VALUE_NUMBER_INT) {
                throw fail(lineNo, field, "expected an integer, got " + p.getText());
            }
            return p.getLongValue();
        }

        private float floatValue() throws IOException {
            JsonToken t = p.currentToken();
            if (t != JsonToken.VALUE_NUMBER_FLOAT && t != JsonToken.VALUE_NUMBER_INT) {
                throw fail(lineNo, field, "expected a number, got " + p.getText());
            }
            // Parsed as a double and rounded to float32: exact for the ≤ 9-digit values of §8.
            return (float) p.getDoubleValue();
        }

        private void startArray() {
            if (p.currentToken() != JsonToken.START_ARRAY) {
                throw fail(lineNo, field, "expected an array");
            }
        }

        private int[] ints() throws IOException {
            startArray();
            IntList out = new IntList();
            while (p.nextToken() != JsonToken.END_ARRAY) {
                out.add(intValue());
            }
            return out.toArray();
        }

        private float[] floats() throws IOException {
            startArray();
            FloatList out = new FloatList();
            while (p.nextToken() != JsonToken.END_ARRAY) {
                out.add(floatValue());
            }
            return out.toArray();
        }

        private int[] intRows(int width) throws IOException {
            startArray();
            IntList out = new IntList();
            int row = 0;
            while (p.nextToken() != JsonToken.END_ARRAY) {
                startArray();
                int n = 0;
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    out.add(intValue());
                    n++;
                }
                if (n != width) {
                    throw fail(lineNo, field, "row " + row + " has " + n + " values, expected " + width);
                }
                row++;
            }
            return out.toArray();
        }

        private float[] floatRows(int width) throws IOException {
            startArray();
            FloatList out = new FloatList();
            int row = 0;
            while (p.nextToken() != JsonToken.END_ARRAY) {
                startArray();
                int n = 0;
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    out.add(floatValue());
                    n++;
                }
                if (n != width) {
                    throw fail(lineNo, field, "row " + row + " has " + n + " values, expected " + width);
                }
                row++;
            }
            return out.toArray();
        }
    }

    private static final class IntList {
        private int[] a = new int[16];
        private int n;

        void add(int v) {
            if (n == a.length) {
                a = java.util.Arrays.copyOf(a, 2 * n);
            }
            a[n++] = v;
        }

        int[] toArray() {
            return java.util.Arrays.copyOf(a, n);
        }
    }

    private static final class FloatList {
        private float[] a = new float[64];
        private int n;

        void add(float v) {
            if (n == a.length) {
                a = java.util.Arrays.copyOf(a, 2 * n);
            }
            a[n++] = v;
        }

        float[] toArray() {
            return java.util.Arrays.copyOf(a, n);
        }
    }

    @Override
    public void close() {
        closeQuietly(lines);
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception ignored) {
            // reading is over
        }
    }
}
