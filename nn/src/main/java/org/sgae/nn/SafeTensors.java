package org.sgae.nn;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.sgae.tensor.DType;
import org.sgae.tensor.Device;
import org.sgae.tensor.Shape;
import org.sgae.tensor.Tensor;
import org.sgae.tensor.memory.MemoryScope;

/**
 * The safetensors file format (huggingface/safetensors): an 8-byte little-endian header length n; n bytes of UTF-8
 * JSON, space-padded so the data starts at a multiple of 8; then the raw little-endian tensor data. The header maps
 * each name to {"dtype", "shape", "data_offsets": [begin, end]} with offsets relative to the data section, plus a
 * "__metadata__" map of strings.
 *
 * <p>Writing is deterministic: metadata keys and tensors sorted by name, compact JSON, data in the same order, so
 * equal inputs give byte-identical files. Files are written to a temporary sibling and renamed with ATOMIC_MOVE, so
 * a crash never leaves a half-written checkpoint under the real name.
 */
public final class SafeTensors {
    public static final String METADATA = "__metadata__";
    public static final String FORMAT_VERSION = "1";
    public static final String PRODUCER = "sgae";
    /** Headers above this are rejected before allocation (the reference implementation's limit). */
    static final long MAX_HEADER = 100L << 20;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int CHUNK = 1 << 20; // elements per I/O buffer, so huge tensors need no huge byte buffer

    private SafeTensors() {
    }

    /** What a file holds: CPU tensors in file order, and the metadata strings. */
    public record Contents(StateDict tensors, Map<String, String> metadata) {
    }

    /** Writes tensors with metadata {format_version, producer}. */
    public static void write(Path file, Map<String, Tensor> tensors) throws IOException {
        write(file, tensors, Map.of());
    }

    /**
     * Writes tensors (any device, any strides) with {@code extra} metadata added to format_version and producer.
     * Synchronises (copies each tensor to the host).
     */
    public static void write(Path file, Map<String, Tensor> tensors, Map<String, String> extra) throws IOException {
        Map<String, String> meta = new TreeMap<>(extra);
        meta.put("format_version", FORMAT_VERSION);
        meta.putIfAbsent("producer", PRODUCER);
        TreeMap<String, Tensor> sorted = new TreeMap<>(tensors);
        if (sorted.containsKey(METADATA)) {
            throw new IllegalArgumentException("SafeTensors.write: '" + METADATA + "' is reserved, not a tensor name");
        }
        Map<String, Object> header = new LinkedHashMap<>();
        header.put(METADATA, meta);
        long offset = 0;
        for (Map.Entry<String, Tensor> e : sorted.entrySet()) {
            Tensor t = e.getValue();
            long bytes = (long) t.numel() * t.dtype().byteSize();
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("dtype", t.dtype().name());
            entry.put("shape", t.shape().toArray());
            entry.put("data_offsets", new long[] {offset, offset + bytes});
            header.put(e.getKey(), entry);
            offset += bytes;
        }
        byte[] json = JSON.writeValueAsBytes(header);
        int padded = (json.length + 7) / 8 * 8;
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer head = ByteBuffer.allocate(8 + padded).order(ByteOrder.LITTLE_ENDIAN);
                head.putLong(padded).put(json);
                while (head.hasRemaining()) {
                    head.put((byte) ' ');
                }
                writeFully(ch, head.flip());
                for (Tensor t : sorted.values()) {
                    writeData(ch, t);
                }
                ch.force(true);
            }
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static void writeData(FileChannel ch, Tensor t) throws IOException {
        try (MemoryScope scope = MemoryScope.open()) {
            Tensor c = t.detach().to(Device.cpu()).contiguous();
            Object array = c.cpu().array();
            int size = c.dtype().byteSize();
            ByteBuffer buf = ByteBuffer.allocate(Math.min(c.numel(), CHUNK) * size).order(ByteOrder.LITTLE_ENDIAN);
            for (int from = 0; from < c.numel(); from += CHUNK) {
                int n = Math.min(CHUNK, c.numel() - from);
                buf.clear();
                HostArrays.put(c.dtype(), array, c.offset() + from, n, buf);
                writeFully(ch, buf.flip());
            }
        }
    }

    private static void writeFully(FileChannel ch, ByteBuffer b) throws IOException {
        while (b.hasRemaining()) {
            ch.write(b);
        }
    }

    /** One tensor's header entry, validated. */
    private record Entry(String name, DType dtype, Shape shape, long begin, long end) {
    }

