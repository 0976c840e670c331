package org.sgae.train;

import java.util.LinkedHashMap;
import java.util.Map;
import org.sgae.tensor.Tensor;

/** The named scalar losses of a step: their sum and their host values. */
final class Losses {
    private Losses() {
    }

    /** The sum of the losses in map order, or null when there are none. */
    static Tensor sum(Map<String, Tensor> losses) {
        Tensor t = null;
        for (Tensor l : losses.values()) {
            t = t == null ? l : t.add(l);
        }
        return t;
    }

    /** Each loss's value, read to the host, in map order. */
    static Map<String, Double> values(Map<String, Tensor> losses) {
        Map<String, Double> out = new LinkedHashMap<>();
        losses.forEach((k, v) -> out.put(k, v.item()));
        return out;
    }
}
