package org.sgae.bench.anchor;

import java.util.Map;
import java.util.function.Supplier;

/**
 * One timed case, described as the torch script's case dicts are: same name, group, params and FLOP count, so
 * the two JSON files pair up by name. {@code build} does the (possibly large) setup and returns the timed unit; it
 * runs only for cases that are selected.
 */
public record AnchorCase(String name, String group, Map<String, Object> params, double flop, String flopNote,
                         Supplier<Call> build) {

    /** The timed unit. Returns its result so the JIT cannot drop the work (the harness keeps it in a sink). */
    @FunctionalInterface
    public interface Call {
        Object run();
    }
}
