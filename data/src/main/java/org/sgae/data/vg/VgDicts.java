package org.sgae.data.vg;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sgae.data.AtomicFiles;
import org.sgae.data.DataFormatException;

/**
 * VG-SGG-dicts.json (vg150-format.md §4). {@code objects.get(i)} is the name of class i + 1; index 0 is the
 * implicit {@value #BACKGROUND}. Counts are the raw name counts stored in the file.
 */
public record VgDicts(List<String> objects, List<String> predicates,
                      Map<String, Long> objectCount, Map<String, Long> predicateCount) {
    public static final String BACKGROUND = "__background__";
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public VgDicts {
        objects = List.copyOf(objects);
        predicates = List.copyOf(predicates);
        objectCount = Collections.unmodifiableMap(new LinkedHashMap<>(objectCount));
        predicateCount = Collections.unmodifiableMap(new LinkedHashMap<>(predicateCount));
    }

    /** Number of object classes including background (= objects.size() + 1). */
    public int numObjectClasses() {
        return objects.size() + 1;
    }

    /** Number of predicate classes including background "no relation" (= predicates.size() + 1). */
    public int numPredicateClasses() {
        return predicates.size() + 1;
    }

    public String objectName(int idx) {
        return idx == 0 ? BACKGROUND : objects.get(idx - 1);
    }

    public String predicateName(int idx) {
        return idx == 0 ? BACKGROUND : predicates.get(idx - 1);
    }

    public int objectIndex(String name) {
        int i = objects.indexOf(name);
        if (i < 0) {
            throw new IllegalArgumentException("unknown object class '" + name + "'");
        }
        return i + 1;
    }

    public int predicateIndex(String name) {
        int i = predicates.indexOf(name);
        if (i < 0) {
            throw new IllegalArgumentException("unknown predicate '" + name + "'");
        }
        return i + 1;
    }

    public static VgDicts read(Path file) {
        JsonNode root;
        try {
            root = JSON.readTree(Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            throw new DataFormatException(file, "dictionary file is missing", e);
        } catch (JsonProcessingException e) {
            throw new DataFormatException(file, "bad JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new DataFormatException(file, "cannot read: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new DataFormatException(file, "expected a JSON object at the top level");
        }
        List<String> objects = names(file, root, "idx_to_label");
        List<String> predicates = names(file, root, "idx_to_predicate");
        return new VgDicts(objects, predicates, counts(file, root, "object_count"),
                counts(file, root, "predicate_count"));
    }

    /** idx → name map with string keys "1".."n"; every index must be present exactly once. */
    private static List<String> names(Path file, JsonNode root, String key) {
        JsonNode m = root.get(key);
        if (m == null || !m.isObject()) {
            throw new DataFormatException(file, "key '" + key + "' is missing or not an object");
        }
        int n = m.size();
        List<String> out = new ArrayList<>(Collections.nCopies(n, null));
        var it = m.fields();
        while (it.hasNext()) {
            var e = it.next();
            int idx;
            try {
                idx = Integer.parseInt(e.getKey());
            } catch (NumberFormatException ex) {
                throw new DataFormatException(file, "'" + key + "' has non-integer key '" + e.getKey() + "'");
            }
            if (idx < 1 || idx > n || !e.getValue().isTextual()) {
                throw new DataFormatException(file, "'" + key + "' entry " + e.getKey()
                        + " is out of range 1.." + n + " or not a name");
            }
            out.set(idx - 1, e.getValue().asText());
        }
        return out;
    }

    private static Map<String, Long> counts(Path file, JsonNode root, String key) {
        Map<String, Long> out = new LinkedHashMap<>();
        JsonNode m = root.get(key);
        if (m == null) {
            return out; // optional: only used for reporting
        }
        if (!m.isObject()) {
            throw new DataFormatException(file, "'" + key + "' is not an object");
        }
        m.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asLong()));
        return out;
    }

    /** Writes the file with a fixed key order (byte-identical for equal content). */
    public void write(Path file) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode l2i = root.putObject("label_to_idx");
        ObjectNode i2l = root.putObject("idx_to_label");
        for (int i = 0; i < objects.size(); i++) {
            l2i.put(objects.get(i), i + 1);
            i2l.put(Integer.toString(i + 1), objects.get(i));
        }
        ObjectNode p2i = root.putObject("predicate_to_idx");
        ObjectNode i2p = root.putObject("idx_to_predicate");
        for (int i = 0; i < predicates.size(); i++) {
            p2i.put(predicates.get(i), i + 1);
            i2p.put(Integer.toString(i + 1), predicates.get(i));
        }
        ObjectNode oc = root.putObject("object_count");
        objectCount.forEach(oc::put);
        ObjectNode pc = root.putObject("predicate_count");
        predicateCount.forEach(pc::put);
        try {
            AtomicFiles.write(file, JSON.writeValueAsBytes(root));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