    /**
     * Reads every tensor to the CPU (created in the current MemoryScope, if any). Any defect (truncation, bad JSON,
     * unknown dtype, offsets that do not tile the data section) is one {@link SafeTensorsFormatException} naming the
     * file and the problem.
     */
    public static Contents read(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size < 8) {
                throw new SafeTensorsFormatException(file, "file is " + size + " bytes, shorter than the 8-byte header"
                        + " length");
            }
            ByteBuffer lenBuf = readFully(ch, 0, 8, file);
            long n = lenBuf.order(ByteOrder.LITTLE_ENDIAN).getLong();
            if (n < 2 || n > MAX_HEADER || n > size - 8) {
                throw new SafeTensorsFormatException(file, "header length " + n + " is impossible for a file of "
                        + size + " bytes (truncated or not safetensors)");
            }
            byte[] headerBytes = readFully(ch, 8, (int) n, file).array();
            List<Entry> entries = new ArrayList<>();
            Map<String, String> meta = new LinkedHashMap<>();
            parseHeader(file, headerBytes, entries, meta);
            long dataStart = 8 + n;
            checkTiling(file, entries, size - dataStart);
            StateDict out = new StateDict();
            for (Entry e : entries) {
                out.put(e.name, readTensor(ch, file, dataStart, e));
            }
            return new Contents(out, meta);
        }
    }

    private static void parseHeader(Path file, byte[] bytes, List<Entry> entries, Map<String, String> meta)
            throws SafeTensorsFormatException {
        JsonNode root;
        try {
            root = JSON.readTree(new String(bytes, StandardCharsets.UTF_8).trim());
        } catch (JsonProcessingException ex) {
            throw new SafeTensorsFormatException(file, "header is not valid JSON: " + ex.getOriginalMessage(), ex);
        }
        if (root == null || !root.isObject()) {
            throw new SafeTensorsFormatException(file, "header is not a JSON object");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            String name = f.getKey();
            JsonNode v = f.getValue();
            if (METADATA.equals(name)) {
                if (!v.isObject()) {
                    throw new SafeTensorsFormatException(file, METADATA + " is not an object");
                }
                for (Iterator<Map.Entry<String, JsonNode>> m = v.fields(); m.hasNext(); ) {
                    Map.Entry<String, JsonNode> kv = m.next();
                    if (!kv.getValue().isTextual()) {
                        throw new SafeTensorsFormatException(file, "metadata value of '" + kv.getKey()
                                + "' is not a string");
                    }
                    meta.put(kv.getKey(), kv.getValue().asText());
                }
            } else {
                entries.add(parseEntry(file, name, v));
            }
        }
    }

    private static Entry parseEntry(Path file, String name, JsonNode v) throws SafeTensorsFormatException {
        if (!v.isObject() || !v.path("dtype").isTextual() || !v.path("shape").isArray()
                || !v.path("data_offsets").isArray() || v.path("data_offsets").size() != 2) {
            throw new SafeTensorsFormatException(file, "entry '" + name + "' needs dtype, shape and data_offsets [b, e]");
        }
        DType dtype;
        try {
            dtype = DType.valueOf(v.get("dtype").asText());
        } catch (IllegalArgumentException ex) {
            throw new SafeTensorsFormatException(file, "entry '" + name + "' has unsupported dtype "
                    + v.get("dtype").asText() + " (supported: F32, F64, I64, I32, U8, BOOL)");
        }
        JsonNode s = v.get("shape");
        int[] dims = new int[s.size()];
        long numel = 1;
        for (int i = 0; i < dims.length; i++) {
            if (!s.get(i).canConvertToInt() || s.get(i).asInt() < 0 || !s.get(i).isIntegralNumber()) {
                throw new SafeTensorsFormatException(file, "entry '" + name + "' has a bad shape " + s);
            }
            dims[i] = s.get(i).asInt();
            numel *= dims[i];
            if (numel > Integer.MAX_VALUE) {
                throw new SafeTensorsFormatException(file, "entry '" + name + "' has more than 2^31-1 elements " + s);
            }
        }
        JsonNode o = v.get("data_offsets");
        if (!o.get(0).isIntegralNumber() || !o.get(1).isIntegralNumber()) {
            throw new SafeTensorsFormatException(file, "entry '" + name + "' has non-integer data_offsets " + o);
        }
        long b = o.get(0).asLong();
        long e = o.get(1).asLong();
        if (b < 0 || e < b || e - b != numel * dtype.byteSize()) {
            throw new SafeTensorsFormatException(file, "entry '" + name + "' has data_offsets " + o + " but "
                    + dtype + " " + s + " needs " + numel * dtype.byteSize() + " bytes");
        }
        return new Entry(name, dtype, Shape.of(dims), b, e);
    }

    /** The entries' byte ranges must cover the data section exactly: no gaps, no overlaps, nothing missing. */
    private static void checkTiling(Path file, List<Entry> entries, long dataLength) throws SafeTensorsFormatException {
        List<Entry> byBegin = new ArrayList<>(entries);
        byBegin.sort((a, b) -> Long.compare(a.begin, b.begin));
        long at = 0;
        for (Entry e : byBegin) {
            if (e.begin != at) {
                throw new SafeTensorsFormatException(file, "tensor '" + e.name + "' starts at byte " + e.begin
                        + " of the data section, expected " + at + " (overlap or gap)");
            }
            at = e.end;
        }
        if (at != dataLength) {
            throw new SafeTensorsFormatException(file, "the header describes " + at + " data bytes but the file has "
                    + dataLength + (at > dataLength ? " (truncated)" : " (trailing bytes)"));
        }
    }

    private static Tensor readTensor(FileChannel ch, Path file, long dataStart, Entry e) throws IOException {
        Tensor t = Tensor.empty(e.shape, e.dtype, Device.cpu());
        Object array = t.cpu().array();
        int size = e.dtype.byteSize();
        int numel = e.shape.numel();
        for (int from = 0; from < numel; from += CHUNK) {
            int n = Math.min(CHUNK, numel - from);
            ByteBuffer buf = readFully(ch, dataStart + e.begin + (long) from * size, n * size, file);
            HostArrays.get(e.dtype, buf.order(ByteOrder.LITTLE_ENDIAN), array, from, n);
        }
        return t;
    }

    private static ByteBuffer readFully(FileChannel ch, long position, int length, Path file) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(length);
        while (b.hasRemaining()) {
            int r = ch.read(b, position + b.position());
            if (r < 0) {
                throw new SafeTensorsFormatException(file, "unexpected end of file at byte " + (position + b.position()));
            }
        }
        return b.flip();
    }
}
