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

    /** How {@link Module#loadStateDict} treats keys that only one side has. */
    public enum Keys {
        /** Any missing or unexpected key is an error that lists all of them. */
        STRICT,
        /** They are skipped and returned in the {@link LoadResult} (partial loads, fine-tuning). */
        LENIENT
    }

    /** What {@link Module#loadStateDict} did not match: keys the module has but the dict lacks, and the reverse. */
    public record LoadResult(List<String> missing, List<String> unexpected) {
        public boolean clean() {
            return missing.isEmpty() && unexpected.isEmpty();
        }
    }
}
