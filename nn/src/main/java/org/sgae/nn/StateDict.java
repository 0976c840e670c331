package org.sgae.nn;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Named tensors in a stable order (dotted names such as {@code detector.rpn.conv.weight}). */
public final class StateDict extends LinkedHashMap<String, org.sgae.tensor.Tensor> {
    private static final long serialVersionUID = 1L;

    public StateDict() {
    }

    public StateDict(Map<String, org.sgae.tensor.Tensor> m) {
        super(m);
    }

    /** What {@link Module#loadStateDict} did not match: keys the module has but the dict lacks, and the reverse. */
    public record LoadResult(List<String> missing, List<String> unexpected) {
        public boolean clean() {
            return missing.isEmpty() && unexpected.isEmpty();
        }
    }
}
