package org.sgae.train.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The JSON form of {@link TrainConfig}: printing and saving the resolved config, reading it back from a checkpoint,
 * and the two override paths of the command line (a JSON file, then {@code --set key=value}). Overrides work on the
 * JSON tree of the preset's config, so every key is a dotted record path ({@code detSolver.lr},
 * {@code model.proposals.preNmsTopNTrain}) and a new config record is overridable without code here.
 */
public final class ConfigJson {
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT) // 7.5 iterations is an error, not 7
            .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
            .build();

    private ConfigJson() {
    }

    /**
     * The command line's config: the preset's (--preset, else the file's "preset", else cpu), then the file's keys,
     * then each {@code key=value} in order; validated. A --preset that contradicts the file's is an error.
     */
    public static TrainConfig resolve(Preset preset, Path file, List<String> sets) {
        Preset filePreset = file == null ? null : presetOf(file);
        if (preset != null && filePreset != null && preset != filePreset) {
            throw new IllegalArgumentException(file + ": key 'preset' is " + filePreset + " but --preset is " + preset);
        }
        Preset base = preset != null ? preset : filePreset != null ? filePreset : Preset.CPU;
        TrainConfig cfg = TrainConfig.preset(base);
        if (file != null) {
            cfg = overlay(cfg, file);
        }
        for (String s : sets) {
            cfg = set(cfg, s);
        }
        return cfg.validate();
    }

    /** Pretty JSON, the same text that is printed at start-up and saved as config.json. */
    public static String toJson(TrainConfig cfg) {
        try {
            return JSON.writeValueAsString(cfg);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("TrainConfig is not serialisable: " + e.getOriginalMessage(), e);
        }
    }

    /** Reads a complete config (config.json of a run or checkpoint); errors name the file. */
    public static TrainConfig read(Path file) {
        return parse(file, readTree(file));
    }

    /**
     * The file's keys laid over {@code base}: a file may hold any subset of the config. An unknown key or a value of
     * the wrong kind is an error naming the file and the key.
     */
    public static TrainConfig overlay(TrainConfig base, Path file) {
        JsonNode over = readTree(file);
        if (!over.isObject()) {
            throw new IllegalArgumentException(file + ": a config file must hold a JSON object");
        }
        ObjectNode tree = JSON.valueToTree(base);
        merge(tree, (ObjectNode) over, "", file.toString());
        return parse(file, tree);
    }

    /** The preset named by a config file, or null when it names none (so the caller picks the base preset). */
    public static Preset presetOf(Path file) {
        JsonNode p = readTree(file).get("preset");
        if (p == null) {
            return null;
        }
        try {
            return JSON.treeToValue(p, Preset.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(file + ": key 'preset': not a preset (vg or cpu): " + p);
        }
    }

    /**
     * One {@code key=value} override: the key is a dotted path of an existing field, the value is parsed as that
     * field's kind (number, boolean, text, or a list written "[0.7, 0.9]" or "0.7,0.9").
     */
    public static TrainConfig set(TrainConfig base, String assignment) {
        int eq = assignment.indexOf('=');
        if (eq <= 0) {
            throw new IllegalArgumentException("--set " + assignment + ": expected key=value");
        }
        String key = assignment.substring(0, eq).trim();
        String value = assignment.substring(eq + 1).trim();
        ObjectNode tree = JSON.valueToTree(base);
        ObjectNode parent = tree;
        String[] parts = key.split("\\.", -1);
        for (int i = 0; i < parts.length - 1; i++) {
            JsonNode child = parent.get(parts[i]);
            if (child == null || !child.isObject()) {
                throw unknownKey(key, parent, String.join(".", List.of(parts).subList(0, i)));
            }
            parent = (ObjectNode) child;
        }
        String last = parts[parts.length - 1];
        JsonNode old = parent.get(last);
        if (old == null || old.isObject()) {
            throw unknownKey(key, parent, String.join(".", List.of(parts).subList(0, parts.length - 1)));
        }
        parent.set(last, parseLike(old, value, key));
        try {
            return JSON.treeToValue(tree, TrainConfig.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("--set " + key + ": bad value '" + value + "' ("
                    + e.getOriginalMessage().lines().findFirst().orElse("") + ")");
        }
    }

    private static IllegalArgumentException unknownKey(String key, ObjectNode scope, String scopeName) {
        List<String> known = new ArrayList<>();
        scope.fieldNames().forEachRemaining(f -> known.add(scopeName.isEmpty() ? f : scopeName + "." + f));
        return new IllegalArgumentException("--set " + key + ": unknown key; keys there: " + known);
    }

    private static JsonNode parseLike(JsonNode old, String value, String key) {
        try {
            if (old.isIntegralNumber()) {
                return LongNode.valueOf(Long.parseLong(value));
            }
            if (old.isNumber()) {
                return DoubleNode.valueOf(Double.parseDouble(value));
            }
            if (old.isBoolean()) {
                if (!value.equals("true") && !value.equals("false")) {
                    throw new NumberFormatException("not true or false");
                }
                return BooleanNode.valueOf(Boolean.parseBoolean(value));
            }
            if (old.isArray()) {
                return parseList((ArrayNode) old, value, key);
            }
            return TextNode.valueOf(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--set " + key + ": bad value '" + value + "', expected "
                    + kind(old));
        }
    }

    private static JsonNode parseList(ArrayNode old, String value, String key) {
        String body = value.startsWith("[") && value.endsWith("]") ? value.substring(1, value.length() - 1) : value;
        ArrayNode out = JsonNodeFactory.instance.arrayNode();
        // An empty list has no element to copy the kind from; list fields of the configs hold numbers.
        JsonNode element = old.isEmpty() ? DoubleNode.valueOf(0) : old.get(0);
        for (String item : body.split(",")) {
            if (!item.isBlank()) {
                out.add(parseLike(element, item.trim(), key));
            }
        }
        return out;
    }

    private static String kind(JsonNode n) {
        if (n.isIntegralNumber()) {
            return "an integer";
        }
        if (n.isNumber()) {
            return "a number";
        }
        if (n.isBoolean()) {
            return "true or false";
        }
        return n.isArray() ? "a list" : "text";
    }

    /** Lays {@code over} onto {@code base} in place; every key of {@code over} must exist in {@code base}. */
    private static void merge(ObjectNode base, ObjectNode over, String prefix, String file) {
        Iterator<String> names = over.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            String key = prefix + name;
            JsonNode old = base.get(name);
            JsonNode v = over.get(name);
            if (old == null) {
                throw new IllegalArgumentException(file + ": unknown key '" + key + "'");
            }
            if (old.isObject() && v.isObject()) {
                merge((ObjectNode) old, (ObjectNode) v, key + ".", file);
            } else if (!kind(old).equals(kind(v)) && !(old.isNumber() && v.isIntegralNumber())) {
                // same kind of value, except that a whole number may stand for a fractional one
                throw new IllegalArgumentException(file + ": key '" + key + "': expected " + kind(old) + ", got " + v);
            } else {
                base.set(name, v);
            }
        }
    }

    private static JsonNode readTree(Path file) {
        try {
            return JSON.readTree(Files.readString(file, StandardCharsets.UTF_8));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(file + ": not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": cannot read (" + e + ")");
        }
    }

    private static TrainConfig parse(Path file, JsonNode tree) {
        try {
            return JSON.treeToValue(tree, TrainConfig.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(file + ": " + e.getOriginalMessage().lines().findFirst().orElse(""));
        }
    }
}
