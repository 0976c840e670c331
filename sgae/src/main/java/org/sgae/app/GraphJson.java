package org.sgae.app;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.sgae.data.DataFormatException;
import org.sgae.data.vg.VgDicts;

/**
 * Reads hand-written scene graphs in sg2im's JSON shape ({@code scene_graphs/*.json} of google/sg2im):
 *
 * <pre>
 * {"objects": ["man", "horse", "street"],
 *  "relationships": [[0, "riding", 1], [1, "in", 2]]}
 * </pre>
 *
 * The file holds one such object, or a list of them (as sg2im's files do). Relationships are
 * {@code [subject index, "predicate", object index]} triples into the objects list. Names are resolved against
 * the data set's VG-SGG-dicts; a cycle, or an object related to itself, is allowed (sg2im allows both). Any
 * error is one {@link DataFormatException} whose message names the file and the field, e.g.
 * {@code graph.json: [1].relationships[2][1]: unknown predicate 'standing on'}.
 */
public final class GraphJson {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> KEYS = Set.of("objects", "relationships");
    /** Names listed in an "unknown class" message at most. */
    private static final int LIST_NAMES = 60;

    private GraphJson() {
    }

    /**
     * The graphs of {@code file}, each with at most {@code maxObjects} objects (the generator's M, model-spec
     * §8).
     */
    public static List<InputGraph> read(Path file, VgDicts dicts, int maxObjects) {
        JsonNode root;
        try {
            root = JSON.readTree(Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            throw new DataFormatException(file, "graph file is missing", e);
        } catch (JsonParseException e) {
            var at = e.getLocation();
            throw new DataFormatException(file, "malformed JSON at line " + at.getLineNr() + ", column "
                    + at.getColumnNr() + ": " + e.getOriginalMessage(), e);
        } catch (JsonProcessingException e) {
            throw new DataFormatException(file, "malformed JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new DataFormatException(file, "cannot read: " + e.getMessage(), e);
        }
        List<InputGraph> out = new ArrayList<>();
        String base = file.getFileName().toString();
        if (root != null && root.isObject()) {
            out.add(graph(file, root, "", base, dicts, maxObjects));
        } else if (root != null && root.isArray()) {
            if (root.isEmpty()) {
                throw new DataFormatException(file, "the list of graphs is empty");
            }
            for (int i = 0; i < root.size(); i++) {
                String at = "[" + i + "]";
                if (!root.get(i).isObject()) {
                    throw new DataFormatException(file, at + ": expected a graph object {\"objects\": [...], "
                            + "\"relationships\": [...]}");
                }
                out.add(graph(file, root.get(i), at + ".", base + at, dicts, maxObjects));
            }
        } else {
            throw new DataFormatException(file, "expected a graph object {\"objects\": [...], \"relationships\": "
                    + "[...]} or a list of them at the top level");
        }
        return out;
    }

    private static InputGraph graph(Path file, JsonNode g, String at, String name, VgDicts dicts, int maxObjects) {
        for (Iterator<String> it = g.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!KEYS.contains(key)) { // a misspelt "relationships" would otherwise give a graph without relations
                throw new DataFormatException(file, at + key + ": unknown key (expected 'objects' and "
                        + "'relationships')");
            }
        }
        JsonNode objs = g.get("objects");
        if (objs == null || !objs.isArray()) {
            throw new DataFormatException(file, at + "objects: missing or not a list of class names");
        }
        if (objs.isEmpty()) {
            throw new DataFormatException(file, at + "objects: the list is empty");
        }
        if (objs.size() > maxObjects) {
            throw new DataFormatException(file, at + "objects: " + objs.size() + " objects, at most " + maxObjects
                    + " are allowed");
        }
        List<String> names = new ArrayList<>();
        int[] labels = new int[objs.size()];
        for (int i = 0; i < objs.size(); i++) {
            JsonNode o = objs.get(i);
            String field = at + "objects[" + i + "]";
            if (!o.isTextual()) {
                throw new DataFormatException(file, field + ": expected a class name, got " + o);
            }
            int idx = dicts.objects().indexOf(o.asText());
            if (idx < 0) {
                throw new DataFormatException(file, field + ": unknown object class '" + o.asText() + "' (known: "
                        + known(dicts.objects()) + ")");
            }
            names.add(o.asText());
            labels[i] = idx + 1;
        }
        JsonNode rels = g.get("relationships");
        if (rels != null && !rels.isArray()) {
            throw new DataFormatException(file, at + "relationships: expected a list of [subject, \"predicate\", "
                    + "object] triples");
        }
        int m = rels == null ? 0 : rels.size();
        int[] triples = new int[3 * m];
        for (int k = 0; k < m; k++) {
            JsonNode r = rels.get(k);
            String field = at + "relationships[" + k + "]";
            if (!r.isArray() || r.size() != 3) {
                throw new DataFormatException(file, field + ": expected [subject, \"predicate\", object], got " + r);
            }
            triples[3 * k] = index(file, field + "[0]", r.get(0), names.size(), "subject");
            triples[3 * k + 1] = index(file, field + "[2]", r.get(2), names.size(), "object");
            JsonNode p = r.get(1);
            if (!p.isTextual()) {
                throw new DataFormatException(file, field + "[1]: expected a predicate name, got " + p);
            }
            int pi = dicts.predicates().indexOf(p.asText());
            if (pi < 0) {
                throw new DataFormatException(file, field + "[1]: unknown predicate '" + p.asText() + "' (known: "
                        + known(dicts.predicates()) + ")");
            }
            triples[3 * k + 2] = pi + 1;
        }
        return new InputGraph(name, names, labels, triples);
    }

    private static int index(Path file, String field, JsonNode v, int n, String role) {
        if (!v.isIntegralNumber() || !v.canConvertToInt()) {
            throw new DataFormatException(file, field + ": the " + role + " must be an object index 0.." + (n - 1)
                    + ", got " + v);
        }
        int i = v.asInt();
        if (i < 0 || i >= n) {
            throw new DataFormatException(file, field + ": " + role + " index " + i + " is out of range 0.."
                    + (n - 1));
        }
        return i;
    }

    private static String known(List<String> names) {
        return names.size() <= LIST_NAMES ? String.join(", ", names)
                : String.join(", ", names.subList(0, LIST_NAMES)) + ", … (" + names.size() + " in all)";
    }
}
