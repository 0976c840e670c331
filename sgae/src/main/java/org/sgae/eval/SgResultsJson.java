package org.sgae.eval;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * results.json of the relation evaluation: full-precision doubles (Jackson writes the shortest decimal that reads
 * back as the same double), the K values, the mode, the counters of §5.5 and per-predicate recall; written atomically.
 */
public final class SgResultsJson {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private SgResultsJson() {
    }

    /** {"source": {...}, "results": [one object per mode]} to {@code file}. */
    public static void write(Path file, Map<String, Object> source, List<SgResult> results) {
        ObjectNode root = JSON.createObjectNode();
        root.set("source", JSON.valueToTree(source));
        ArrayNode arr = root.putArray("results");
        for (SgResult r : results) {
            arr.add(toJson(r));
        }
        try {
            AtomicFile.write(file, (JSON.writeValueAsString(root) + "\n").getBytes(StandardCharsets.UTF_8));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One mode's values: "R@20", "ng-R@20", "mR@20", "ng-mR@20", ... and the counters. */
    public static ObjectNode toJson(SgResult r) {
        ObjectNode o = JSON.createObjectNode();
        o.put("mode", r.mode().title());
        ArrayNode ks = o.putArray("ks");
        for (int k : r.ks()) {
            ks.add(k);
        }
        o.put("sgbSkipEmpty", r.sgbSkipEmpty());
        String[] names = {"R", "ng-R", "mR", "ng-mR"};
        double[][] values = {r.recall(), r.ngRecall(), r.meanRecall(), r.ngMeanRecall()};
        for (int f = 0; f < names.length; f++) {
            for (int k = 0; k < r.ks().length; k++) {
                o.put(names[f] + "@" + r.ks()[k], values[f][k]);
            }
        }
        SgResult.Counters c = r.counters();
        ObjectNode cn = o.putObject("counters");
        cn.put("images", c.images());
        cn.put("evaluated", c.evaluated());
        cn.put("skippedNoGt", c.skippedNoGt());
        cn.put("emptyPredictions", c.emptyPredictions());
        cn.put("gtTriplets", c.gtTriplets());
        cn.put("meanPairs", c.meanPairs());
        ObjectNode per = o.putObject("perPredicate");
        ArrayNode imgs = per.putArray("images");
        for (int c1 = 1; c1 < r.imagesPerPredicate().length; c1++) {
            imgs.add(r.imagesPerPredicate()[c1]);
        }
        for (int k = 0; k < r.ks().length; k++) {
            ArrayNode a = per.putArray("R@" + r.ks()[k]);
            ArrayNode b = per.putArray("ng-R@" + r.ks()[k]);
            for (int c1 = 1; c1 < r.perPredicate()[k].length; c1++) {
                a.add(r.perPredicate()[k][c1]);
                b.add(r.ngPerPredicate()[k][c1]);
            }
        }
        return o;
    }
}
